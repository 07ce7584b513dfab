// The client runs on the global fetch in browsers, Node and edge runtimes, so it types what it
// passes to fetch from fetch's own `RequestInit` rather than the DOM library's names: these
// resolve to the DOM's `BodyInit`/`HeadersInit` for a browser consumer and to undici's under
// @types/node, and the sources type-check without the DOM library (tsconfig.src.json).

/** A request body fetch accepts (`BodyInit | null`). */
export type FetchBody = RequestInit['body'];

/** Request headers fetch accepts (`HeadersInit`: a `Headers`, pairs, or a record). */
export type FetchHeaders = NonNullable<RequestInit['headers']>;
