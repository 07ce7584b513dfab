/**
 * Cuts small buffers from shared slabs, so keeping many small responses costs one allocation per
 * slab rather than one `ArrayBuffer` (and its garbage-collector bookkeeping) per response. A slab
 * is freed once every buffer cut from it is: right for entries that leave in about the order they
 * came, as MemoryStore's do (one TTL, oldest evicted first). Larger ones get a buffer of their own.
 */
export class ByteArena {
  readonly #slabSize: number;
  readonly #maxShared: number;
  #slab: Buffer = Buffer.alloc(0);
  #offset = 0;

  constructor(slabSize = 16 * 1024) {
    this.#slabSize = slabSize;
    // A buffer that does not fit leaves at most an eighth of a slab's tail unused.
    this.#maxShared = slabSize >>> 3;
  }

  /** `length` bytes of its own to fill, uninitialised. */
  allocate(length: number): Buffer {
    if (length > this.#maxShared) return Buffer.allocUnsafeSlow(length);
    if (this.#offset + length > this.#slab.length) {
      this.#slab = Buffer.allocUnsafeSlow(this.#slabSize);
      this.#offset = 0;
    }
    const bytes = this.#slab.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return bytes;
  }
}
