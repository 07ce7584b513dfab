// Shared by the server (`requestId()`, the error handler) and the browser client, so it imports
// nothing: an id that passes is safe to echo in a header, to show to a user and to log.

// Letters, digits and `-_.:`, 1-128 characters: no CR/LF, no controls, no spaces, no quotes.
const SAFE_REQUEST_ID = /^[A-Za-z0-9\-_.:]{1,128}$/;

/** True when `value` is a request id safe to echo and log: letters, digits and `-_.:`, 1 to 128 characters. */
export function isValidRequestId(value: unknown): value is string {
  return typeof value === 'string' && SAFE_REQUEST_ID.test(value);
}
