import { isToken } from './safe-header';

/**
 * The `Upgrade` a 426 carries when the error names no protocol (RFC 9110 §15.5.22 makes one
 * mandatory). `HTTP/2`: Upgrade is only ever written to an HTTP/1.x client (HTTP/2 forbids the
 * field, RFC 9113 §8.2.2), and the protocol a server most plausibly requires of such a client is
 * a newer HTTP, which every mainstream client speaks. An in-band switch to TLS (`TLS/1.3`, RFC 2817)
 * is implemented by almost no client; a plain-HTTP request is better redirected to https.
 * Configure it with `errorHandler({ upgrade })`.
 */
export const DEFAULT_UPGRADE = 'HTTP/2';

/** `protocol-name ["/" protocol-version]`, both tokens (RFC 9110 §7.8). */
function isProtocol(value: string): boolean {
  const parts = value.split('/');
  return parts.length <= 2 && parts.every(isToken);
}

/**
 * Formats an Upgrade value (`#protocol`, most preferred first), or returns `undefined` when a
 * member is not a protocol (`HTTP/2 x`, `a/b/c`, an empty one).
 *
 * @example formatUpgrade(['HTTP/3', 'HTTP/2']); // 'HTTP/3, HTTP/2'
 */
export function formatUpgrade(value: string | readonly string[]): string | undefined {
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (list === undefined || list.length === 0) return undefined;
  const protocols = list.map((protocol) => (typeof protocol === 'string' ? protocol.trim() : ''));
  return protocols.every(isProtocol) ? protocols.join(', ') : undefined;
}
