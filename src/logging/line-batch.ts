/** What {@link LineBatch} writes to: pino's destination (sonic-boom) fits. */
export interface LineSink {
  write(data: string): boolean;
  flushSync(): void;
  flush(callback?: (error?: Error | null) => void): void;
}

/**
 * A pino stream that gathers lines and hands them to `sink` as one string of at least
 * `minLength` characters (at once when `minLength` is 0). Why not sonic-boom's own `minLength`:
 * its `write()` measures the pending buffer with `Buffer.byteLength` on every line, which makes V8
 * flatten and scan the whole growing string each time, so a line cost grows with the buffer
 * (about 6 µs a line at 4 KB on a 2-vCPU VM, against 1.5 µs with this batch in front of it). The
 * batch holds less than `minLength` characters; whatever outgrows the sink's own bound is
 * dropped there. `push()` hands the batch over without waiting (for a timer). `flushSync()`
 * (pino calls it after a `fatal` line; the exit hook calls it too) writes what the sink holds,
 * then the gathered lines through `syncSink`, before returning. Why a second, synchronous sink:
 * handed to an idle asynchronous sonic-boom, the lines would start a write in libuv's thread pool
 * that sonic-boom's `flushSync()` does not wait for, so a SIGKILL or an exit right after could
 * lose them while the pool is busy with the app's own file, DNS or crypto work.
 */
export class LineBatch implements LineSink {
  #lines: string[] = [];
  #length = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly minLength: number,
    private readonly syncSink?: Pick<LineSink, 'write'>,
  ) {}

  write(line: string): boolean {
    this.#lines.push(line);
    this.#length += line.length;
    if (this.#length >= this.minLength) this.push();
    return true;
  }

  /** Hands the gathered lines to the sink, which writes them asynchronously. */
  push(): void {
    const data = this.#take();
    if (data !== '') this.sink.write(data);
  }

  flushSync(): void {
    if (this.syncSink === undefined) {
      this.push();
      this.sink.flushSync();
      return;
    }
    // What the sink holds is older than the gathered lines: it goes first.
    this.sink.flushSync();
    const data = this.#take();
    if (data !== '') this.syncSink.write(data);
  }

  flush(callback?: (error?: Error | null) => void): void {
    this.push();
    this.sink.flush(callback);
  }

  #take(): string {
    if (this.#length === 0) return '';
    const lines = this.#lines;
    this.#lines = [];
    this.#length = 0;
    return lines.length === 1 ? (lines[0] as string) : lines.join('');
  }
}
