import { pbkdf2 } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { LineBatch } from '../../src/logging/line-batch';

// The default logger's batch in front of pino's real destination (sonic-boom), to a file. The sink
// is synchronous here so the file shows each hand-over at once: sonic-boom's flushSync() does not
// wait for an asynchronous write already under way, so an async sink would make the order racy.
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'line-batch-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sinkTo(file: string) {
  return pino.destination({ dest: file, sync: true });
}

test('lines wait below minLength, leave together once it is reached, and flushSync() writes the rest before returning', () => {
  const file = join(dir, 'out.log');
  const sink = sinkTo(file);
  const writes: string[] = [];
  const write = sink.write.bind(sink);
  sink.write = (data: string) => (writes.push(data), write(data));
  const batch = new LineBatch(sink, 10);
  expect([batch.write('aaaa\n'), batch.write('bbb\n')]).toEqual([true, true]);
  expect(writes).toEqual([]);
  batch.write('cc\n');
  expect(writes).toEqual(['aaaa\nbbb\ncc\n']);
  batch.write('d\n');
  batch.flushSync();
  expect(writes).toEqual(['aaaa\nbbb\ncc\n', 'd\n']);
  expect(readFileSync(file, 'utf8')).toBe('aaaa\nbbb\ncc\nd\n');
  batch.push();
  expect(writes).toHaveLength(2);
});

test('minLength 0 hands each line over at once; push() and flush(callback) hand over what waits', async () => {
  const file = join(dir, 'out.log');
  const sink = sinkTo(file);
  const direct = new LineBatch(sink, 0);
  direct.write('one\n');
  const batch = new LineBatch(sink, 1000);
  batch.write('two\n');
  batch.push();
  batch.write('three\n');
  expect(readFileSync(file, 'utf8')).toBe('one\ntwo\n');
  await new Promise<void>((resolve, reject) => batch.flush((error) => (error ? reject(error) : resolve())));
  expect(readFileSync(file, 'utf8')).toBe('one\ntwo\nthree\n');
});

test('pino writes through it: a fatal line flushes the lines gathered before it synchronously', () => {
  const file = join(dir, 'out.log');
  const sink = sinkTo(file);
  const logger = pino({ base: null, timestamp: false }, new LineBatch(sink, 4096));
  logger.warn({ n: 1 }, 'first');
  expect(readFileSync(file, 'utf8')).toBe('');
  logger.fatal({ n: 2 }, 'second');
  expect(readFileSync(file, 'utf8')).toBe('{"level":40,"n":1,"msg":"first"}\n{"level":60,"n":2,"msg":"second"}\n');
});

test('with a synchronous sink, flushSync() writes what the sink holds first, then the gathered lines through it', () => {
  const calls: string[] = [];
  const sink = {
    write: (data: string) => (calls.push(`sink.write ${data}`), true),
    flushSync: () => void calls.push('sink.flushSync'),
    flush: () => undefined,
  };
  const syncSink = { write: (data: string) => (calls.push(`syncSink.write ${data}`), true) };
  const batch = new LineBatch(sink, 1000, syncSink);
  batch.write('a\n');
  batch.write('b\n');
  batch.flushSync();
  batch.flushSync();
  expect(calls).toEqual(['sink.flushSync', 'syncSink.write a\nb\n', 'sink.flushSync']);
  batch.write('c\n');
  batch.push();
  expect(calls.slice(3)).toEqual(['sink.write c\n']);
});

test('the default logger’s pair: behind an asynchronous destination, a fatal line is in the file when fatal() returns', async () => {
  const file = join(dir, 'out.log');
  const fd = openSync(file, 'a');
  const sink = pino.destination({ dest: fd, sync: false, minLength: 0 });
  // libuv's four pool threads kept busy, as an app's own crypto or file work can: an asynchronous
  // write of the lines would wait behind these and not be in the file yet.
  const busy = Array.from({ length: 4 }, () => promisify(pbkdf2)('secret', 'salt', 400_000, 64, 'sha512'));
  const logger = pino({ base: null, timestamp: false }, new LineBatch(sink, 4096, pino.destination({ dest: fd, sync: true })));
  logger.warn({ n: 1 }, 'first');
  logger.fatal({ n: 2 }, 'second');
  expect(readFileSync(file, 'utf8')).toBe('{"level":40,"n":1,"msg":"first"}\n{"level":60,"n":2,"msg":"second"}\n');
  await Promise.all(busy);
  sink.end();
});
