import fc from 'fast-check';
import createHttpError from 'http-errors';
import request from 'supertest';
import {
  ApiError,
  BadRequestError,
  CODE_PATTERN,
  createError,
  defineErrorCodes,
  ERROR_STATUSES,
  getStatusInfo,
  InternalServerError,
  isApiError,
  NotFoundError,
  TooManyRequestsError,
  toApiError,
  UnprocessableContentError,
  ValidationError,
  type ApiErrorOptions,
  type StatusInfo,
  type ValidationErrorOptions,
} from '../../src';
import { parseErrorResponse } from '../../src/client';
import { appThrowing, expectErrorResponse, EXPRESS_VERSIONS } from '../helpers/app';

/** What `defineErrorCodes` says about a bad code: every constructor must say the same. */
function definitionMessage(code: string): string {
  try {
    defineErrorCodes({ [code]: { status: 400, message: 'm' } });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`defineErrorCodes accepted ${JSON.stringify(code)}`);
}

const CONSTRUCTORS: readonly (readonly [string, (options: ApiErrorOptions) => ApiError])[] = [
  ['new NotFoundError()', (options) => new NotFoundError(undefined, options)],
  ['new TooManyRequestsError()', (options) => new TooManyRequestsError('slow down', options)],
  ['new InternalServerError()', (options) => new InternalServerError(undefined, options)],
  ['new ValidationError()', (options) => new ValidationError(undefined, options as ValidationErrorOptions)],
  ['new ApiError(499)', (options) => new ApiError(499 as number, undefined, options)],
  ['createError(404)', (options) => createError(404, undefined, options)],
  ['createError(520)', (options) => createError(520, undefined, options)],
];

/** Strings that are not snake_case codes: the shapes other libraries and languages use. */
const BAD_CODES = [
  'Not-Valid',
  'NotFound',
  'ECONNRESET',
  'user-missing',
  'user missing',
  '1st_try',
  '_private',
  '',
  'é_code',
  'code\r\nX-Injected: 1',
];

describe('an invalid code throws instead of silently becoming the default', () => {
  describe.each(CONSTRUCTORS)('%s', (_name, build) => {
    test.each(BAD_CODES)('code %j: TypeError naming it, as defineErrorCodes says', (code) => {
      expect(() => build({ code })).toThrow(new TypeError(definitionMessage(code)));
    });

    test('a code that is not a string (from JavaScript) is a TypeError too', () => {
      for (const code of [42, null, {}, ['a']]) {
        expect(() => build({ code } as unknown as ApiErrorOptions)).toThrow(TypeError);
      }
    });

    test('a valid code is kept; no code (or undefined) is the default', () => {
      expect(build({ code: 'order_locked' }).code).toBe('order_locked');
      const byDefault = build({}).code;
      expect(build({ code: undefined }).code).toBe(byDefault);
      expect(byDefault).toMatch(CODE_PATTERN);
    });
  });

  test('any string the pattern rejects throws, any it accepts is kept', () => {
    fc.assert(
      fc.property(fc.string(), (code) => {
        if (CODE_PATTERN.test(code)) {
          expect(new BadRequestError(undefined, { code }).code).toBe(code);
        } else {
          expect(() => new BadRequestError(undefined, { code })).toThrow(new TypeError(definitionMessage(code)));
        }
      }),
    );
  });

  test('the registry of defineErrorCodes still builds its own codes', () => {
    const errors = defineErrorCodes({ order_locked: { status: 409, message: 'The order is locked.' } });
    expect(errors.create('order_locked')).toMatchObject({ status: 409, code: 'order_locked', message: 'The order is locked.' });
  });
});

describe('foreign errors are normalised, never thrown over, whatever their code', () => {
  test('toApiError of { status: 404, code: "Not-Valid" } is a 404 with the default code', () => {
    const error = toApiError({ status: 404, code: 'Not-Valid', message: 'No such user' });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'resource_not_found', message: 'No such user' });
  });

  test.each(EXPRESS_VERSIONS)(
    '%s: the handler answers a foreign 404 with code "Not-Valid" as a 404 resource_not_found',
    async (_label, express) => {
      const app = appThrowing(() => ({ status: 404, code: 'Not-Valid', message: 'No such user' }), { express });
      const body = expectErrorResponse(await request(app).get('/throw'), 404, 'Not Found');
      expect(body.error).toEqual({ code: 'resource_not_found', message: 'No such user' });
    },
  );

  test('an http-errors error with a Node-style code keeps its status and gets the default code', async () => {
    const app = appThrowing(() => createHttpError(409, 'Already there', { code: 'EEXIST' }));
    const body = expectErrorResponse(await request(app).get('/throw'), 409, 'Conflict');
    expect(body.error).toEqual({ code: 'resource_conflict', message: 'Already there' });
  });

  test('ECONNRESET (no status) is a 500 internal_error', async () => {
    const app = appThrowing(() => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const body = expectErrorResponse(await request(app).get('/throw'), 500, 'Internal Server Error');
    expect(body.error.code).toBe('internal_error');
  });

  test("EBADCSRFTOKEN (csurf's shape) is a 403 csrf_token_invalid", async () => {
    const app = appThrowing(() => createHttpError(403, 'invalid csrf token', { code: 'EBADCSRFTOKEN' }));
    const body = expectErrorResponse(await request(app).get('/throw'), 403, 'Forbidden');
    expect(body.error.code).toBe('csrf_token_invalid');
  });

  test('the client reading a body with code "Not-Valid" gets the class of the status, default code', async () => {
    const response = new Response(JSON.stringify({ error: { code: 'Not-Valid', message: 'm' } }), {
      status: 404,
      headers: { 'Content-Type': 'application/json' },
    });
    const error = await parseErrorResponse(response);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe('resource_not_found');
  });
});

describe('new ApiError(status) is only for statuses the catalog does not hold', () => {
  test.each([
    [404, 'NotFoundError'],
    [400, 'BadRequestError'],
    [422, 'UnprocessableContentError'],
    [500, 'InternalServerError'],
  ])('new ApiError(%i) throws a TypeError pointing to createError and %s', (status, className) => {
    expect(() => new ApiError(status as number)).toThrow(
      new TypeError(
        `new ApiError(${status}): ${status} is in the catalog; use createError(${status}) or new ${className}(), so that instanceof ${className} holds`,
      ),
    );
  });

  test('every catalog status: new ApiError throws, createError builds the class of the status', () => {
    for (const status of ERROR_STATUSES) {
      expect(() => new ApiError(status as number)).toThrow(TypeError);
      expect(createError(status).constructor.name).toBe((getStatusInfo(status) as StatusInfo).className);
    }
    expect(createError(422)).toBeInstanceOf(UnprocessableContentError);
  });

  test.each([302, 600, 0, -1, 404.5, Number.NaN])('new ApiError(%p) throws: not an error status (createError maps it to 500)', (status) => {
    expect(() => new ApiError(status)).toThrow(
      new TypeError(`new ApiError(${status}): an error status is an integer 400-599; createError(${status}) answers it as a 500`),
    );
    expect(createError(status as number)).toBeInstanceOf(InternalServerError);
  });

  test('any integer 400-599 the catalog does not hold builds a plain ApiError, like createError', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 599 }).filter((status) => getStatusInfo(status) === undefined),
        (status) => {
          const direct = new ApiError(status, 'm', { code: 'edge_case' });
          expect(isApiError(direct)).toBe(true);
          expect(direct.constructor).toBe(ApiError);
          expect(direct).toMatchObject({ status, statusCode: status, code: 'edge_case', message: 'm', expose: status < 500 });
          const made = createError(status);
          expect(made.constructor).toBe(ApiError);
          expect(made.code).toBe(status < 500 ? 'bad_request' : 'internal_error');
        },
      ),
    );
  });

  test('a subclass of ApiError may take a catalog status: the app chose its class', () => {
    class OrderLockedError extends ApiError<409> {
      constructor() {
        super(409, 'The order is locked.', { code: 'order_locked' });
      }
    }
    const error = new OrderLockedError();
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'order_locked' });
  });
});
