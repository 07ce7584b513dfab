import type { StoredResponse } from '../store';
import type { ByteArena } from './byte-arena';

// A stored response as one run of bytes: a 4-byte length, the status line and headers as text,
// then the body. MemoryStore keeps thousands of responses for a day: as one buffer view each
// instead of a dozen objects (arrays of header pairs, their strings), they cost the garbage
// collector little to promote and to mark again at every full collection.
//
// The text: `<status>` then `-` (no reason phrase) or `+<length>:<phrase>`, then per header
// `<length>:<name>` followed by `<length>:<value>`, or by `*<count>:` and that many values. Each
// string is prefixed by its length in UTF-16 code units, so no character needs escaping; written
// this way a small 201 packs about four times faster than through JSON.stringify, which this
// function runs once per stored response. (A lone surrogate, which no header value can hold, does
// not survive the UTF-8 round trip.)

const field = (text: string): string => `${text.length}:${text}`;

/** Packs `response` into bytes taken from `arena` (a copy: the response's body may be reused). */
export function packResponse(response: StoredResponse, arena: ByteArena): Buffer {
  let head = `${response.status}${response.statusMessage === undefined ? '-' : `+${field(response.statusMessage)}`}`;
  for (const [name, value] of response.headers) {
    head += field(name);
    if (typeof value === 'string') head += field(value);
    else {
      head += `*${value.length}:`;
      for (const each of value) head += field(each);
    }
  }
  const headLength = Buffer.byteLength(head);
  const packed = arena.allocate(4 + headLength + response.body.length);
  packed.writeUInt32LE(headLength, 0);
  packed.write(head, 4, headLength, 'utf8');
  packed.set(response.body, 4 + headLength);
  return packed;
}

// Reads the packed text left to right.
class HeadReader {
  offset = 0;
  constructor(readonly text: string) {}

  more(): boolean {
    return this.offset < this.text.length;
  }

  // The digits at the cursor, consumed.
  number(): number {
    const start = this.offset;
    let code = this.text.charCodeAt(this.offset);
    while (code >= 0x30 && code <= 0x39) code = this.text.charCodeAt(++this.offset);
    return Number(this.text.slice(start, this.offset));
  }

  // The character at the cursor, consumed when it is `char`.
  take(char: string): boolean {
    if (this.text[this.offset] !== char) return false;
    this.offset += 1;
    return true;
  }

  string(): string {
    const length = this.number();
    const start = this.offset + 1; // past the `:`
    this.offset = start + length;
    return this.text.slice(start, this.offset);
  }
}

/** The response {@link packResponse} packed; its body is a view of `packed`. */
export function unpackResponse(packed: Buffer): StoredResponse {
  const headLength = packed.readUInt32LE(0);
  const reader = new HeadReader(packed.toString('utf8', 4, 4 + headLength));
  const status = reader.number();
  let statusMessage: string | undefined;
  if (!reader.take('-')) {
    reader.take('+');
    statusMessage = reader.string();
  }
  const headers: [string, string | string[]][] = [];
  while (reader.more()) {
    const name = reader.string();
    if (!reader.take('*')) {
      headers.push([name, reader.string()]);
      continue;
    }
    const values: string[] = [];
    let count = reader.number();
    reader.take(':');
    for (; count > 0; count -= 1) values.push(reader.string());
    headers.push([name, values]);
  }
  return { status, statusMessage, headers, body: packed.subarray(4 + headLength) };
}
