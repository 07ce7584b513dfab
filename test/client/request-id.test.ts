import fc from 'fast-check';
import { parseErrorResponse } from '../../src/client';
import { isValidRequestId } from '../../src';

// A request id from a response is shown to users and written to logs: one with CR/LF, control
// characters or unbounded length is dropped (`undefined`), never thrown, the same rule the server
// applies to incoming ids (letters, digits, `-_.:`, 1 to 128 characters).

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const envelope = (requestId: unknown): unknown => ({
  error: { code: 'resource_not_found', message: 'x' },
  meta: { request_id: requestId },
});

const UNSAFE = [
  'req_1\r\nX-Injected: 1',
  'req_1\nlevel=error msg=forged',
  'req_\u001b[31mred',
  'req\u0000nul',
  'req 1',
  'req_é',
  '<script>',
  'r'.repeat(129),
];

describe.each([
  ['the envelope', envelope],
  ['problem details', (id: unknown) => ({ type: 'about:blank', title: 'Not Found', status: 404, request_id: id })],
  ['a loose JSON body', (id: unknown) => ({ message: 'x', request_id: id })],
])('a request id in %s', (_label, body) => {
  test.each(UNSAFE)('%j is dropped', async (id) => {
    const error = await parseErrorResponse(json(404, body(id)));
    expect(error.requestId).toBeUndefined();
    expect(error.message).toBe(error.message.replace(id, ''));
  });

  test('an unsafe one gives way to a safe X-Request-Id header', async () => {
    expect((await parseErrorResponse(json(404, body('bad\nid'), { 'X-Request-Id': 'hdr_2' }))).requestId).toBe('hdr_2');
  });

  test('a safe one is kept, up to 128 characters', async () => {
    expect((await parseErrorResponse(json(404, body('req_6f1c:a.b-c')))).requestId).toBe('req_6f1c:a.b-c');
    expect((await parseErrorResponse(json(404, body('r'.repeat(128))))).requestId).toBe('r'.repeat(128));
  });
});

test.each(['a b', 'x'.repeat(129), 'id;with=params', '\u00e9t\u00e9'])('an X-Request-Id header %j is dropped', async (id) => {
  const headers = new Headers({ 'Content-Type': 'application/json' });
  headers.set('X-Request-Id', id);
  const error = await parseErrorResponse(new Response('{"error":{"code":"x","message":"y"}}', { status: 500, headers }));
  expect(error.requestId).toBeUndefined();
});

test('whatever the body says, the request id is undefined or a safe id', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 140 }),
        fc.stringMatching(/^[A-Za-z0-9\-_.:]{0,130}$/),
        fc.integer(),
        fc.constant(null),
      ),
      async (id) => {
        const { requestId } = await parseErrorResponse(json(404, envelope(id)));
        if (requestId !== undefined) expect(requestId).toMatch(/^[A-Za-z0-9\-_.:]{1,128}$/);
        expect(requestId === undefined || isValidRequestId(requestId)).toBe(true);
        expect(requestId).toBe(typeof id === 'string' && /^[A-Za-z0-9\-_.:]{1,128}$/.test(id) ? id : undefined);
      },
    ),
  );
});
