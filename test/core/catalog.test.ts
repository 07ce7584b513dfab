import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import statuses from 'statuses';
import { renderErrorClasses } from '../../scripts/render-error-classes';
import * as api from '../../src';
import { CODE_PATTERN, ERROR_STATUSES, getStatusInfo, resolveStatusInfo, type StatusInfo } from '../../src/catalog';

// The IANA registry's 4xx and 5xx, less 418 (unused) and 510 (historic): the reference's table.
const IANA = [...range(400, 417), ...range(421, 426), 428, 429, 431, 451, ...range(500, 508), 511];

// RFC 9110 renamed these; `statuses` still has the RFC 7231 names, so we assert ours on purpose.
const RFC_9110_RENAMES: Record<number, string> = { 413: 'Content Too Large', 422: 'Unprocessable Content' };

// The defaults public API status-code pages document; every other status uses snake_case of its phrase.
const SEED_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'authentication_required',
  403: 'forbidden',
  404: 'resource_not_found',
  409: 'resource_conflict',
  422: 'invalid_operation',
  429: 'rate_limit_exceeded',
  500: 'internal_error',
};

// Header duties of the reference (§1): name, option and how strongly the RFC asks for it.
const HEADER_DUTIES: Record<number, [string, string, string][]> = {
  401: [['WWW-Authenticate', 'challenge', 'required']],
  405: [['Allow', 'allow', 'required']],
  407: [['Proxy-Authenticate', 'challenge', 'required']],
  409: [['Location', 'location', 'optional']],
  413: [['Retry-After', 'retryAfter', 'recommended']],
  415: [
    ['Accept', 'accept', 'optional'],
    ['Accept-Encoding', 'acceptEncoding', 'optional'],
  ],
  416: [['Content-Range', 'completeLength', 'recommended']],
  426: [['Upgrade', 'upgrade', 'required']],
  429: [['Retry-After', 'retryAfter', 'optional']],
  451: [['Link', 'blockedBy', 'recommended']],
  503: [['Retry-After', 'retryAfter', 'optional']],
};

// "MUST NOT be cached" in the reference: RFC 6585 §3-6.
const NO_STORE = [428, 429, 431, 511];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const snake = (phrase: string): string => phrase.toLowerCase().replace(/[^a-z0-9]+/g, '_');
const infos: StatusInfo[] = ERROR_STATUSES.map((status) => getStatusInfo(status) as StatusInfo);
const exported = api as unknown as Record<string, unknown>;

test('the catalog holds exactly the IANA 4xx/5xx statuses of the issue, ascending, without 418 and 510', () => {
  expect(IANA).toHaveLength(38);
  expect([...ERROR_STATUSES]).toEqual(IANA);
  expect(getStatusInfo(418)).toBeUndefined();
  expect(getStatusInfo(510)).toBeUndefined();
});

describe.each(infos.map((info) => [info.status, info] as const))('%i', (status, info) => {
  test('has a generated class named after its phrase, with the right status and code', () => {
    expect(info.className).toBe(`${info.phrase.replace(/[\s-]+/g, '')}Error`.replace(/ErrorError$/, 'Error'));
    const ErrorClass = exported[info.className] as new () => InstanceType<typeof api.ApiError>;
    expect(typeof ErrorClass).toBe('function');
    const error = new ErrorClass();
    expect(error).toBeInstanceOf(api.ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(info.className);
    expect(error.status).toBe(status);
    expect(error.statusCode).toBe(status);
    expect(error.code).toBe(info.code);
    expect(error.message).toBe(info.message);
    expect(error.expose).toBe(status < 500);
    expect(api.createError(status)).toBeInstanceOf(ErrorClass);
  });

  test('its code is the documented default or snake_case of the phrase', () => {
    expect(info.code).toMatch(CODE_PATTERN);
    expect(info.code).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(info.code).toBe(SEED_CODES[status] ?? snake(info.phrase));
  });

  test('its phrase is the registered one (RFC 9110 names where they differ from `statuses`)', () => {
    expect(info.phrase).toBe(RFC_9110_RENAMES[status] ?? statuses.message[status]);
  });

  test('its header duties match the reference', () => {
    expect(info.headers.map((rule) => [rule.name, rule.field, rule.need])).toEqual(HEADER_DUTIES[status] ?? []);
  });

  test('no-store, retryable and a non-empty client message', () => {
    expect(info.noStore).toBe(NO_STORE.includes(status));
    expect(typeof info.retryable).toBe('boolean');
    expect(info.message).toMatch(/^[A-Z].*\.$/);
  });
});

test('the retryable statuses are the temporary ones', () => {
  expect(infos.filter((info) => info.retryable).map((info) => info.status)).toEqual([408, 425, 429, 500, 502, 503, 504, 507]);
});

test('RFC 9110 renames are deliberate: statuses still uses the old phrases', () => {
  expect(statuses.message[413]).toBe('Payload Too Large');
  expect(statuses.message[422]).toBe('Unprocessable Entity');
});

test('one name per class: the http-errors names are documented on the RFC 9110 classes, not exported', () => {
  expect(api).not.toHaveProperty('PayloadTooLargeError');
  expect(api).not.toHaveProperty('UnprocessableEntityError');
  const generated = readFileSync(join(__dirname, '../../src/errors/http-errors.generated.ts'), 'utf8');
  expect(generated).toContain(
    ' * http-errors calls it `PayloadTooLargeError` after the reason phrase RFC 9110 replaced.\n * @example throw new ContentTooLargeError(',
  );
  expect(generated).toContain(
    ' * http-errors calls it `UnprocessableEntityError` after the reason phrase RFC 9110 replaced.\n * @example throw new UnprocessableContentError(',
  );
  expect(infos.filter((info) => info.alias !== undefined).map((info) => [info.status, info.alias])).toEqual([
    [413, 'PayloadTooLargeError'],
    [422, 'UnprocessableEntityError'],
  ]);
});

test('codes are unique across the catalog and the library codes', () => {
  const codes = [...infos.map((info) => info.code), ...Object.keys(api.LIBRARY_CODES)];
  expect(new Set(codes).size).toBe(codes.length);
  for (const [code, spec] of Object.entries(api.LIBRARY_CODES)) {
    expect(code).toMatch(CODE_PATTERN);
    expect(api.isErrorStatus(spec.status)).toBe(true);
  }
});

// RFC 9110 §15: any integer 400-599 is kept; the catalog's x00 of its class says what it means.
test.each([
  [404, 404, 'Not Found', 'resource_not_found', true],
  [418, 418, 'Client Error', 'bad_request', false],
  [499, 499, 'Client Error', 'bad_request', false],
  [510, 510, 'Server Error', 'internal_error', false],
  [599, 599, 'Server Error', 'internal_error', false],
  [399, 500, 'Internal Server Error', 'internal_error', true],
  [600, 500, 'Internal Server Error', 'internal_error', true],
  [200, 500, 'Internal Server Error', 'internal_error', true],
  [404.5, 500, 'Internal Server Error', 'internal_error', true],
  [NaN, 500, 'Internal Server Error', 'internal_error', true],
])('resolveStatusInfo(%d) answers %d %s (%s)', (status, expected, phrase, code, registered) => {
  const info = resolveStatusInfo(status);
  expect([info.status, info.phrase, info.code, info.registered]).toEqual([expected, phrase, code, registered]);
});

test('an unregistered status has the duties of its x00 and no class of its own', () => {
  expect(resolveStatusInfo(499)).toEqual({
    ...resolveStatusInfo(400),
    status: 499,
    phrase: 'Client Error',
    className: 'ApiError',
    alias: undefined,
    registered: false,
  });
  expect(resolveStatusInfo(520)).toEqual({
    ...resolveStatusInfo(500),
    status: 520,
    phrase: 'Server Error',
    className: 'ApiError',
    alias: undefined,
    registered: false,
  });
  expect(resolveStatusInfo(520).expose).toBe(false);
  expect(resolveStatusInfo(520)).toBe(resolveStatusInfo(520));
});

test('the generated classes are exactly what the generator writes (run `npm run generate`)', () => {
  const onDisk = readFileSync(join(__dirname, '../../src/errors/http-errors.generated.ts'), 'utf8');
  expect(onDisk).toBe(renderErrorClasses());
});
