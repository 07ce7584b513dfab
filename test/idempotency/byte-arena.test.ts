import fc from 'fast-check';
import { ByteArena } from '../../src/idempotency/stores/byte-arena';

describe('ByteArena', () => {
  test('each copy holds its bytes, whatever is copied or overwritten after it', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 60 }), fc.integer({ min: 64, max: 4096 }), (sources, slabSize) => {
        const expected = sources.map((source) => Buffer.from(source));
        const arena = new ByteArena(slabSize);
        const copies = sources.map((source) => arena.copy(source));
        // The sources are the caller's buffers, which it may reuse.
        for (const source of sources) source.fill(0xff);
        copies.forEach((copy, index) => expect(copy.equals(expected[index] as Buffer)).toBe(true));
      }),
    );
  });

  test('small copies share a slab; a copy larger than an eighth of a slab has a buffer of its own', () => {
    const arena = new ByteArena(1024);
    const a = arena.copy(Buffer.from('first'));
    const b = arena.copy(Buffer.from('second'));
    const large = arena.copy(Buffer.alloc(129, 1));
    expect(a.buffer).toBe(b.buffer);
    expect([b.byteOffset, a.buffer.byteLength]).toEqual([5, 1024]);
    expect([large.buffer.byteLength, large.byteOffset]).toEqual([129, 0]);
  });
});
