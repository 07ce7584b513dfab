import { ServerResponse } from 'node:http';

/** `ServerResponse#write` or `#end`, as a hook receives it. */
export type ResponseMethod = (this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) => unknown;

/** Stands in for `write()` and `end()` of one response; each call gets the method it replaces. */
export interface ResponseHook {
  write(res: ServerResponse, write: ResponseMethod, chunk: unknown, encoding: unknown, callback: unknown): unknown;
  end(res: ServerResponse, end: ResponseMethod, chunk: unknown, encoding: unknown, callback: unknown): unknown;
  /** The response has finished (`'finish'`); when its end() never reached the hook, it went round it. */
  finished(res: ServerResponse): void;
}

const HOOK = Symbol('express-api-errors.responseHook');
// Express's `res.locals`: a dictionary-mode object, so a key added to it costs no hidden class.
type Hookable = ServerResponse & { locals?: { [HOOK]?: ResponseHook } | null };

function hookOf(res: Hookable): ResponseHook | undefined {
  return res.locals?.[HOOK];
}

const CORE = ServerResponse.prototype;
const installed = new WeakSet<object>();

// `write` or `end` for every response that inherits it: to the response's hook if it has one,
// else to Node's own method (looked up per call, so a later patch of Node's is honoured).
function delegating(name: 'write' | 'end'): PropertyDescriptor {
  const method = function (this: Hookable, chunk?: unknown, encoding?: unknown, callback?: unknown): unknown {
    const hook = hookOf(this);
    const core = CORE[name] as ResponseMethod;
    // `arguments` as given, so a response nobody hooks sees exactly Node's behaviour.
    // eslint-disable-next-line prefer-rest-params
    return hook === undefined ? core.apply(this, arguments as never) : hook[name](this, core, chunk, encoding, callback);
  };
  Object.defineProperty(method, 'name', { value: name });
  return { configurable: true, writable: true, value: method };
}

// Why not wrap `res.write` and `res.end` as own properties: Express swaps each response's
// prototype, after which V8 gives the response a new hidden class for every property added to
// it (about 3.5 µs and 1 KB promoted to the old generation each), and two closures stored that
// way measured as most of the middleware's cost on a small POST. So on Express, whose responses
// inherit through `app.response` (and a mounted sub-app's through its parent's) from one shared
// object, `write` and `end` are defined once on that object and hand over to the hook found in
// the response's `locals`; every other response passes straight through.
function sharedExpressPrototype(res: ServerResponse): object | undefined {
  const top = Object.getPrototypeOf(res) as object | null;
  if (top === null) return undefined;
  let shared = sharedOf.get(top);
  if (shared === undefined) {
    shared = findShared(top);
    sharedOf.set(top, shared);
  }
  return shared ?? undefined;
}

// The shared object behind `app.response` (null if there is none, or it cannot be hooked),
// remembered per `app.response`: it is looked up on every request.
const sharedOf = new WeakMap<object, object | null>();

function findShared(top: object): object | null {
  // res → app.response (a sub-app's inherits from its parent's) → ... → Express's response → core.
  if (!Object.hasOwn(top, 'app')) return null;
  let shared: object | null = top;
  while (shared !== null && Object.hasOwn(shared, 'app')) shared = Object.getPrototypeOf(shared) as object | null;
  if (shared === null || Object.getPrototypeOf(shared) !== CORE) return null;
  if (installed.has(shared)) return shared;
  // Someone else's write() or end() already sits there: do not stack on it.
  if (Object.hasOwn(shared, 'write') || Object.hasOwn(shared, 'end')) return null;
  Object.defineProperties(shared, { write: delegating('write'), end: delegating('end') });
  installed.add(shared);
  return shared;
}

/**
 * Routes this response's `write()` and `end()` calls through `hook`. On Express (4 and 5) the
 * methods live on Express's shared response prototype, defined there the first time, and the hook
 * in `res.locals`: no property is added to the response, and a mounted sub-app swapping its
 * prototype keeps them. What can still go round them (a later `res.locals = {...}`, an app of
 * another copy of Express called as a plain function) is reported to `hook.finished()`. A
 * response whose methods were already wrapped (by compression, or a second hook) or that is not
 * Express's gets wrappers of its own.
 */
export function hookResponse(res: ServerResponse, hook: ResponseHook): void {
  const { locals } = res as Hookable;
  if (
    typeof locals === 'object' &&
    locals !== null &&
    locals[HOOK] === undefined &&
    Object.isExtensible(locals) &&
    !Object.hasOwn(res, 'write') &&
    !Object.hasOwn(res, 'end') &&
    sharedExpressPrototype(res) !== undefined
  ) {
    locals[HOOK] = hook;
    res.on('finish', () => hook.finished(res));
    return;
  }
  const write = res.write as ResponseMethod;
  const end = res.end as ResponseMethod;
  res.write = function hookedWrite(this: ServerResponse, chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    return hook.write(this, write, chunk, encoding, callback) as boolean;
  } as typeof res.write;
  res.end = function hookedEnd(this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown): ServerResponse {
    return hook.end(this, end, chunk, encoding, callback) as ServerResponse;
  } as typeof res.end;
}
