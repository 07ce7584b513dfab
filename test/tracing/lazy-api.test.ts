import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requireBuilt } from '../helpers/lanes';

// @opentelemetry/api is an optional peer: the built package (either format) loads it only when an
// error is answered with tracing on, or when requestId({ useTraceId: true }) first runs, and works
// without it. Each case in a fresh node process (fixtures/lazy-api-probe.cjs); needs dist/, as
// test/core/module-load.test.ts does (`npm test` builds before jest).
const run = promisify(execFile);
const PROBE = join(__dirname, 'fixtures/lazy-api-probe.cjs');
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

interface ProbeResult {
  readonly atRequire: boolean;
  readonly status: number;
  readonly requestId: string;
  readonly afterError: boolean;
}

async function probe(
  entry: string,
  mode: 'installed' | 'missing',
  options: { tracing?: boolean; useTraceId?: boolean } = {},
): Promise<ProbeResult> {
  const { stdout } = await run(process.execPath, [PROBE, entry, mode, JSON.stringify(options)], { timeout: 15000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ProbeResult;
}

beforeAll(() => requireBuilt('dist/index.js', 'dist/index.mjs'));

describe.each(['index.js', 'index.mjs'])('dist/%s', (entry) => {
  test('installed: not loaded by require/import, loaded by the first error answered', async () => {
    expect(await probe(entry, 'installed')).toEqual({
      atRequire: false,
      status: 500,
      requestId: expect.stringMatching(/^req_/),
      afterError: true,
    });
  });

  test('installed, tracing: false: never loaded, even when an error is answered', async () => {
    expect(await probe(entry, 'installed', { tracing: false })).toMatchObject({ atRequire: false, status: 500, afterError: false });
  });

  test('installed, tracing: false but requestId({ useTraceId: true }): loaded by requestId, which then reads the trace id', async () => {
    // No SDK registered: no active span, so the id is the traceparent header's.
    expect(await probe(entry, 'installed', { tracing: false, useTraceId: true })).toEqual({
      atRequire: false,
      status: 500,
      requestId: TRACE_ID,
      afterError: true,
    });
  });

  test('not installed: errors are answered as usual and useTraceId falls back to the traceparent header', async () => {
    expect(await probe(entry, 'missing', { useTraceId: true })).toEqual({
      atRequire: false,
      status: 500,
      requestId: TRACE_ID,
      afterError: false,
    });
    expect(await probe(entry, 'missing')).toMatchObject({ status: 500, requestId: expect.stringMatching(/^req_/), afterError: false });
  });
});
