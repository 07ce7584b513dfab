import request from 'supertest';
import { ConflictError, NotFoundError, ValidationError, errorHandler, toApiError, type ApiError, type ErrorRecognizer } from '../../src';
import { MAX_DETAILS, validationFailure } from '../../src/errors/recognizers/issues';
import { appThrowing, EXPRESS_VERSIONS } from '../helpers/app';

class OutOfStockError extends Error {
  constructor(readonly sku: string) {
    super(`SKU ${sku} is out of stock`);
    this.name = 'OutOfStockError';
  }
}

const recognizeOutOfStock: ErrorRecognizer = (error) =>
  error instanceof OutOfStockError ? new ConflictError(`${error.sku} is out of stock`, { code: 'out_of_stock' }) : undefined;

describe('toApiError: the recognizer pipeline', () => {
  test("an app's recognizer turns its own error into the ApiError it returns", () => {
    const error = toApiError(new OutOfStockError('sku_1'), { recognizers: [recognizeOutOfStock] });
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.code).toBe('out_of_stock');
    expect(error.message).toBe('sku_1 is out of stock');
  });

  test('without the recognizer the same error is a 500', () => {
    const error = toApiError(new OutOfStockError('sku_1'));
    expect(error.status).toBe(500);
    expect(error.code).toBe('internal_error');
    expect(error.cause).toBeInstanceOf(OutOfStockError);
  });

  test("the app's recognizers are tried before the built-in ones, in order", () => {
    const seen: string[] = [];
    const first: ErrorRecognizer = () => {
      seen.push('first');
      return undefined;
    };
    const second: ErrorRecognizer = (error) => {
      seen.push('second');
      return (error as { status?: number }).status === 404 ? new NotFoundError('mine') : undefined;
    };
    // An http-errors-like 404 the built-in status reader would answer with its own message.
    const error = toApiError(Object.assign(new Error('theirs'), { status: 404 }), { recognizers: [first, second] });
    expect(seen).toEqual(['first', 'second']);
    expect(error.message).toBe('mine');
  });

  test('our own errors never reach any recognizer', () => {
    const spy = jest.fn<ApiError | undefined, [unknown]>(() => new ConflictError('no'));
    const own = new NotFoundError('User user_123 was not found');
    expect(toApiError(own, { recognizers: [spy] })).toBe(own);
    expect(spy).not.toHaveBeenCalled();
  });

  test('a recognizer that throws is skipped, and the next one answers', () => {
    const broken: ErrorRecognizer = () => {
      throw new Error('bug in a recognizer');
    };
    const error = toApiError(new OutOfStockError('sku_2'), { recognizers: [broken, recognizeOutOfStock] });
    expect(error.code).toBe('out_of_stock');
  });

  test('a recognizer returning something that is not an ApiError is ignored', () => {
    const wrong = (() => ({ status: 409, code: 'nope' })) as unknown as ErrorRecognizer;
    const error = toApiError(new OutOfStockError('sku_3'), { recognizers: [wrong] });
    expect(error.status).toBe(500);
  });

  test('a hand-built ApiError look-alike is a 500, whatever the recognizers', () => {
    const fake = Object.create(NotFoundError.prototype) as ApiError;
    expect(toApiError(fake, { recognizers: [recognizeOutOfStock] }).status).toBe(500);
  });

  test('a thrown integer status is kept; recognizers are asked first', () => {
    expect(toApiError(404).status).toBe(404);
    expect(toApiError(404, { recognizers: [() => new ConflictError()] }).status).toBe(409);
  });
});

describe.each(EXPRESS_VERSIONS)('errorHandler({ recognizers }) on %s', (_name, express) => {
  test("answers with the app's mapping: status, code, message and envelope", async () => {
    const app = appThrowing(() => new OutOfStockError('sku_9'), {
      express,
      handler: { logger: false, recognizers: [recognizeOutOfStock] },
    });
    const response = await request(app).get('/throw');
    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body).toEqual({
      error: { code: 'out_of_stock', message: 'sku_9 is out of stock' },
      meta: { request_id: response.headers['x-request-id'] },
    });
  });

  test('a recognizer may answer a ValidationError with details', async () => {
    const recognize: ErrorRecognizer = (error) =>
      error instanceof OutOfStockError
        ? new ValidationError(undefined, { details: [{ path: 'body.sku', code: 'invalid_value', message: 'Out of stock' }] })
        : undefined;
    const app = appThrowing(() => new OutOfStockError('sku_9'), { express, handler: { logger: false, recognizers: [recognize] } });
    const response = await request(app).get('/throw');
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'validation_error',
      message: 'The request failed validation.',
      details: [{ path: 'body.sku', code: 'invalid_value', message: 'Out of stock' }],
    });
  });
});

describe('errorHandler refuses recognizers that are not functions at start-up', () => {
  test.each([
    ['a function instead of an array', recognizeOutOfStock],
    ['an array holding a non-function', [recognizeOutOfStock, 'zod']],
  ])('%s', (_label, recognizers) => {
    expect(() => errorHandler({ recognizers: recognizers as unknown as ErrorRecognizer[] })).toThrow(
      new TypeError('errorHandler: `recognizers` must be an array of functions'),
    );
  });

  test('a later change to the array does not change the handler', async () => {
    const recognizers: ErrorRecognizer[] = [];
    const app = appThrowing(() => new OutOfStockError('sku_9'), { handler: { logger: false, recognizers } });
    recognizers.push(recognizeOutOfStock);
    expect((await request(app).get('/throw')).status).toBe(500);
  });
});

describe('validationFailure', () => {
  test('keeps at most MAX_DETAILS details and names only its source as the cause', () => {
    const details = Array.from({ length: MAX_DETAILS + 50 }, (_, index) => ({
      path: `body.f${index}`,
      code: 'invalid',
      message: 'This value is invalid.',
    }));
    const error = validationFailure('somelib', details);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details).toHaveLength(MAX_DETAILS);
    expect(error.details[MAX_DETAILS - 1]?.path).toBe(`body.f${MAX_DETAILS - 1}`);
    expect(error.cause).toEqual({ source: 'somelib' });
    expect(error.stack).toBe(`ValidationError: ${error.message}`);
  });
});
