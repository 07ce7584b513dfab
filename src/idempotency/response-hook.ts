import type { ServerResponse } from 'node:http';

/** `ServerResponse#write` or `#end`, as a hook receives it. */
export type ResponseMethod = (this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) => unknown;

/** Stands in for `write()` and `end()` of one response; each call gets the method it replaces. */
export interface ResponseHook {
  write(res: ServerResponse, write: ResponseMethod, chunk: unknown, encoding: unknown, callback: unknown): unknown;
  end(res: ServerResponse, end: ResponseMethod, chunk: unknown, encoding: unknown, callback: unknown): unknown;
}

/**
 * Routes this response's `write()` and `end()` through `hook`, by wrapping the two methods on the
 * response itself (as compression and on-headers do): no shared object, Express's prototypes and
 * Node's included, is changed, and the wrappers stay when a mounted sub-app swaps the response's
 * prototype. Methods an earlier middleware already wrapped are wrapped in turn, so the hook sees
 * the bytes the handler wrote. Cost, measured: Express gives each response a prototype of its own
 * app, after which V8 copies the response's hidden class for every property added to it (about
 * 1 KB each): two per hooked response, and none for the requests that claim nothing. Swapping the
 * response's prototype for a cached one of ours that overrides the two methods measured slower in
 * process (about +80 µs per request against +30 µs for these wrappers), and the override is lost
 * when a mounted sub-app sets the response's prototype to its own, or bypassed by an earlier
 * middleware's own-property wrapper that calls the method it saved.
 */
export function hookResponse(res: ServerResponse, hook: ResponseHook): void {
  // Unbound on purpose: the hook calls them with the response as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const write = res.write as ResponseMethod;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const end = res.end as ResponseMethod;
  // Always in this order, on every response: the same two additions each time.
  res.write = function hookedWrite(this: ServerResponse, chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    return hook.write(this, write, chunk, encoding, callback) as boolean;
  } as ServerResponse['write'];
  res.end = function hookedEnd(this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown): ServerResponse {
    return hook.end(this, end, chunk, encoding, callback) as ServerResponse;
  } as ServerResponse['end'];
}
