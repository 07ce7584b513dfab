import { expectTypeOf } from 'expect-type';
import {
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
  createClient,
  isResponseError,
  parseErrorResponse,
  type ApiError,
  type ResponseError,
} from '../../src/client';

// Checked by `tsc --noEmit` (npm run typecheck); the test body only keeps jest from reporting an empty file.
test('the client is typed: results, narrowed errors and misuse', () => {
  const api = createClient({ baseUrl: 'http://api.test' });
  const call = () => api.get<{ id: string }>('/users/1');
  expectTypeOf(call).returns.toEqualTypeOf<Promise<{ id: string }>>();
  expectTypeOf(api.post('/users', { json: { name: 'Ada' } }).catch(() => undefined)).toEqualTypeOf<Promise<unknown>>();
  expectTypeOf(parseErrorResponse).returns.resolves.toEqualTypeOf<ResponseError>();

  const error: unknown = new NotFoundError();
  if (isResponseError(error, NotFoundError)) {
    expectTypeOf(error.status).toEqualTypeOf<404>();
    expectTypeOf(error.requestId).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.retryAfter).toEqualTypeOf<number | undefined>();
    expectTypeOf(error.response).toEqualTypeOf<Response>();
  }
  if (isResponseError(error)) expectTypeOf(error).toMatchTypeOf<ApiError>();
  if (error instanceof TooManyRequestsError) expectTypeOf(error.status).toEqualTypeOf<429>();

  // @ts-expect-error a GET has no body
  const withBody = () => api.get('/x', { json: {} });
  // @ts-expect-error paths are strings
  const badPath = () => api.get(42);
  expect([typeof withBody, typeof badPath]).toEqual(['function', 'function']);
});

// The README's first example, compiled: if it stops type-checking, the docs are wrong.
export async function readmeExample(id: string, getToken: () => Promise<string>): Promise<string> {
  const api = createClient({
    baseUrl: 'https://api.example.com/v1',
    headers: async () => ({ Authorization: `Bearer ${await getToken()}` }),
  });
  try {
    const user = await api.get<{ name: string }>(`/users/${id}`);
    await api.post('/orders', { json: { sku: 'A-1', quantity: 2 } });
    return user.name;
  } catch (error) {
    if (error instanceof NotFoundError) return 'not found';
    if (error instanceof ValidationError) return error.details.map((issue) => issue.path).join(',');
    if (isResponseError(error, TooManyRequestsError)) return `retry in ${error.retryAfter ?? '?'} s`;
    throw error;
  }
}
