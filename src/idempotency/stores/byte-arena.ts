/**
 * Copies small byte strings into shared slabs, so keeping many small bodies costs one allocation
 * per slab rather than one `ArrayBuffer` (and its garbage-collector bookkeeping) per body. A slab
 * is freed once every copy in it is: right for entries that leave in about the order they came,
 * as MemoryStore's do (one TTL, oldest evicted first). Larger copies get a buffer of their own.
 */
export class ByteArena {
  readonly #slabSize: number;
  readonly #maxShared: number;
  #slab: Buffer = Buffer.alloc(0);
  #offset = 0;

  constructor(slabSize = 16 * 1024) {
    this.#slabSize = slabSize;
    // A copy may waste at most an eighth of a slab's tail when it does not fit.
    this.#maxShared = slabSize >>> 3;
  }

  /** A copy of `bytes` that no later write to `bytes` can change. */
  copy(bytes: Uint8Array): Buffer {
    const copy = this.allocate(bytes.length);
    copy.set(bytes);
    return copy;
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
