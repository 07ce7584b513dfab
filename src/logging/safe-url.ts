// URLs in logs keep where a call went, not what it carried: the userinfo (`user:pass@`,
// RFC 3986 §3.2.1 deprecates passwords there for this reason), the query (API keys, signed-URL
// signatures, OAuth codes) and the fragment (OAuth implicit-flow tokens) are left out.

const SCHEME_AND_AUTHORITY = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
// An absolute URL inside free text ends at whitespace, a quote or an angle bracket.
const URL_IN_TEXT = /\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s"'<>`]+/g;
// A path with a query or fragment inside free text (`[GET] "/items?token=x"`), after a quote,
// a bracket or whitespace.
const PATH_QUERY_IN_TEXT = /(^|[\s"'([])(\/[^\s"'?#]*)[?#][^\s"')\]]*/g;
const USERINFO_IN_TEXT = /\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^\s/?#@"'<>`]+@/g;

/** The userinfo of a URL as it is logged. */
export const REDACTED_USERINFO = '[Redacted]';

function withoutQuery(value: string): string {
  const end = value.search(/[?#]/);
  return end === -1 ? value : value.slice(0, end);
}

/**
 * Scheme, host, port and path of `value` (a string or a `URL`), resolved against `base` when
 * relative: no userinfo, query or fragment. A relative URL without a base keeps its path only.
 * `undefined` for anything that is not a string or a `URL`.
 *
 * @example safeUrl('https://user:pw@api.example.com/v1/items?api_key=k') // 'https://api.example.com/v1/items'
 */
export function safeUrl(value: unknown, base?: unknown): string | undefined {
  const text = value instanceof URL ? value.href : typeof value === 'string' ? value : undefined;
  if (text === undefined) return undefined;
  const baseText = base instanceof URL ? base.href : typeof base === 'string' && base !== '' ? base : undefined;
  try {
    const url = new URL(text, baseText);
    // Non-special schemes have an opaque origin (`null`): rebuild it from the parts.
    const origin = url.origin !== 'null' ? url.origin : SCHEME_AND_AUTHORITY.test(text) ? `${url.protocol}//${url.host}` : url.protocol;
    return `${origin}${url.pathname}`;
  } catch {
    const path = withoutQuery(text);
    return SCHEME_AND_AUTHORITY.test(path) ? path.replace(USERINFO_IN_TEXT, '$1') : path;
  }
}

/** `text` with the userinfo of every absolute URL in it replaced by `[Redacted]`. */
export function redactUserinfo(text: string): string {
  // Cheap test first: this runs over every string logged.
  if (!text.includes('@') || !text.includes('://')) return text;
  return text.replace(USERINFO_IN_TEXT, `$1${REDACTED_USERINFO}@`);
}

/**
 * `text` (an HTTP client's message or stack) with every URL in it reduced to {@link safeUrl}:
 * absolute URLs lose userinfo, query and fragment, paths lose their query and fragment.
 */
export function redactUrls(text: string): string {
  return text
    .replace(URL_IN_TEXT, (url) => safeUrl(url) ?? withoutQuery(url))
    .replace(PATH_QUERY_IN_TEXT, (_match, before: string, path: string) => `${before}${path}`);
}
