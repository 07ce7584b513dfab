import request from 'supertest';
import { ERROR_STATUSES, getStatusInfo, type StatusInfo } from '../../src/catalog';
import { createError } from '../../src';
import { appThrowing, EXPRESS_VERSIONS, expectErrorResponse } from '../helpers/app';

const infos = ERROR_STATUSES.map((status) => getStatusInfo(status) as StatusInfo);
const cases = infos.map((info) => [info.status, info.phrase, info] as const);

// Headers every required duty gets by default when the error names none.
const REQUIRED_DEFAULTS: Record<number, [string, string]> = {
  401: ['www-authenticate', 'Bearer realm="api"'],
  405: ['allow', ''],
  407: ['proxy-authenticate', 'Basic realm="proxy"'],
  426: ['upgrade', 'HTTP/2'],
};

describe.each(EXPRESS_VERSIONS)('%s', (_name, express) => {
  describe.each(cases)('%i %s', (status, phrase, info) => {
    const thrown = new Error('db password=hunter2 at 10.0.0.7');
    const app = appThrowing(() => createError(status, `Problem ${status}: secret-detail`, { details: { field: 'x' }, cause: thrown }), {
      express,
    });

    test('answers the exact status, phrase, headers and body', async () => {
      const res = await request(app).get('/throw').set('X-Request-Id', `req-${status}`);
      const body = expectErrorResponse(res, status, phrase);
      expect(body.meta.request_id).toBe(`req-${status}`);
      if (status < 500) {
        expect(body.error).toEqual({ code: info.code, message: `Problem ${status}: secret-detail`, details: { field: 'x' } });
      } else {
        // 5xx are masked: the catalog message, no details, no stack, no cause.
        expect(body.error).toEqual({ code: info.code, message: info.message });
        expect(res.text).not.toMatch(/secret-detail|hunter2|10\.0\.0\.7|"stack"|"cause"|"details"|\s+at \S+ \(/);
      }
      const fallback = REQUIRED_DEFAULTS[status];
      if (fallback !== undefined) expect(res.headers[fallback[0]]).toBe(fallback[1]);
      // RFC 9110 §7.8: Upgrade comes with the `upgrade` connection option, on no other status.
      if (status === 426) expect(res.headers.connection).toMatch(/^upgrade(, close)?$/);
      else expect(res.headers.connection).not.toMatch(/upgrade/);
    });

    test('HEAD gets the status and headers, no body', async () => {
      const res = await request(app).head('/throw');
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.headers['x-request-id']).toMatch(/^req_[0-9a-f-]{36}$/);
      expect(res.text ?? '').toBe('');
      expect(res.body).toEqual({});
    });
  });

  test.each(infos.filter((info) => info.status >= 500).map((info) => [info.status, info] as const))(
    '%i with expose: true shows its own message and details',
    async (status, info) => {
      const app = appThrowing(() => createError(status, 'Upstream billing is down', { expose: true, details: { service: 'billing' } }), {
        express,
      });
      const res = await request(app).post('/throw');
      const body = expectErrorResponse(res, status, info.phrase);
      expect(body.error).toEqual({ code: info.code, message: 'Upstream billing is down', details: { service: 'billing' } });
    },
  );

  test.each(infos.filter((info) => info.status < 500).map((info) => [info.status, info] as const))(
    '%i without a message answers the catalog message and no details',
    async (status, info) => {
      const res = await request(appThrowing(() => createError(status), { express })).get('/throw');
      expect(expectErrorResponse(res, status).error).toEqual({ code: info.code, message: info.message });
    },
  );
});
