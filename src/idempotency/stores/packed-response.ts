import type { StoredResponse } from '../store';
import type { ByteArena } from './byte-arena';

// A stored response as one run of bytes: a 4-byte length, the status line and headers as JSON,
// then the body. MemoryStore keeps thousands of responses for a day: as one buffer view each
// instead of a dozen objects (arrays of header pairs, their strings), they cost the garbage
// collector little to promote and to mark again at every full collection.
type Head = [status: number, statusMessage: string | null, headers: StoredResponse['headers']];

/** Packs `response` into bytes taken from `arena` (a copy: the response's body may be reused). */
export function packResponse(response: StoredResponse, arena: ByteArena): Buffer {
  const head = JSON.stringify([response.status, response.statusMessage ?? null, response.headers] satisfies Head);
  const headLength = Buffer.byteLength(head);
  const packed = arena.allocate(4 + headLength + response.body.length);
  packed.writeUInt32LE(headLength, 0);
  packed.write(head, 4, 'utf8');
  packed.set(response.body, 4 + headLength);
  return packed;
}

/** The response {@link packResponse} packed; its body is a view of `packed`. */
export function unpackResponse(packed: Buffer): StoredResponse {
  const headLength = packed.readUInt32LE(0);
  const [status, statusMessage, headers] = JSON.parse(packed.toString('utf8', 4, 4 + headLength)) as Head;
  return { status, statusMessage: statusMessage ?? undefined, headers, body: packed.subarray(4 + headLength) };
}
