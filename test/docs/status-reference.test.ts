import fc from 'fast-check';
import { ERROR_STATUSES, LIBRARY_CODES, STATUSES, defineErrorCodes, getStatusInfo } from '../../src';
import { buildStatusReference, renderStatusReference, renderStatusTable } from '../../src/openapi';
import { collectCodes } from '../../src/docs/code-table';
import { readMarkedRegion, replaceMarkedRegion } from '../../src/docs/marked-region';
import { STATUS_GUIDE } from '../../src/docs/status-guide';
import { appErrors } from '../../examples/errors';

describe('buildStatusReference', () => {
  const reference = buildStatusReference({ codes: appErrors });

  test('one entry per catalog status, in order, with its prose', () => {
    expect(reference.statuses.map((entry) => entry.status)).toEqual([...ERROR_STATUSES]);
    expect(Object.keys(STATUS_GUIDE).map(Number)).toEqual([...ERROR_STATUSES]);
    for (const entry of reference.statuses) {
      expect(entry.when).toMatch(/^[A-Z].{10,}\.$/);
      expect(entry.action).toMatch(/^[A-Z].{5,}\.$/);
    }
  });

  test.each([...ERROR_STATUSES])('status %i follows the catalog', (status) => {
    const info = getStatusInfo(status);
    const entry = reference.statuses.find((candidate) => candidate.status === status);
    expect(entry).toMatchObject({
      phrase: info?.phrase,
      className: info?.className,
      code: info?.code,
      message: info?.message,
      retryable: info?.retryable,
      noStore: info?.noStore,
      exposesMessage: status < 500,
      example: { error: { code: info?.code, message: info?.message }, meta: { request_id: expect.stringMatching(/^req_/) } },
    });
    expect(entry?.headers.map((header) => [header.name, header.need])).toEqual(info?.headers.map((rule) => [rule.name, rule.need]));
    for (const header of entry?.headers ?? []) expect(header.example).not.toBe('');
  });

  test("codes: the library's and the app's, each under its status", () => {
    expect(reference.codes.map((entry) => entry.code).sort()).toEqual(
      [...Object.keys(LIBRARY_CODES), ...Object.keys(appErrors.codes)].sort(),
    );
    const forbidden = reference.statuses.find((entry) => entry.status === 403);
    expect(forbidden?.codes).toEqual([
      {
        code: 'csrf_token_invalid',
        status: 403,
        phrase: 'Forbidden',
        message: 'The CSRF token is missing or invalid.',
        description: 'The request lacks the anti-CSRF token of its session, or sent a wrong one; reload the form and retry.',
        origin: 'library',
        example: {
          error: { code: 'csrf_token_invalid', message: 'The CSRF token is missing or invalid.' },
          meta: { request_id: expect.any(String) },
        },
      },
      {
        code: 'insufficient_scope',
        status: 403,
        phrase: 'Forbidden',
        message: 'The access token does not grant the scope this action needs.',
        description: 'The token is valid but lacks a scope; `details.required_scope` names it.',
        origin: 'app',
        example: {
          error: { code: 'insufficient_scope', message: 'The access token does not grant the scope this action needs.' },
          meta: { request_id: expect.any(String) },
        },
      },
    ]);
    expect(buildStatusReference({ libraryCodes: false }).codes).toEqual([]);
  });
});

describe('collectCodes', () => {
  test('an app code restating a library code or a status default with the same status is accepted', () => {
    const codes = collectCodes(
      defineErrorCodes({
        validation_error: { status: 400, message: 'Our own wording.' },
        resource_not_found: { status: 404, message: 'Nothing here.' },
      }),
    );
    expect(codes.find((entry) => entry.code === 'validation_error')).toMatchObject({ origin: 'app', message: 'Our own wording.' });
    expect(codes.find((entry) => entry.code === 'resource_not_found')).toBeUndefined();
  });

  test('a known code given another status is refused', () => {
    expect(() => collectCodes({ resource_not_found: { status: 410, message: 'x' } })).toThrow(
      'Error code "resource_not_found" is already used with status 404, not 410',
    );
    expect(() => collectCodes({ maintenance: { status: 500, message: 'x' } })).toThrow(/already used with status 503/);
  });

  test('malformed tables are refused with the code named', () => {
    expect(() => collectCodes({ ok_code: { status: 404 } as never })).toThrow('Error code "ok_code" has no message');
    expect(() => collectCodes({ ok_code: null as never })).toThrow(/not a catalog status/);
  });
});

describe('renderStatusReference', () => {
  const page = renderStatusReference(buildStatusReference({ codes: appErrors }));

  test('every table row has as many cells as its header, whatever the prose holds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (message, description) => {
        const codes = defineErrorCodes({ odd_code: { status: 409, message, description } });
        const rendered = renderStatusReference(buildStatusReference({ codes }));
        for (const block of rendered.split('\n\n').filter((part) => part.startsWith('|'))) {
          const rows = block.split('\n').filter((row) => row !== '');
          const width = (row: string) => row.replace(/\\\|/g, '').split('|').length;
          for (const row of rows) expect(width(row)).toBe(width(rows[0] as string));
        }
      }),
      { numRuns: 50 },
    );
  });

  test('a section per status, 4xx and 5xx apart, and the summary links to them', () => {
    expect(page.indexOf('## 4xx: client errors')).toBeLessThan(page.indexOf('### 400 Bad Request'));
    expect(page.indexOf('## 5xx: server errors')).toBeLessThan(page.indexOf('### 500 Internal Server Error'));
    expect(page.indexOf('## 5xx: server errors')).toBeGreaterThan(page.indexOf('### 451'));
    expect(page).toContain('| [413](#413-content-too-large) | Content Too Large | `content_too_large` |  |');
    expect(page).toContain('**Code:** `content_too_large` · **Class:** `ContentTooLargeError` (http-errors: `PayloadTooLargeError`)');
    expect(page.match(/^### \d{3} /gm)).toHaveLength(Object.keys(STATUSES).length);
  });

  test('example responses carry the headers an RFC requires or recommends, not the optional ones', () => {
    const section = (status: number) =>
      page.slice(page.indexOf(`### ${status} `), page.indexOf('### ', page.indexOf(`### ${status} `) + 4));
    expect(section(405)).toContain('\nAllow: GET, HEAD\n');
    expect(section(413)).toContain('\nRetry-After: 30\n');
    expect(section(416)).toContain('\nContent-Range: bytes */1048576\n');
    expect(section(451)).toContain('\nLink: <https://example.com/legal/takedown-123>; rel="blocked-by"\n');
    expect(section(429)).not.toContain('\nRetry-After:');
    expect(section(429)).toContain('`Retry-After` (MAY, e.g. `30`)');
    expect(section(429)).toContain('Never cached.');
  });

  test('the title and the request-id header can be set', () => {
    const custom = renderStatusReference(buildStatusReference(), { title: 'Acme API errors', requestIdHeader: 'X-Correlation-Id' });
    expect(custom.startsWith('# Acme API errors\n')).toBe(true);
    expect(custom).toContain('\nX-Correlation-Id: req_');
  });

  test('the compact table has one row per status', () => {
    const table = renderStatusTable(buildStatusReference({ libraryCodes: false }));
    expect(table.split('\n')).toHaveLength(ERROR_STATUSES.length + 2);
    expect(table).toContain('| 401 Unauthorized | `UnauthorizedError` | `authentication_required` | `WWW-Authenticate` (MUST) |  |');
  });
});

describe('marked regions', () => {
  const text = 'intro\n<!-- status-table:start -->\nold\n<!-- status-table:end -->\noutro\n';

  test('replacing keeps everything outside the markers and is idempotent', () => {
    const once = replaceMarkedRegion(text, 'new table');
    expect(once).toBe('intro\n<!-- status-table:start -->\nnew table\n<!-- status-table:end -->\noutro\n');
    expect(replaceMarkedRegion(once, 'new table')).toBe(once);
    expect(readMarkedRegion(once)).toBe('new table\n');
    expect(replaceMarkedRegion(once, '')).toBe('intro\n<!-- status-table:start -->\n<!-- status-table:end -->\noutro\n');
  });

  test('missing or reversed markers are an error', () => {
    expect(() => replaceMarkedRegion('no markers', 'x')).toThrow(/were not found/);
    expect(readMarkedRegion('<!-- status-table:end -->\n<!-- status-table:start -->\n')).toBeUndefined();
  });
});
