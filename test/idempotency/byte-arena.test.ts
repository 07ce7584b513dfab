import fc from 'fast-check';
import { ByteArena } from '../../src/idempotency/stores/byte-arena';

describe('ByteArena', () => {
  test('every allocation has the length asked for and bytes of its own, shared slab or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 600 }), { maxLength: 60 }),
        fc.integer({ min: 64, max: 4096 }),
        (lengths, slabSize) => {
          const arena = new ByteArena(slabSize);
          const regions = lengths.map((length, index) => arena.allocate(length).fill(index % 256));
          regions.forEach((region, index) => {
            expect(region.length).toBe(lengths[index]);
            expect(region.every((byte) => byte === index % 256)).toBe(true);
          });
        },
      ),
    );
  });

  test('small allocations share a slab; one larger than an eighth of a slab has a buffer of its own', () => {
    const arena = new ByteArena(1024);
    const a = arena.allocate(5);
    const b = arena.allocate(6);
    const large = arena.allocate(129);
    expect(a.buffer).toBe(b.buffer);
    expect([b.byteOffset, a.buffer.byteLength]).toEqual([5, 1024]);
    expect([large.buffer.byteLength, large.byteOffset]).toEqual([129, 0]);
  });
});
