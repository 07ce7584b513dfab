/**
 * `target[name]`, with an absent own property read on the prototype instead of on `target`.
 * Why: Express swaps the prototype of every request and response, after which V8 gives each one a
 * hidden class it has not seen before, so a read through the object misses V8's caches on every
 * request (one whose property is absent walks the whole prototype chain to prove it). The same
 * read on the prototype, one object for the app (`app.request`, `app.response`), is answered from
 * the cache. Same result as `target[name]` for every object but a Proxy.
 */
export function readInherited(target: object, name: string): unknown {
  if (Object.hasOwn(target, name)) return (target as Record<string, unknown>)[name];
  const proto = Object.getPrototypeOf(target) as Record<string, unknown> | null;
  return proto?.[name];
}
