// Type tests: checked by `npm run typecheck` (tsc over test/); jest runs the runtime half.
// In client code, `instanceof` on the client entry's classes narrows to an error that carries what
// the response said (code, details, requestId, retryAfter, docUrl), not only the bare class.
import { expectTypeOf } from 'expect-type';
import * as core from '../../src';
import {
  ApiError,
  ConflictError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
  createError,
  errorClassesByStatus,
  isApiError,
  isResponseError,
  parseErrorResponse,
  type ResponseError,
  type ValidationIssue,
} from '../../src/client';

// What a client catches: an error built from a 404 response in our envelope.
let caught: unknown;
beforeAll(async () => {
  const body = { error: { code: 'user_not_found', message: 'No such user.', details: { id: 'u_1' } }, meta: { request_id: 'req_42' } };
  caught = await parseErrorResponse(new Response(JSON.stringify(body), { status: 404, headers: { 'Content-Type': 'application/json' } }));
});

test('instanceof NotFoundError narrows to an error with requestId, code and details', () => {
  expect(caught).toBeInstanceOf(NotFoundError);
  if (caught instanceof NotFoundError) {
    expect([caught.code, caught.details, caught.requestId]).toEqual(['user_not_found', { id: 'u_1' }, 'req_42']);
    expectTypeOf(caught.status).toEqualTypeOf<404>();
    expectTypeOf(caught.code).toEqualTypeOf<string>();
    expectTypeOf(caught.details).toEqualTypeOf<unknown>();
    expectTypeOf(caught.requestId).toEqualTypeOf<string | undefined>();
    expectTypeOf(caught.retryAfter).toEqualTypeOf<number | undefined>();
    expectTypeOf(caught.docUrl).toEqualTypeOf<string | undefined>();
    // Present only on an error the client built from a response: isResponseError guarantees it.
    expectTypeOf(caught.response).toEqualTypeOf<Response | undefined>();
  }
  if (caught instanceof TooManyRequestsError) expectTypeOf(caught.retryAfter).toEqualTypeOf<number | undefined>();
  if (caught instanceof ValidationError) {
    expectTypeOf(caught.details).toEqualTypeOf<readonly ValidationIssue[]>();
    expectTypeOf(caught.requestId).toEqualTypeOf<string | undefined>();
  }
  if (caught instanceof ApiError) {
    expectTypeOf(caught.status).toEqualTypeOf<core.ErrorStatus>();
    expectTypeOf(caught.requestId).toEqualTypeOf<string | undefined>();
  }
  if (isApiError(caught)) expectTypeOf(caught.requestId).toEqualTypeOf<string | undefined>();
  if (isResponseError(caught, NotFoundError)) {
    expectTypeOf(caught.status).toEqualTypeOf<404>();
    expectTypeOf(caught.requestId).toEqualTypeOf<string | undefined>();
    expectTypeOf(caught.response).toEqualTypeOf<Response>();
    expectTypeOf(caught.attempts).toEqualTypeOf<number>();
  }
  // The core entry's class is the bare class: only the client entry adds the response's fields.
  if (caught instanceof core.NotFoundError) {
    // @ts-expect-error not a client type
    void caught.requestId;
  }
});

test('the client classes are still the classes: constructed, extended, mapped, mixed with the core', () => {
  const built = new NotFoundError('No such user.', { code: 'user_not_found' });
  expectTypeOf(built).toEqualTypeOf<NotFoundError>();
  expectTypeOf(built).toExtend<core.NotFoundError>();
  // A server-side instance is a client one (the extra fields are optional) and back.
  const fromCore: NotFoundError = new core.NotFoundError();
  const toCore: core.NotFoundError = built;
  expectTypeOf(createError(404)).toExtend<ApiError<404>>();
  expectTypeOf(new ApiError(499, 'Client closed', { code: 'client_closed_request' }).status).toEqualTypeOf<core.ErrorStatus>();

  class OutOfStockError extends ConflictError {
    readonly sku = 'A-1';
  }
  const custom = new OutOfStockError('Out of stock.', { code: 'out_of_stock' });
  expectTypeOf(custom.sku).toEqualTypeOf<string>();
  expectTypeOf(custom.requestId).toEqualTypeOf<string | undefined>();
  if (caught instanceof OutOfStockError) expectTypeOf(caught.sku).toEqualTypeOf<string>();

  const Expected = errorClassesByStatus[429];
  if (caught instanceof Expected) expectTypeOf(caught.requestId).toEqualTypeOf<string | undefined>();
  expectTypeOf<ResponseError<404>>().toExtend<NotFoundError>();
  expect([fromCore, toCore].every((error) => error instanceof core.NotFoundError)).toBe(true);
});

test('at run time they are the core classes themselves, so instanceof holds across entries', () => {
  expect(NotFoundError).toBe(core.NotFoundError);
  expect(ApiError).toBe(core.ApiError);
  expect(ValidationError).toBe(core.ValidationError);
  expect(isApiError).toBe(core.isApiError);
  expect(errorClassesByStatus).toBe(core.errorClassesByStatus);
  expect(new core.NotFoundError()).toBeInstanceOf(NotFoundError);
  expect(new NotFoundError()).toBeInstanceOf(core.NotFoundError);
  expect(new ValidationError()).toBeInstanceOf(core.BadRequestError);
});
