import fc from 'fast-check';
import {
  ApiError,
  BadGatewayError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PaymentRequiredError,
  ServiceUnavailableError,
  TooManyRequestsError,
  ValidationError,
  isApiError,
  isResponseError,
  parseErrorResponse,
  type ApiErrorOptions,
} from '../../src/client';

const json = (status: number, body: unknown, headers: Record<string, string> = {}, type = 'application/json'): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });

describe('parseErrorResponse: our envelope', () => {
  test('becomes the class of the status with code, message, details, request id and the response', async () => {
    const response = json(404, {
      error: { code: 'user_not_found', message: 'User 42 was not found', details: { id: '42' } },
      meta: { request_id: 'req_1' },
    });
    const error = await parseErrorResponse(response);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ApiError);
    expect(isApiError(error)).toBe(true);
    expect(isResponseError(error, NotFoundError)).toBe(true);
    expect(isResponseError(error, ConflictError)).toBe(false);
    expect(error).toMatchObject({
      name: 'NotFoundError',
      status: 404,
      statusCode: 404,
      code: 'user_not_found',
      message: 'User 42 was not found',
      details: { id: '42' },
      requestId: 'req_1',
      retryAfter: undefined,
      attempts: 1,
    });
    expect(error.response).toBe(response);
    expect(error.body).toEqual({
      error: { code: 'user_not_found', message: 'User 42 was not found', details: { id: '42' } },
      meta: { request_id: 'req_1' },
    });
    // The response and body stay out of logs and JSON.
    expect(Object.keys(error)).not.toContain('response');
    expect(Object.keys(error)).not.toContain('body');
  });

  test('a validation_error with a list of issues becomes a ValidationError', async () => {
    const details = [{ path: 'body.email', code: 'invalid_format', message: 'email must be an email address' }];
    const error = await parseErrorResponse(
      json(400, { error: { code: 'validation_error', message: 'Invalid user', details }, meta: { request_id: 'r' } }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ name: 'ValidationError', code: 'validation_error', message: 'Invalid user', details });
  });

  test('a validation_error whose details are not a list stays a BadRequestError with that code', async () => {
    const error = await parseErrorResponse(json(400, { error: { code: 'validation_error', message: 'x', details: 'nope' } }));
    expect(error.constructor).toBe(BadRequestError);
    expect(error).toMatchObject({ code: 'validation_error', details: 'nope' });
  });

  test('errorClasses maps your own codes to your classes, only when the status matches', async () => {
    class PaymentDeclinedError extends PaymentRequiredError {
      constructor(message?: string, options?: ApiErrorOptions) {
        super(message, { ...options, code: 'payment_declined' });
      }
    }
    const errorClasses = { payment_declined: PaymentDeclinedError };
    const body = { error: { code: 'payment_declined', message: 'Card declined' } };
    expect(await parseErrorResponse(json(402, body), { errorClasses })).toBeInstanceOf(PaymentDeclinedError);
    const mismatched = await parseErrorResponse(json(409, body), { errorClasses });
    expect(mismatched.constructor).toBe(ConflictError);
    expect(mismatched.code).toBe('payment_declined');
  });

  test('the request id falls back to the X-Request-Id header (or the one configured)', async () => {
    const body = { error: { code: 'resource_not_found', message: 'm' } };
    expect((await parseErrorResponse(json(404, body, { 'X-Request-Id': 'hdr_1' }))).requestId).toBe('hdr_1');
    expect(
      (await parseErrorResponse(json(404, body, { 'X-Correlation-Id': 'c_1' }), { requestIdHeader: 'X-Correlation-Id' })).requestId,
    ).toBe('c_1');
    expect((await parseErrorResponse(json(404, body))).requestId).toBeUndefined();
  });

  test('an invalid code falls back to the catalog code of the status', async () => {
    const error = await parseErrorResponse(json(404, { error: { code: 'Not Found!', message: 'm' } }));
    expect(error.code).toBe('resource_not_found');
  });

  test('a 5xx message is the message received: masking is for serving, not for reading', async () => {
    const error = await parseErrorResponse(
      json(500, { error: { code: 'internal_error', message: 'An unexpected error occurred.' }, meta: { request_id: 'r5' } }),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe('An unexpected error occurred.');
    expect(error.expose).toBe(false); // rethrown by a gateway, it is still masked there
  });
});

describe('parseErrorResponse: RFC 9457 problem details', () => {
  test('reads detail, code, request_id and errors', async () => {
    const error = await parseErrorResponse(
      json(
        409,
        {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          detail: 'Email taken',
          instance: '/users',
          code: 'email_taken',
          request_id: 'req_p',
          errors: [{ path: 'email' }],
        },
        {},
        'application/problem+json',
      ),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'email_taken', message: 'Email taken', details: [{ path: 'email' }], requestId: 'req_p' });
  });

  test('without a code, the last segment of a type URI is the code when it is one', async () => {
    const typed = await parseErrorResponse(
      json(
        404,
        { type: 'https://example.com/problems/resource_not_found', title: 'Not Found', status: 404 },
        {},
        'application/problem+json',
      ),
    );
    expect(typed).toMatchObject({ code: 'resource_not_found', message: 'Not Found' });
    const foreign = await parseErrorResponse(
      json(
        403,
        {
          type: 'https://example.com/probs/out-of-credit',
          title: 'You do not have enough credit.',
          detail: 'Your current balance is 30, but that costs 50.',
        },
        {},
        'application/problem+json',
      ),
    );
    expect(foreign).toMatchObject({ status: 403, code: 'forbidden', message: 'Your current balance is 30, but that costs 50.' });
    expect(foreign.body).toMatchObject({ type: 'https://example.com/probs/out-of-credit' });
  });

  test('members of the wrong type are ignored (RFC 9457 §3.1)', async () => {
    const error = await parseErrorResponse(
      json(
        422,
        { type: 7, title: 'Unprocessable Content', detail: { no: 1 }, code: 42, request_id: ['x'] },
        {},
        'application/problem+json',
      ),
    );
    expect(error).toMatchObject({ status: 422, code: 'invalid_operation', message: 'Unprocessable Content', requestId: undefined });
  });
});

describe('parseErrorResponse: Retry-After', () => {
  const body = { error: { code: 'rate_limit_exceeded', message: 'Slow down' } };

  test('delay-seconds, and the error carries its own Retry-After header for a gateway to pass on', async () => {
    const error = await parseErrorResponse(json(429, body, { 'Retry-After': '30' }));
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error.retryAfter).toBe(30);
    expect(error.headers).toEqual({ 'Retry-After': '30' });
  });

  test('an HTTP-date is read against the server clock of the Date header', async () => {
    const error = await parseErrorResponse(
      json(503, body, { Date: 'Sun, 06 Nov 1994 08:49:37 GMT', 'Retry-After': 'Sun, 06 Nov 1994 08:50:37 GMT' }),
    );
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.retryAfter).toBe(60);
  });

  test('the obsolete forms too, and garbage is ignored', async () => {
    const date = { Date: 'Sun, 06 Nov 1994 08:49:37 GMT' };
    expect((await parseErrorResponse(json(503, body, { ...date, 'Retry-After': 'Sunday, 06-Nov-94 08:49:47 GMT' }))).retryAfter).toBe(10);
    expect((await parseErrorResponse(json(503, body, { ...date, 'Retry-After': 'Sun Nov  6 08:49:57 1994' }))).retryAfter).toBe(20);
    expect((await parseErrorResponse(json(503, body, { 'Retry-After': 'later' }))).retryAfter).toBeUndefined();
  });
});

describe('parseErrorResponse: anything else', () => {
  test("a proxy's HTML 502 becomes a BadGatewayError saying the body was HTML", async () => {
    const html =
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    const error = await parseErrorResponse(new Response(html, { status: 502, headers: { 'Content-Type': 'text/html' } }));
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({
      code: 'bad_gateway',
      message: '502 Bad Gateway: the response body is text/html, not JSON',
      body: undefined,
    });
  });

  test.each([
    ['an empty body', new Response(null, { status: 503 }), ServiceUnavailableError, '503 Service Unavailable: the response body is empty'],
    [
      'invalid JSON',
      new Response('{"error":', { status: 500, headers: { 'Content-Type': 'application/json' } }),
      InternalServerError,
      '500 Internal Server Error: the response body is not valid JSON',
    ],
    [
      'JSON of another shape',
      json(404, [1, 2]),
      NotFoundError,
      '404 Not Found: the JSON body is neither an error envelope nor problem details',
    ],
    [
      'plain text',
      new Response('upstream connect error', { status: 503, headers: { 'Content-Type': 'text/plain' } }),
      ServiceUnavailableError,
      '503 Service Unavailable: the response body is text/plain, not JSON',
    ],
    [
      'no content type',
      new Response('oops', { status: 404, headers: { 'Content-Type': '' } }),
      NotFoundError,
      '404 Not Found: the response body is of no declared type, not JSON',
    ],
  ])('%s becomes the class of its status with a clear message', async (_name, response, ErrorClass, message) => {
    const error = await parseErrorResponse(response);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.message).toBe(message);
  });

  test('JSON labelled text/plain, as some proxies send it, is still read', async () => {
    const error = await parseErrorResponse(
      new Response('{"error":{"code":"resource_not_found","message":"gone fishing"}}', {
        status: 404,
        headers: { 'Content-Type': 'text/plain' },
      }),
    );
    expect(error).toMatchObject({ code: 'resource_not_found', message: 'gone fishing' });
  });

  test('loose JSON ({ message } or { error: string }) keeps its message', async () => {
    expect(await parseErrorResponse(json(403, { message: 'No access', code: 'no_access' }))).toMatchObject({
      message: 'No access',
      code: 'no_access',
    });
    expect(await parseErrorResponse(json(401, { error: 'invalid_token' }))).toMatchObject({
      status: 401,
      message: 'invalid_token',
      code: 'authentication_required',
    });
  });

  test('an uncatalogued 4xx or 5xx keeps its status, read by class like RFC 9110 §15 says; anything else is a 500', async () => {
    const error = await parseErrorResponse(json(499, { error: { code: 'client_closed', message: 'closed' } }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(BadRequestError);
    expect([error.status, error.code, error.message]).toEqual([499, 'client_closed', 'closed']);
    expect(error.response.status).toBe(499);
    const unknown = await parseErrorResponse(json(520, {}));
    expect([unknown.status, unknown.code]).toEqual([520, 'internal_error']);
    expect(unknown).not.toBeInstanceOf(InternalServerError);
    expect(await parseErrorResponse(json(302, {}))).toBeInstanceOf(InternalServerError);
  });

  test('a body over maxErrorBodyBytes is not read', async () => {
    const error = await parseErrorResponse(
      new Response('x'.repeat(2048), { status: 502, headers: { 'Content-Type': 'application/json' } }),
      { maxErrorBodyBytes: 1024 },
    );
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.message).toBe('502 Bad Gateway: the response body is larger than 1024 bytes and was not read');
  });

  test('a body that fails mid-stream is reported, not thrown', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"error":'));
        controller.error(new Error('socket hang up'));
      },
    });
    const error = await parseErrorResponse(new Response(stream, { status: 504 }));
    expect(error.message).toBe('504 Gateway Timeout: the response body could not be read');
  });

  test('property: any status, content type and body parse into an ApiError without throwing', async () => {
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify({ error: value, meta: value })),
      fc
        .jsonValue()
        .map((value) => JSON.stringify({ type: value, title: value, detail: value, code: value, errors: value, request_id: value })),
      fc.uint8Array().map((bytes) => Buffer.from(bytes).toString('latin1')),
    );
    const type = fc.constantFrom(
      'application/json',
      'application/problem+json',
      'text/html',
      'text/plain',
      '',
      'application/vnd.api+json; charset=utf-8',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        type,
        body,
        fc.option(fc.string()),
        async (status, contentType, text, retryAfter) => {
          const headers: Record<string, string> = { 'Content-Type': contentType };
          if (retryAfter !== null && /^[\t\x20-\x7e]*$/.test(retryAfter)) headers['Retry-After'] = retryAfter;
          const error = await parseErrorResponse(
            new Response(status === 204 || status === 205 || status === 304 ? null : text, { status, headers }),
          );
          expect(isApiError(error)).toBe(true);
          expect(typeof error.message).toBe('string');
          expect(error.message.length).toBeGreaterThan(0);
          expect(error.status).toBeGreaterThanOrEqual(400);
          if (error.retryAfter !== undefined) expect(error.retryAfter).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
