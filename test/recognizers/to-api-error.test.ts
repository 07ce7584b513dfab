import { ConflictError, NotFoundError, toApiError, type ApiError, type ErrorRecognizer } from '../../src';
import { expectNoStackFrames } from '../helpers/app';

// An ApiError from another copy of the package is recognised by its brand (a symbol of the
// global registry), then taken as it is only when it has every field the handler reads.
const BRAND = Symbol.for('express-api-errors.ApiError');
const foreign = (fields: Record<string, unknown>): object => ({
  [BRAND]: true,
  status: 409,
  code: 'seat_taken',
  message: 'Seat 12A is taken',
  headers: {},
  ...fields,
});

describe('toApiError: an ApiError from another copy of the package', () => {
  it('a well-formed one is returned as it is', () => {
    const error = foreign({});
    expect(toApiError(error)).toBe(error);
  });

  it.each([
    ['a status outside 400-599', { status: 399 }],
    ['a status above 599', { status: 600 }],
    ['a code that is not a string', { code: 5 }],
    ['a message that is not a string', { message: 5 }],
    ['headers that are not an object', { headers: 'x: y' }],
    ['null headers', { headers: null }],
  ])('with %s it is a 500 keeping it as the cause', (_label, fields) => {
    const error = foreign(fields);
    const answer = toApiError(error);
    expect(answer).not.toBe(error);
    expect(answer.status).toBe(500);
    expect(answer.code).toBe('internal_error');
    expect(answer.cause).toBe(error);
  });

  it('an object with every field but no brand is not one: it is read for its status', () => {
    const lookAlike = { status: 409, code: 'seat_taken', message: 'Seat 12A is taken', headers: {} };
    const answer = toApiError(lookAlike);
    expect(answer).not.toBe(lookAlike);
    expect([answer.status, answer.code, answer.message, answer.cause]).toEqual([409, 'seat_taken', 'Seat 12A is taken', lookAlike]);
  });

  it('a malformed one never reaches a recognizer', () => {
    const spy = jest.fn<ApiError | undefined, [unknown]>(() => new ConflictError());
    expect(toApiError(foreign({ headers: null }), { recognizers: [spy] }).status).toBe(500);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('toApiError: what a recognizer returns', () => {
  const thrown = new Error('domain failure');

  it.each([
    ['a malformed brand-only look-alike', foreign({ headers: null })],
    ['a well-formed look-alike with a bad status', foreign({ status: 302 })],
    ['a non-string code', foreign({ code: 1 })],
    ['a non-string message', foreign({ message: null })],
  ])('%s is ignored, and the next recognizer is asked', (_label, returned) => {
    const next = new ConflictError('from the next one');
    const answer = toApiError(thrown, { recognizers: [() => returned as ApiError, () => next] });
    expect(answer).toBe(next);
  });

  it('one that throws when read (a returned hostile Proxy) is skipped like one that throws', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
        getPrototypeOf: () => {
          throw new Error('trap');
        },
      },
    );
    const next = new ConflictError('from the next one');
    expect(toApiError(thrown, { recognizers: [() => hostile as ApiError, () => next] })).toBe(next);
  });

  it('a well-formed foreign one is taken', () => {
    const returned = foreign({});
    expect(toApiError(thrown, { recognizers: [() => returned as ApiError] })).toBe(returned);
  });

  it('undefined from every recognizer falls through to the built-in ones, then a 500 with the cause', () => {
    const none: ErrorRecognizer = () => undefined;
    const answer = toApiError(thrown, { recognizers: [none, none] });
    expect(answer.status).toBe(500);
    expect(answer.cause).toBe(thrown);
    expect(toApiError(Object.assign(new Error('gone'), { status: 410 }), { recognizers: [none] }).status).toBe(410);
  });

  it('an empty recognizers array is the same as none', () => {
    expect(toApiError(404, { recognizers: [] }).status).toBe(404);
    expect(toApiError(thrown, { recognizers: [] }).cause).toBe(thrown);
  });
});

describe('toApiError: a thrown number', () => {
  it.each([400, 404, 499, 503, 599])('%i is its status, without a cause', (status) => {
    const answer = toApiError(status);
    expect(answer.status).toBe(status);
    expect(answer.cause).toBeUndefined();
  });

  it.each([399, 600, 404.5, Number.NaN, Infinity, -404])('%p is a 500 keeping the number as its cause', (value) => {
    const answer = toApiError(value);
    expect(answer.status).toBe(500);
    expect(answer.cause).toBe(value);
  });

  it('an app recognizer returning undefined leaves the number to be read', () => {
    expect(toApiError(409, { recognizers: [() => undefined] }).status).toBe(409);
  });
});

describe('toApiError: our own errors', () => {
  it('are returned as they are, and a 500 for anything that throws while converting has no cause', () => {
    const own = new NotFoundError('User u_1 was not found');
    expect(toApiError(own)).toBe(own);
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const answer = toApiError(revocable.proxy);
    expect(answer.status).toBe(500);
    expect(answer.code).toBe('internal_error');
  });
});

describe('toApiError: what is never thrown, and what carries no stack', () => {
  it('a branded value whose getter throws is a 500 without a cause', () => {
    const hostile = Object.defineProperty({ [BRAND]: true }, 'status', {
      get: () => {
        throw new Error('trap');
      },
    });
    const answer = toApiError(hostile);
    expect([answer.status, answer.code, answer.cause]).toEqual([500, 'internal_error', undefined]);
    expectNoStackFrames(answer);
  });

  it('`recognizers` that cannot be iterated (a JavaScript caller) is a 500 without a cause', () => {
    const answer = toApiError(new Error('x'), { recognizers: 5 as unknown as ErrorRecognizer[] });
    expect([answer.status, answer.cause]).toEqual([500, undefined]);
    expectNoStackFrames(answer);
  });

  it('a thrown function is no error object, whatever its properties', () => {
    const thrown = Object.assign(() => 1, { status: 404 });
    const answer = toApiError(thrown);
    expect([answer.status, answer.cause]).toEqual([500, thrown]);
  });

  it.each([
    ['a thrown number', 404],
    // A 5xx would capture a stack by default.
    ['a thrown 5xx number', 503],
    ['a plain Error', new Error('x')],
    // No recogniser takes a string: the last resort's 500.
    ['a thrown string', 'boom'],
    ['a malformed branded value', foreign({ status: 302 })],
  ])('%s', (_label, thrown) => {
    expectNoStackFrames(toApiError(thrown));
  });
});
