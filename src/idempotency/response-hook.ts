import type { ServerResponse } from 'node:http';
import { getState, RESPONSE_HOOK, setStateIfAbsent } from '../request-state';
import { readInherited } from '../utils/inherited-read';

/** `ServerResponse#write` or `#end`, as a hook receives it. */
export type ResponseMethod = (this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) => unknown;

/** Stands in for `write()` and `end()` of one response; each call gets the method it replaces. */
export interface ResponseHook {
  write(res: ServerResponse, write: ResponseMethod, chunk: unknown, encoding: unknown, callback: unknown): unknown;
  end(res: ServerResponse, end: ResponseMethod, chunk: unknown, encoding: unknown, callback: unknown): unknown;
}

// Marks the write() and end() installResponseCapture() defines, for every copy of the package.
const INSTALLED = Symbol.for('express-api-errors.responseCapture');
type Installed = ResponseMethod & { [INSTALLED]?: true };

function isInstalled(method: unknown): boolean {
  return typeof method === 'function' && (method as Installed)[INSTALLED] === true;
}

// The method `owner` overrides, past any other installed one further up (a sub-app and the app it
// is mounted on may both be installed): the hook sees each call once. Looked up per call, because
// mounting an app re-parents its `app.response`, and a later patch of Node's is honoured.
function inherited(owner: object, name: 'write' | 'end'): ResponseMethod {
  let proto = Object.getPrototypeOf(owner) as Record<string, unknown> | null;
  while (proto !== null && Object.hasOwn(proto, name) && isInstalled(proto[name])) proto = Object.getPrototypeOf(proto) as typeof proto;
  return proto?.[name] as ResponseMethod;
}

function delegating(owner: object, name: 'write' | 'end'): Installed {
  const method: Installed = function (this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown): unknown {
    const hook = getState(this, RESPONSE_HOOK);
    const original = inherited(owner, name);
    // `arguments` as given, so a response nobody hooks sees exactly Node's behaviour.
    // eslint-disable-next-line prefer-rest-params
    if (hook === undefined) return Reflect.apply(original, this, arguments);
    return hook[name](this, original, chunk, encoding, callback);
  };
  Object.defineProperty(method, 'name', { value: name });
  method[INSTALLED] = true;
  return method;
}

/**
 * Opt-in speed-up for `idempotency()` on one Express app (4 or 5): defines `write()` and `end()`
 * once on `app.response`, the prototype of that app's responses (and, through Express's
 * inheritance, of every app mounted under it), so capturing a response adds no property to it.
 * Without it each captured response gets `write`/`end` wrappers of its own, and V8 gives an
 * Express response (whose prototype Express has swapped) a new hidden class for each property
 * added: about 20 µs of CPU per idempotent request on a small POST (docs/benchmarks.md). It
 * changes an object of your app, which is why it is a call of yours and not a default: responses
 * that nothing captures go straight to Node's own methods, argument for argument. Call it once,
 * before the app serves; calling it again changes nothing.
 *
 * @throws {TypeError} when `app.response` already has a `write` or `end` of someone else's.
 *
 * @example
 * const app = express();
 * installResponseCapture(app);
 * app.post('/orders', express.json(), idempotency({ store: new MemoryStore() }), createOrder);
 */
export function installResponseCapture(app: { readonly response: object }): void {
  const owner = (app as { response?: unknown } | null | undefined)?.response;
  if (typeof owner !== 'object' || owner === null)
    throw new TypeError('installResponseCapture(): pass an Express app, as made by express()');
  const write = Object.getOwnPropertyDescriptor(owner, 'write');
  const end = Object.getOwnPropertyDescriptor(owner, 'end');
  if (isInstalled(write?.value) && isInstalled(end?.value)) return;
  if (write !== undefined || end !== undefined) {
    throw new TypeError(
      'installResponseCapture(): app.response already defines write() or end(); leave them, or call it before what defines them',
    );
  }
  Object.defineProperties(owner, {
    write: { configurable: true, writable: true, value: delegating(owner, 'write') },
    end: { configurable: true, writable: true, value: delegating(owner, 'end') },
  });
}

/**
 * Routes this response's `write()` and `end()` through `hook`. Where `installResponseCapture()`
 * defined them on the app, the hook goes into the request's state and nothing is added to the
 * response. Otherwise (the default, a second hook on one response, or methods an earlier
 * middleware such as compression already wrapped) the two methods are wrapped on the response
 * itself, as compression and on-headers do: no shared object, Express's prototypes and Node's
 * included, is changed, the wrappers stay when a mounted sub-app swaps the response's prototype,
 * and wrapped methods are wrapped in turn, so the hook sees the bytes the handler wrote. Swapping
 * the response's prototype for a cached one of ours measured slower still (about +80 µs per
 * request against +30 µs for these wrappers) and is lost behind a mounted sub-app.
 */
export function hookResponse(res: ServerResponse, hook: ResponseHook): void {
  if (
    isInstalled(readInherited(res, 'write')) &&
    isInstalled(readInherited(res, 'end')) &&
    // A request that cannot take state (frozen) falls through to wrappers, as does a second hook.
    setStateIfAbsent(res, RESPONSE_HOOK, hook)
  ) {
    return;
  }
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
