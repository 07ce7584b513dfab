// Reads the routes of an Express app or router (4 and 5) to find which methods a path supports.
// Only the shape both majors share is relied on: `stack` of layers, `layer.match(path)`,
// `layer.route.methods`, and a nested router's own `stack` on `layer.handle`.

interface RouteLike {
  readonly methods?: Readonly<Record<string, boolean | undefined>>;
}

interface LayerLike {
  readonly route?: RouteLike;
  readonly handle?: unknown;
  /** Express 4 returns a boolean and stores the matched part in `path`; Express 5 returns it. */
  match?(path: string): boolean | { readonly path?: string } | null | undefined;
  readonly path?: string;
}

/** An app (`app.router` in Express 5, `app._router` in Express 4) or a router with a `stack`. */
export type RouterSource = object;

const MAX_DEPTH = 16;

function stackOf(source: unknown): readonly LayerLike[] | undefined {
  if (source === null || (typeof source !== 'object' && typeof source !== 'function')) return undefined;
  const candidate = source as { stack?: unknown; _router?: unknown; router?: unknown; lazyrouter?: unknown };
  const stack = candidate.stack;
  if (Array.isArray(stack)) return stack as LayerLike[];
  // Express 4 apps: `app.router` throws there, so `_router` is read first (`lazyrouter` marks a 4.x app).
  if ('_router' in candidate || typeof candidate.lazyrouter === 'function') return stackOf(candidate._router);
  return stackOf(candidate.router);
}

/** The part of `path` a layer matched, or `undefined`; never throws (a malformed `%` throws in Express). */
function matchedPart(layer: LayerLike, path: string): string | undefined {
  if (typeof layer.match !== 'function') return undefined;
  try {
    const result = layer.match(path);
    if (result === true) return layer.path ?? '';
    if (result === false || result === null || result === undefined) return undefined;
    return result.path ?? '';
  } catch {
    return undefined;
  }
}

function collect(stack: readonly LayerLike[], path: string, methods: Set<string>, depth: number): void {
  for (const layer of stack) {
    const route = layer.route;
    if (route !== undefined) {
      if (route.methods === undefined || matchedPart(layer, path) === undefined) continue;
      for (const name of Object.keys(route.methods)) {
        // `_all` (route.all) answers every method: a request reaching us did not match it.
        if (route.methods[name] === true && name !== '_all') methods.add(name.toUpperCase());
      }
      continue;
    }
    const nested = depth < MAX_DEPTH ? stackOf(layer.handle) : undefined;
    if (nested === undefined) continue;
    const part = matchedPart(layer, path);
    if (part === undefined) continue;
    const rest = path.slice(part.length);
    collect(nested, rest.startsWith('/') ? rest : `/${rest}`, methods, depth + 1);
  }
}

/**
 * The methods the routes of `source` (an Express 4 or 5 app, or a router) answer for `path`, in
 * the order RFC 9110 lists them, with `HEAD` wherever `GET` is (Express answers HEAD with the GET
 * route). `OPTIONS` is listed only when a route declares it. Empty when no route matches the path.
 *
 * @example
 * allowedMethods(app, '/users/user_123'); // ['GET', 'HEAD', 'DELETE']
 */
export function allowedMethods(source: RouterSource, path: string): string[] {
  const stack = stackOf(source);
  const methods = new Set<string>();
  if (stack !== undefined) collect(stack, path, methods, 0);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort(byRfcOrder);
}

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function byRfcOrder(a: string, b: string): number {
  const ia = ORDER.indexOf(a);
  const ib = ORDER.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? ORDER.length : ia) - (ib === -1 ? ORDER.length : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}
