import { INITIAL_SETTINGS, settingsEtag } from '../settings-store';
import { ALICE, userEtag } from '../users-store';
import type { Scenario } from './scenario';

// The tour of the example API: the single list that the startup print, `GET /` and the tests
// (test/examples/tour.test.ts runs every entry, in any order) are made from.

const USER = { Authorization: 'Bearer user-token' } as const;
const ADMIN = { Authorization: 'Bearer admin-token' } as const;
const BOB = { json: { name: 'Bob', email: 'bob@example.com' } } as const;
const UPDATED_SETTINGS = { ...INITIAL_SETTINGS, currency: 'USD' } as { readonly currency: string; readonly timezone: string };
/** Over the example's 100 KB JSON body limit. */
const TOO_LARGE = 200_000;

export const SCENARIOS: readonly Scenario[] = [
  // 2xx and 3xx
  {
    id: 'user',
    title: 'a user, with its ETag',
    mode: 'default',
    request: { method: 'GET', path: '/users/user_123', headers: USER },
    expect: { status: 200, headers: { ETag: userEtag(ALICE) } },
  },
  {
    id: 'report-json',
    title: 'a report as JSON, with its ETag',
    mode: 'default',
    request: { method: 'GET', path: '/reports/2024-01' },
    expect: { status: 200, headers: { ETag: '"report-2024-01-v1"', 'Content-Type': 'application/json; charset=utf-8' } },
  },
  {
    id: 'report-csv',
    title: 'the same report as CSV, chosen by Accept',
    mode: 'default',
    request: { method: 'GET', path: '/reports/2024-01', headers: { Accept: 'text/csv' } },
    expect: { status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8', Vary: 'Accept' } },
  },
  {
    id: 'settings-update',
    title: 'a conditional write: If-Match carries the current ETag',
    mode: 'default',
    request: {
      method: 'PUT',
      path: '/settings',
      headers: { 'If-Match': settingsEtag(INITIAL_SETTINGS) },
      body: { json: UPDATED_SETTINGS },
    },
    expect: { status: 200, headers: { ETag: settingsEtag(UPDATED_SETTINGS) } },
    changesState: true,
  },
  {
    id: 'user-create',
    title: 'a user created, Location names it',
    mode: 'default',
    request: { method: 'POST', path: '/users', headers: USER, body: BOB },
    expect: { status: 201, headers: { Location: '/users/user_456' } },
    changesState: true,
  },
  {
    id: 'idempotent-replay',
    title: 'a retry with the same Idempotency-Key replays the 201; still one Bob',
    mode: 'default',
    before: [{ method: 'POST', path: '/users', headers: { ...USER, 'Idempotency-Key': '"signup-7f3c"' }, body: BOB }],
    request: { method: 'POST', path: '/users', headers: { ...USER, 'Idempotency-Key': '"signup-7f3c"' }, body: BOB },
    expect: { status: 201, headers: { Location: '/users/user_456', 'Idempotent-Replayed': 'true' } },
    changesState: true,
  },
  {
    id: 'report-pending',
    title: 'data extraction pending: Location is the status monitor',
    mode: 'default',
    request: { method: 'GET', path: '/reports/2024-02' },
    expect: { status: 202, headers: { Location: '/reports/extractions/ext_2024-02', 'Retry-After': '5' } },
  },
  {
    id: 'report-empty',
    title: 'no data extracted: no body',
    mode: 'default',
    request: { method: 'GET', path: '/reports/2019-12' },
    expect: { status: 204 },
  },
  {
    id: 'user-delete',
    title: 'a user deleted',
    mode: 'default',
    request: { method: 'DELETE', path: '/users/user_123', headers: USER },
    expect: { status: 204 },
    changesState: true,
  },
  {
    id: 'options',
    // On a route of the app itself; a router mounted with app.use answers OPTIONS in Express (200).
    title: 'OPTIONS lists the methods of a path in Allow',
    mode: 'default',
    request: { method: 'OPTIONS', path: '/report/2024-01' },
    expect: { status: 204, headers: { Allow: 'GET, HEAD, OPTIONS' } },
  },
  {
    id: 'report-formats',
    title: 'multiple choices: the body lists the representations, Location the preferred one',
    mode: 'default',
    request: { method: 'GET', path: '/reports/2024-01/formats' },
    expect: { status: 300, headers: { Location: '/reports/2024-01.json' } },
  },
  {
    id: 'report-moved',
    title: 'moved permanently: the old singular path',
    mode: 'default',
    request: { method: 'GET', path: '/report/2024-01' },
    expect: { status: 301, headers: { Location: '/reports/2024-01' } },
  },
  {
    id: 'report-latest',
    title: 'found: the latest report, a temporary redirect',
    mode: 'default',
    request: { method: 'GET', path: '/reports/latest' },
    expect: { status: 302, headers: { Location: '/reports/2024-01' } },
  },
  {
    id: 'user-not-modified',
    title: 'not modified: If-None-Match carries the ETag of the user',
    mode: 'default',
    request: { method: 'GET', path: '/users/user_123', headers: { ...USER, 'If-None-Match': userEtag(ALICE) } },
    expect: { status: 304, headers: { ETag: userEtag(ALICE) } },
  },
  {
    id: 'report-not-modified',
    title: 'not modified: If-None-Match carries the ETag of the report',
    mode: 'default',
    request: { method: 'GET', path: '/reports/2024-01', headers: { 'If-None-Match': '"report-2024-01-v1"' } },
    expect: { status: 304, headers: { ETag: '"report-2024-01-v1"' } },
  },

  // 4xx
  {
    id: 'validation',
    title: 'validation error, one detail per field',
    mode: 'default',
    request: { method: 'POST', path: '/users', headers: USER, body: { json: { name: '' } } },
    expect: {
      status: 400,
      code: 'validation_error',
      details: [
        { path: 'body.name', code: 'required', message: 'name is required' },
        { path: 'body.email', code: 'required', message: 'email is required' },
      ],
    },
  },
  {
    id: 'malformed-json',
    title: 'a body that is not valid JSON',
    mode: 'default',
    request: { method: 'POST', path: '/users', headers: USER, body: { text: '{"name":', type: 'application/json' } },
    expect: { status: 400, code: 'malformed_json' },
  },
  {
    id: 'idempotency-key-invalid',
    title: 'an Idempotency-Key that is not a string',
    mode: 'default',
    request: { method: 'POST', path: '/users', headers: { ...USER, 'Idempotency-Key': '"unterminated' }, body: BOB },
    expect: { status: 400, code: 'idempotency_key_invalid' },
  },
  {
    id: 'no-token',
    title: 'no credentials: the challenge says how to authenticate',
    mode: 'default',
    request: { method: 'GET', path: '/users' },
    expect: { status: 401, code: 'authentication_required', headers: { 'WWW-Authenticate': 'Bearer realm="example"' } },
  },
  {
    id: 'invalid-token',
    title: 'an unknown token: the challenge carries error="invalid_token"',
    mode: 'default',
    request: { method: 'GET', path: '/users', headers: { Authorization: 'Bearer nope' } },
    expect: { status: 401, code: 'invalid_token', headers: { 'WWW-Authenticate': 'Bearer realm="example", error="invalid_token"' } },
  },
  {
    id: 'insufficient-scope',
    title: 'a valid token without the admin scope (admin-token has it)',
    mode: 'default',
    request: { method: 'GET', path: '/admin/reports', headers: USER },
    expect: {
      status: 403,
      code: 'insufficient_scope',
      details: { required_scope: 'admin' },
      headers: { 'WWW-Authenticate': 'Bearer realm="example", error="insufficient_scope", scope="admin"' },
    },
  },
  {
    id: 'admin',
    title: 'the same with admin-token',
    mode: 'default',
    request: { method: 'GET', path: '/admin/reports', headers: ADMIN },
    expect: { status: 200 },
  },
  {
    id: 'user-not-found',
    title: 'an unknown user',
    mode: 'default',
    request: { method: 'GET', path: '/users/nonexistent_user', headers: USER },
    expect: { status: 404, code: 'resource_not_found', message: 'User nonexistent_user was not found' },
  },
  {
    id: 'route-not-found',
    title: 'an unknown route, in the same envelope',
    mode: 'default',
    request: { method: 'GET', path: '/nowhere' },
    expect: { status: 404, code: 'resource_not_found', message: 'No route matches GET /nowhere' },
  },
  {
    id: 'method-not-allowed',
    title: 'a method the path does not have: Allow lists those it has',
    mode: 'default',
    request: { method: 'PUT', path: '/users/user_123', headers: USER },
    expect: { status: 405, code: 'method_not_allowed', headers: { Allow: 'GET, HEAD, DELETE' } },
  },
  {
    id: 'not-acceptable',
    title: 'an Accept the report cannot be given in; the error lists the types it can',
    mode: 'default',
    request: { method: 'GET', path: '/reports/2024-01', headers: { Accept: 'application/xml' } },
    expect: { status: 406, code: 'not_acceptable', details: { available: ['application/json', 'text/csv'] } },
  },
  {
    id: 'duplicate-email',
    title: 'a duplicate email: Location names the user who has it',
    mode: 'default',
    request: { method: 'POST', path: '/users', headers: USER, body: { json: { name: 'Alice 2', email: 'alice@example.com' } } },
    expect: { status: 409, code: 'resource_conflict', headers: { Location: '/users/user_123' } },
  },
  {
    id: 'stale-etag',
    title: 'a conditional write with a stale ETag',
    mode: 'default',
    request: { method: 'PUT', path: '/settings', headers: { 'If-Match': '"stale"' }, body: { json: UPDATED_SETTINGS } },
    expect: { status: 412, code: 'precondition_failed' },
  },
  {
    id: 'too-large',
    title: 'a body over the 100 KB limit',
    mode: 'default',
    request: { method: 'POST', path: '/users', headers: USER, body: { bytes: TOO_LARGE, type: 'application/json' } },
    expect: { status: 413, code: 'content_too_large' },
  },
  {
    id: 'not-json',
    title: 'a form body where JSON is expected: Accept names the type to send',
    mode: 'default',
    request: {
      method: 'POST',
      path: '/users',
      headers: USER,
      body: { text: 'name=Bob&email=bob@example.com', type: 'application/x-www-form-urlencoded' },
    },
    expect: { status: 415, code: 'unsupported_media_type', headers: { Accept: 'application/json' } },
  },
  {
    id: 'unsupported-charset',
    title: 'JSON in a charset other than UTF-8',
    mode: 'default',
    request: { method: 'POST', path: '/users', headers: USER, body: { json: BOB.json, type: 'application/json; charset=latin1' } },
    expect: { status: 415, code: 'unsupported_charset' },
  },
  {
    id: 'invalid-order',
    title: 'well-formed but against a business rule: an order total of 0',
    mode: 'default',
    request: { method: 'POST', path: '/orders', headers: USER, body: { json: { user_id: 'user_123', total: 0 } } },
    expect: { status: 422, code: 'invalid_operation', details: { field: 'total', value: 0 } },
  },
  {
    id: 'idempotency-key-reused',
    title: 'an Idempotency-Key reused with another body',
    mode: 'default',
    before: [{ method: 'POST', path: '/users', headers: { ...USER, 'Idempotency-Key': '"signup-2b9d"' }, body: BOB }],
    request: {
      method: 'POST',
      path: '/users',
      headers: { ...USER, 'Idempotency-Key': '"signup-2b9d"' },
      body: { json: { name: 'Carol', email: 'carol@example.com' } },
    },
    expect: { status: 422, code: 'idempotency_key_reused' },
    changesState: true,
  },
  {
    id: 'retired-version',
    title: 'a retired API version: Upgrade names the current one',
    mode: 'default',
    request: { method: 'GET', path: '/v1/users' },
    expect: { status: 426, code: 'api_version_retired', headers: { Upgrade: 'api/v2' } },
  },
  {
    id: 'precondition-required',
    title: 'a write to settings without If-Match',
    mode: 'default',
    request: { method: 'PUT', path: '/settings', body: { json: UPDATED_SETTINGS } },
    expect: { status: 428, code: 'precondition_required' },
  },

  // 5xx
  {
    id: 'internal-error',
    title: 'an unexpected failure: a generic message, the real one only in the log',
    mode: 'default',
    request: { method: 'POST', path: '/data/process' },
    expect: { status: 500, code: 'internal_error', message: 'An unexpected error occurred.' },
  },
  {
    id: 'not-implemented',
    title: 'declared but not built yet',
    mode: 'default',
    request: { method: 'POST', path: '/reports/2024-01/exports' },
    expect: { status: 501, code: 'not_implemented' },
  },
  {
    id: 'upstream-error',
    title: 'the upstream answered 503; its body is never shown',
    mode: 'default',
    request: { method: 'GET', path: '/rates?upstream=error' },
    expect: { status: 502, code: 'upstream_unavailable', message: 'An upstream service failed.' },
  },
  {
    id: 'upstream-down',
    title: 'the upstream refused the connection, as problem details',
    mode: 'default',
    request: { method: 'GET', path: '/rates?upstream=down', headers: { Accept: 'application/problem+json' } },
    expect: { status: 502, code: 'upstream_unavailable', headers: { 'Content-Type': 'application/problem+json' } },
  },
  {
    id: 'upstream-slow',
    title: 'the upstream did not answer in time',
    mode: 'default',
    request: { method: 'GET', path: '/rates?upstream=slow' },
    expect: { status: 504, code: 'upstream_timeout' },
  },
  {
    id: 'handler-timeout',
    title: 'a report slower than its 300 ms limit',
    mode: 'default',
    request: { method: 'GET', path: '/reports/slow?delay_ms=600' },
    expect: { status: 504, code: 'handler_timeout' },
  },
  {
    id: 'query-timeout',
    title: 'a report query that timed out, with a message for the client',
    mode: 'default',
    request: { method: 'POST', path: '/analytics/report?scope=year' },
    expect: { status: 504, code: 'gateway_timeout', message: 'The report query timed out; reduce its scope or split it.' },
  },
  {
    id: 'status-metrics',
    title: 'the distribution of the statuses answered so far',
    mode: 'default',
    request: { method: 'GET', path: '/metrics/status', headers: { Accept: 'text/plain' } },
    expect: { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
  },

  // Started with other settings
  {
    id: 'within-rate-limit',
    title: 'within the limit: the RateLimit fields say what is left',
    mode: 'rate-limit',
    request: { method: 'GET', path: '/reports/2024-01' },
    expect: { status: 200, headers: { 'RateLimit-Policy': '"default";q=2;w=60', RateLimit: true } },
  },
  {
    id: 'rate-limited',
    title: 'the third request in a minute: Retry-After and the RateLimit fields',
    mode: 'rate-limit',
    before: [
      { method: 'GET', path: '/reports/2024-01' },
      { method: 'GET', path: '/reports/2024-01' },
    ],
    request: { method: 'GET', path: '/reports/2024-01' },
    expect: {
      status: 429,
      code: 'rate_limit_exceeded',
      headers: { 'Retry-After': true, 'RateLimit-Policy': '"default";q=2;w=60', RateLimit: true },
    },
    changesState: true,
  },
  {
    id: 'maintenance',
    title: 'down for maintenance: every path but /health and /',
    mode: 'maintenance',
    request: { method: 'GET', path: '/users/user_123', headers: USER },
    expect: { status: 503, code: 'maintenance', headers: { 'Retry-After': '30' } },
  },
  {
    id: 'maintenance-health',
    title: 'the health check still answers during maintenance',
    mode: 'maintenance',
    request: { method: 'GET', path: '/health' },
    expect: { status: 200 },
  },
];
