import type { IncomingMessage, ServerResponse } from 'node:http';
import { LIBRARY_CODES } from '../catalog/codes';
import { UpgradeRequiredError } from '../errors/http-errors.generated';
import { formatHttpDate } from '../headers/retry-after';
import { isSafeHeaderValue, isToken } from '../headers/safe-header';
import type { HttpMiddleware } from './middleware';

/**
 * A version announced for retirement: still served, with headers telling clients when it goes.
 */
export interface DeprecatedApiVersion {
  /**
   * When the version was (or will be) deprecated, sent as `Deprecation: @<unix seconds>`
   * (RFC 9745 §2); a future date announces the deprecation ahead of time.
   */
  readonly since: Date;
  /**
   * When the version stops being served, sent as `Sunset` (RFC 8594 §3). Not before `since`.
   * From that moment on the version answers 426 like a `retired` one: no redeploy needed.
   */
  readonly sunset: Date;
  /** Migration docs for this version, `Link: <url>; rel="deprecation"` (RFC 9745 §3). Default: the options' `migrationUrl`. */
  readonly migrationUrl?: string;
  /** The sunset policy, `Link: <url>; rel="sunset"` (the link relation of RFC 8594 §6). Default: none. */
  readonly sunsetPolicyUrl?: string;
}

/** Options of {@link retiredApiVersions}. */
export interface RetiredApiVersionsOptions {
  /** The version clients should move to, e.g. `'v3'` or `'2025-01-01'`: a token (RFC 9110 §5.6.2). */
  readonly current: string;
  /** Versions that answer 426. */
  readonly retired: readonly string[];
  /**
   * Versions in their deprecation period, by name (matched case-insensitively): served normally
   * with `Deprecation`, `Sunset` and `Link` headers until their `sunset`, then answered 426.
   *
   * @example { v2: { since: new Date('2025-07-01'), sunset: new Date('2026-07-01'), sunsetPolicyUrl: 'https://docs.example.com/sunset' } }
   */
  readonly deprecated?: Readonly<Record<string, DeprecatedApiVersion>>;
  /** Request header carrying the version, e.g. `'API-Version'`. Read when the path names none. */
  readonly header?: string;
  /**
   * Read the version from the first path segment: `true` for `/v1/...`, or a pattern whose first
   * capture is the version. Default: not read from the path.
   */
  readonly path?: boolean | RegExp;
  /** Migration documentation, sent as `Link: <url>; rel="deprecation"` (RFC 9745 §3). */
  readonly migrationUrl?: string;
  /**
   * The `Upgrade` value (RFC 9110 §7.8: protocols, most preferred first). Default `<protocol>/<current>`.
   */
  readonly upgrade?: string | readonly string[];
  /** Protocol name of the default `Upgrade` value. Default `'api'`. */
  readonly protocol?: string;
}

const VERSION_SEGMENT = /^\/(v\d+)(?=\/|$)/i;

function versionOf(req: IncomingMessage, options: RetiredApiVersionsOptions, pattern: RegExp | undefined): string | undefined {
  if (pattern !== undefined) {
    const url = req.url ?? '/';
    const found = pattern.exec(url)?.[1];
    if (found !== undefined) return found;
  }
  if (options.header === undefined) return undefined;
  const value = req.headers[options.header.toLowerCase()];
  return typeof value === 'string' ? value.trim() : undefined;
}

/**
 * Answers 426 `api_version_retired` to requests for a retired API version, read from a header
 * and/or the path, with the `Upgrade` header RFC 9110 §15.5.22 requires and a `Link` to the
 * migration docs. Versions in `deprecated` are served with `Deprecation` (RFC 9745), `Sunset`
 * (RFC 8594) and `Link` headers until their sunset, and answered 426 from then on. Other
 * versions, and requests naming none, pass through. Invalid options throw a `TypeError` here.
 *
 * @example
 * app.use(retiredApiVersions({
 *   current: 'v2', retired: ['v1'], path: true, header: 'API-Version',
 *   migrationUrl: 'https://docs.example.com/migrate-to-v2',
 * }));
 * // GET /v1/users -> 426, Upgrade: api/v2, Link: <https://docs.example.com/migrate-to-v2>; rel="deprecation"
 */
export function retiredApiVersions(options: RetiredApiVersionsOptions): HttpMiddleware {
  const protocol = options.protocol ?? 'api';
  const upgrade = options.upgrade ?? `${protocol}/${options.current}`;
  for (const value of typeof upgrade === 'string' ? [upgrade] : upgrade) {
    if (!value.split('/').every((part) => isToken(part.trim()))) {
      throw new TypeError(`retiredApiVersions: "${value}" is not a valid Upgrade protocol (name/version tokens)`);
    }
  }
  if (options.migrationUrl !== undefined) checkLinkTarget('migrationUrl', options.migrationUrl);
  const retired = new Set(options.retired.map((version) => version.toLowerCase()));
  const deprecated = deprecationsOf(options, retired);
  const pattern = options.path === true ? VERSION_SEGMENT : options.path === false ? undefined : options.path;
  const link = options.migrationUrl === undefined ? undefined : `<${options.migrationUrl}>; rel="deprecation"`;
  const message = `${LIBRARY_CODES.api_version_retired.message.slice(0, -1)}; use ${options.current}.`;

  return function retiredApiVersionsMiddleware(req, res, next) {
    const version = versionOf(req, options, pattern);
    if (version === undefined) return next();
    const key = version.toLowerCase();
    const deprecation = deprecated.get(key);
    if (deprecation !== undefined && Date.now() < deprecation.sunsetTime) {
      res.setHeader('Deprecation', deprecation.deprecation);
      res.setHeader('Sunset', deprecation.sunset);
      if (deprecation.link !== undefined) appendLink(res, deprecation.link);
      return next();
    }
    if (deprecation === undefined && !retired.has(key)) return next();
    const retiredLink = deprecation === undefined ? link : deprecation.retiredLink;
    next(
      new UpgradeRequiredError(message, {
        code: 'api_version_retired',
        upgrade,
        details: { requested_version: version.slice(0, 64), current_version: options.current },
        ...(retiredLink === undefined ? {} : { headers: { Link: retiredLink } }),
      }),
    );
  };
}

interface Deprecation {
  readonly deprecation: string;
  readonly sunset: string;
  readonly sunsetTime: number;
  /** Both links, sent during the deprecation period. */
  readonly link: string | undefined;
  /** The migration docs alone, sent with the 426 once the sunset has passed. */
  readonly retiredLink: string | undefined;
}

// The Link value can only be closed by `>` or broken by controls and spaces (RFC 8288 §3).
function checkLinkTarget(name: string, url: string): void {
  let parsed = true;
  try {
    new URL(url, 'https://base.invalid/');
  } catch {
    parsed = false;
  }
  if (!parsed || !isSafeHeaderValue(url) || /[<>\s]/.test(url)) {
    throw new TypeError(`retiredApiVersions: ${name} must be a URI without spaces, <, > or control characters`);
  }
}

function timeOf(version: string, name: string, value: unknown): number {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  // IMF-fixdate has a four-digit year (RFC 9110 §5.6.7).
  if (!Number.isFinite(time) || (value as Date).getUTCFullYear() > 9999 || time < 0) {
    throw new TypeError(`retiredApiVersions: deprecated.${version}.${name} must be a valid Date between 1970 and 9999`);
  }
  return time;
}

function deprecationsOf(options: RetiredApiVersionsOptions, retired: ReadonlySet<string>): ReadonlyMap<string, Deprecation> {
  const map = new Map<string, Deprecation>();
  for (const [version, entry] of Object.entries(options.deprecated ?? {})) {
    const key = version.toLowerCase();
    if (retired.has(key) || map.has(key)) throw new TypeError(`retiredApiVersions: "${version}" is listed twice (retired or deprecated)`);
    const since = timeOf(version, 'since', entry.since);
    const sunset = timeOf(version, 'sunset', entry.sunset);
    // RFC 9745: the Sunset date is not earlier than the Deprecation date.
    if (sunset < since) throw new TypeError(`retiredApiVersions: deprecated.${version}.sunset is before its since date`);
    const docs = entry.migrationUrl ?? options.migrationUrl;
    if (entry.migrationUrl !== undefined) checkLinkTarget(`deprecated.${version}.migrationUrl`, entry.migrationUrl);
    if (entry.sunsetPolicyUrl !== undefined) checkLinkTarget(`deprecated.${version}.sunsetPolicyUrl`, entry.sunsetPolicyUrl);
    const links = [
      ...(docs === undefined ? [] : [`<${docs}>; rel="deprecation"`]),
      ...(entry.sunsetPolicyUrl === undefined ? [] : [`<${entry.sunsetPolicyUrl}>; rel="sunset"`]),
    ];
    map.set(key, {
      // An sf-date (RFC 9651 §3.3.7): "@" and integer seconds since the epoch.
      deprecation: `@${Math.floor(since / 1000)}`,
      sunset: formatHttpDate(sunset),
      sunsetTime: sunset,
      link: links.length === 0 ? undefined : links.join(', '),
      retiredLink: docs === undefined ? undefined : `<${docs}>; rel="deprecation"`,
    });
  }
  return map;
}

/** Adds to a `Link` an earlier middleware may have set (one field, comma-separated: RFC 8288 §3). */
function appendLink(res: ServerResponse, link: string): void {
  const existing = res.getHeader('Link');
  const values = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader('Link', [...values, link].join(', '));
}
