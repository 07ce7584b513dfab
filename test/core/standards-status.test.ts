// RFC 9110 §15: a client MUST understand the class of any status code and read an unknown one as
// the x00 of its class, so a server may answer any 4xx/5xx (499, 509, 520-527 are deployed).
// finalhandler (getErrorStatusCode) reads `status`, then `statusCode`, each only in 400-599.
import createHttpError from 'http-errors';
import request from 'supertest';
import fc from 'fast-check';
import { ApiError, createError, errorHandler, toApiError } from '../../src';
import { parseErrorResponse } from '../../src/client';
import { appThrowing, EXPRESS_VERSIONS, expectErrorResponse, type ExpressFactory } from '../helpers/app';
import express5 from 'express';

function foreign(fields: Record<string, unknown>): Error {
  return Object.assign(new Error('from a library'), fields);
}

describe('status and statusCode, as finalhandler reads them', () => {
  test.each<[Record<string, unknown>, number]>([
    [{ status: 50, statusCode: 410 }, 410],
    [{ status: 302, statusCode: 409 }, 409],
    [{ status: 600, statusCode: 404 }, 404],
    [{ status: -1, statusCode: 503 }, 503],
    [{ status: '404', statusCode: 422 }, 422],
    [{ status: 404.5, statusCode: 409 }, 409],
    [{ status: 404, statusCode: 409 }, 404],
    [{ status: 50 }, 500],
    [{ statusCode: 50 }, 500],
    [{ status: 50, statusCode: 302 }, 500],
    [{ status: 50, statusCode: '410' }, 500],
  ])('%j -> %d', (fields, expected) => {
    expect(toApiError(foreign(fields)).status).toBe(expected);
  });

  test.each(EXPRESS_VERSIONS)(
    'through %s: { status: 50, statusCode: 410 } is answered 410 gone',
    async (_name, express: ExpressFactory) => {
      const res = await request(appThrowing(() => foreign({ status: 50, statusCode: 410, expose: true }), { express })).get('/throw');
      const body = expectErrorResponse(res, 410, 'Gone');
      expect(body.error).toEqual({ code: 'gone', message: 'from a library' });
    },
  );
});

describe('statuses the catalog does not hold keep their number', () => {
  test.each<[number, string, string, string]>([
    [499, 'Client Error', 'bad_request', 'The request is invalid.'],
    [418, 'Client Error', 'bad_request', 'The request is invalid.'],
    [430, 'Client Error', 'bad_request', 'The request is invalid.'],
    [509, 'Server Error', 'internal_error', 'An unexpected error occurred.'],
    [520, 'Server Error', 'internal_error', 'An unexpected error occurred.'],
    [599, 'Server Error', 'internal_error', 'An unexpected error occurred.'],
  ])('createError(%d): class phrase %s, the x00 code and message', (status, phrase, code, message) => {
    const error = createError(status as number);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(status);
    expect(error.statusCode).toBe(status);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.expose).toBe(status < 500);
    expect(error.name).toBe('ApiError');
    expect(phrase).toMatch(/Error$/);
  });

  test('a catalog status still gets its own class', () => {
    expect(createError(404 as number).constructor.name).toBe('NotFoundError');
  });

  test.each([399, 600, 0, -404, 1000, 404.5, NaN])('createError(%d) is a 500', (status) => {
    expect(createError(status as number).status).toBe(500);
  });

  test('any integer 400-599 survives createError and toApiError; anything else is a 500', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 2000 }), (status) => {
        const inRange = status >= 400 && status <= 599;
        expect(createError(status as number).status).toBe(inRange ? status : 500);
        expect(toApiError(status).status).toBe(inRange ? status : 500);
        expect(toApiError(foreign({ status })).status).toBe(inRange ? status : 500);
      }),
    );
  });

  test('ApiError built directly with an unregistered status keeps it', () => {
    const error = new ApiError(499 as number, 'Client went away', { code: 'client_closed_request' });
    expect([error.status, error.code, error.message]).toEqual([499, 'client_closed_request', 'Client went away']);
  });

  describe.each(EXPRESS_VERSIONS)('answered by errorHandler on %s', (_name, express: ExpressFactory) => {
    test('a foreign 499 (http-errors) keeps 499, its message, the class phrase', async () => {
      const res = await request(appThrowing(() => createHttpError(499, 'Client closed the request'), { express })).get('/throw');
      const body = expectErrorResponse(res, 499, 'Client Error');
      expect(body.error).toEqual({ code: 'bad_request', message: 'Client closed the request' });
    });

    test('a foreign 520 is masked like any 5xx but keeps 520', async () => {
      const res = await request(appThrowing(() => foreign({ status: 520, message: 'origin said: db password wrong' }), { express })).get(
        '/throw',
      );
      const body = expectErrorResponse(res, 520, 'Server Error');
      expect(body.error).toEqual({ code: 'internal_error', message: 'An unexpected error occurred.' });
    });

    test('problem details: the class phrase is the title, status is the real one', async () => {
      const res = await request(appThrowing(() => createHttpError(509), { express, handler: { format: 'problem' } })).get('/throw');
      expect(res.status).toBe(509);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body).toEqual({
        type: 'about:blank',
        title: 'Server Error',
        status: 509,
        detail: 'An unexpected error occurred.',
        instance: '/throw',
        code: 'internal_error',
        request_id: res.headers['x-request-id'],
      });
    });

    test('a thrown number 499 is a 499', async () => {
      const res = await request(appThrowing(() => 499, { express })).get('/throw');
      expectErrorResponse(res, 499, 'Client Error');
    });
  });

  test.each([499, 520])('the client parses a %d from the server as a generic ApiError of that status', async (status) => {
    const app = express5();
    app.get('/x', () => {
      throw createError(status as number, 'Unregistered', { expose: true, code: 'edge_case' });
    });
    app.use(errorHandler({ logger: false }));
    const res = await request(app).get('/x');
    const response = new Response(res.text, { status: res.status, headers: { 'Content-Type': String(res.headers['content-type']) } });
    const error = await parseErrorResponse(response);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.constructor).toBe(ApiError);
    expect([error.status, error.code, error.message]).toEqual([status, 'edge_case', 'Unregistered']);
  });
});
