import fc from 'fast-check';
import type { StoredResponse } from '../../src/idempotency';
import { ByteArena } from '../../src/idempotency/stores/byte-arena';
import { packResponse, unpackResponse } from '../../src/idempotency/stores/packed-response';

// What Node lets a header value hold: visible ASCII, space, tab and obs-text (0x80-0xFF).
const headerText = fc.string({
  unit: fc
    .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09))
    .map((code) => String.fromCharCode(code)),
  maxLength: 80,
});
const response: fc.Arbitrary<StoredResponse> = fc.record(
  {
    status: fc.integer({ min: 100, max: 599 }),
    statusMessage: headerText,
    headers: fc.array(
      fc.tuple(fc.stringMatching(/^[a-z0-9!#$%&'*+.^_`|~-]{1,20}$/), fc.oneof(headerText, fc.array(headerText, { maxLength: 3 }))),
      {
        maxLength: 8,
      },
    ),
    body: fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes)),
  },
  { requiredKeys: ['status', 'headers', 'body'] },
);

describe('packResponse / unpackResponse', () => {
  test('unpacking gives back the response packed, byte for byte, however many share the arena', () => {
    fc.assert(
      fc.property(fc.array(response, { minLength: 1, maxLength: 20 }), (responses) => {
        const arena = new ByteArena(4096);
        const expected = responses.map((each) => ({ ...each, body: Buffer.from(each.body) }));
        const packed = responses.map((each) => packResponse(each, arena));
        // The handler may reuse its buffers afterwards: the packed copies must not see it.
        for (const each of responses) each.body.fill(0xaa);
        packed.forEach((bytes, index) => expect(unpackResponse(bytes)).toEqual(expected[index]));
      }),
    );
  });

  test('a 201 with Location, ETag and a JSON body comes back exactly', () => {
    const arena = new ByteArena();
    const original: StoredResponse = {
      status: 201,
      statusMessage: 'Created',
      headers: [
        ['content-type', 'application/json; charset=utf-8'],
        ['location', '/items/42'],
        ['link', ['</a>; rel="a"', '</b>; rel="b"']],
      ],
      body: Buffer.from('{"id":42,"name":"Zoë"}'),
    };
    const unpacked = unpackResponse(packResponse(original, arena));
    expect(unpacked).toEqual({ ...original, body: expect.any(Buffer) });
    expect(unpacked.body.toString()).toBe('{"id":42,"name":"Zoë"}');
  });

  test('values that look like the packed text itself, an empty reason phrase and an empty list come back as they were', () => {
    const original: StoredResponse = {
      status: 200,
      statusMessage: '',
      headers: [
        ['12:x-count', '3:abc*2:1:a'],
        ['x-empty', []],
        ['x-list', ['-', '+0:', '']],
        ['x-last', '*'],
      ],
      body: Buffer.alloc(0),
    };
    expect(unpackResponse(packResponse(original, new ByteArena()))).toEqual({ ...original, body: Buffer.alloc(0) });
  });
});
