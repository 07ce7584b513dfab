import type { IncomingMessage } from 'node:http';
import { LIBRARY_CODES } from '../catalog/codes';
import { UpgradeRequiredError } from '../errors/http-errors.generated';
import { isSafeHeaderValue, isToken } from '../headers/safe-header';
import type { HttpMiddleware } from './middleware';

/** Options of {@link retiredApiVersions}. */
export interface RetiredApiVersionsOptions {
  /** The version clients should move to, e.g. `'v3'` or `'2025-01-01'`: a token (RFC 9110 §5.6.2). */
  readonly current: string;
  /** Versions that answer 426. */
  readonly retired: readonly string[];
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
 * migration docs. Other versions, and requests naming none, pass through.
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
  if (options.migrationUrl !== undefined && (!isSafeHeaderValue(options.migrationUrl) || /[<>\s]/.test(options.migrationUrl))) {
    throw new TypeError('retiredApiVersions: migrationUrl must be a URI without spaces, <, > or control characters');
  }
  const retired = new Set(options.retired.map((version) => version.toLowerCase()));
  const pattern = options.path === true ? VERSION_SEGMENT : options.path === false ? undefined : options.path;
  const link = options.migrationUrl === undefined ? undefined : `<${options.migrationUrl}>; rel="deprecation"`;
  const message = `${LIBRARY_CODES.api_version_retired.message.slice(0, -1)}; use ${options.current}.`;

  return function retiredApiVersionsMiddleware(req, _res, next) {
    const version = versionOf(req, options, pattern);
    if (version === undefined || !retired.has(version.toLowerCase())) return next();
    next(
      new UpgradeRequiredError(message, {
        code: 'api_version_retired',
        upgrade,
        details: { requested_version: version.slice(0, 64), current_version: options.current },
        ...(link === undefined ? {} : { headers: { Link: link } }),
      }),
    );
  };
}
