import { IncomingMessage, type ServerResponse } from 'node:http';

/**
 * The one property this library adds to a request: every per-request value lives in the object
 * stored under it. `Symbol.for`, so that two copies of the package in one process (the ESM and
 * CommonJS builds loaded side by side, or the server entry of one version and a feature entry of
 * another) read and write the same state: a `requestId({ header })` of one copy is the header the
 * `errorHandler()` of the other writes.
 *
 * Why a property and not a WeakMap keyed by the request: a WeakMap is private to the copy that
 * created it, and sharing it would mean putting it on a global. Measured (Node 20), the property
 * costs no more than a WeakMap entry on Express's requests and less on plain node:http ones, and
 * one property costs less than the several symbols on request and response it replaces.
 */
const SLOT = Symbol.for('express-api-errors.requestState');

/** The request or its response: state set through either is read through both. */
export type Exchange = IncomingMessage | ServerResponse;

/** A typed entry of the per-request state, made with {@link sharedKey}. */
export interface StateKey<T> {
  /** The entry's name in the state object. */
  readonly id: string;
  /** Never set: carries `T` so that `getState` and `setState` are typed by the key. */
  readonly type?: (value: T) => T;
}

/**
 * A key every copy of the package shares: its name is part of the contract between versions, so
 * a name is never reused for a value of another shape (a new shape gets a new name).
 */
export function sharedKey<T>(name: string): StateKey<T> {
  return Object.freeze({ id: name });
}

type State = Record<string, unknown>;
type Holder = { [SLOT]?: State };

// State set through the response lives on its request (`res.req`, set by Node since 15.7 and by
// Express): one property per exchange, not one on each object. A response without one (a mock)
// holds its own. A request is known by `instanceof`, not by reading its absent `req`: that read
// misses through the request's whole prototype chain, at a cost V8 pays again for each request
// (Express gives every request a prototype of its own app, so none shares a hidden class).
function holderOf(target: Exchange): Holder {
  const holder: object = target instanceof IncomingMessage ? target : ((target as { req?: object }).req ?? target);
  return holder;
}

/** The value of `key` for this request, or `undefined` when none was set. */
export function getState<T>(target: Exchange, key: StateKey<T>): T | undefined {
  return holderOf(target)[SLOT]?.[key.id] as T | undefined;
}

// The state object of the exchange, made when `create` and there is none; `undefined` when none
// exists, or when the request cannot take a property (frozen, sealed).
function stateOf(target: Exchange, create: boolean): State | undefined {
  const holder = holderOf(target);
  const state = holder[SLOT];
  if (state !== undefined || !create) return state;
  const made: State = {};
  try {
    holder[SLOT] = made;
  } catch {
    // Strict-mode assignment to a non-extensible object throws; the caller's work goes on.
    return undefined;
  }
  return made;
}

/**
 * Sets the value of `key` for this request (`undefined` clears it). A request that cannot take a
 * property (frozen, sealed) keeps no state: reads then give `undefined`, as if nothing was set.
 */
export function setState<T>(target: Exchange, key: StateKey<T>, value: T | undefined): void {
  const state = stateOf(target, value !== undefined);
  if (state !== undefined) state[key.id] = value;
}

/**
 * Sets `key` to `value` unless it holds a value already: `true` when this call set it, `false`
 * when another value was there or the request keeps no state. One look-up where a read, a write
 * and a read to check it would take three.
 */
export function setStateIfAbsent<T>(target: Exchange, key: StateKey<T>, value: T): boolean {
  const state = stateOf(target, true);
  if (state === undefined || state[key.id] !== undefined) return false;
  state[key.id] = value;
  return true;
}
