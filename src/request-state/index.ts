// Internal: one typed home for per-request state. Not part of the public API; the public readers
// (getRequestId, getResponseError, negotiatedType, timeoutSignal) are the features' own.
export { getState, setState, setStateIfAbsent, sharedKey, type Exchange, type StateKey } from './request-state';
export {
  NEGOTIATED_TYPE,
  OPTIONS_ALLOW,
  REQUEST_ID,
  RESPONSE_ENDING,
  RESPONSE_ERROR,
  RESPONSE_HOOK,
  ROUTE_TEMPLATE,
  TIMEOUT_SIGNAL,
  type RequestIdState,
} from './keys';
