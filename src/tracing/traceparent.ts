// The W3C Trace Context `traceparent` header (https://www.w3.org/TR/trace-context/#traceparent-header):
//   version "-" trace-id "-" parent-id "-" trace-flags, each lowercase hex: 2, 32, 16 and 2 digits.
const VERSION_00 = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
// A later version keeps these four fields first and may add more after a `-` (§3.2.4: a parser of
// version 00 reads what it knows of a higher version); `ff` is forbidden (§3.2.2.1).
const LATER_VERSION = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-|$)/;
const ALL_ZEROS = /^0+$/;

/** The fields of a valid `traceparent` header. */
export interface TraceParent {
  /** 32 lowercase hex digits, not all zeros. */
  readonly traceId: string;
  /** The caller's span: 16 lowercase hex digits, not all zeros. */
  readonly parentId: string;
  /** 2 lowercase hex digits; bit 0 is `sampled`. */
  readonly flags: string;
}

/**
 * Reads a `traceparent` header value (W3C Trace Context §3.2), or `undefined` when it is not a
 * valid one: uppercase hex, a trace or parent id of all zeros, version `ff`, a version-00 value
 * with anything after the flags, or several headers joined by a comma are all refused (§3.2.2: a
 * vendor MUST NOT use an invalid header; the request then starts a new trace).
 */
export function parseTraceparent(value: unknown): TraceParent | undefined {
  // 55 characters in version 00; the upper bound only stops a regex scan of a huge header.
  if (typeof value !== 'string' || value.length < 55 || value.length > 512) return undefined;
  let traceId: string | undefined;
  let parentId: string | undefined;
  let flags: string | undefined;
  const current = VERSION_00.exec(value);
  if (current !== null) {
    [, traceId, parentId, flags] = current;
  } else {
    const later = LATER_VERSION.exec(value);
    if (later === null || later[1] === '00' || later[1] === 'ff') return undefined;
    [, , traceId, parentId, flags] = later;
  }
  if (traceId === undefined || parentId === undefined || flags === undefined) return undefined;
  if (ALL_ZEROS.test(traceId) || ALL_ZEROS.test(parentId)) return undefined;
  return { traceId, parentId, flags };
}
