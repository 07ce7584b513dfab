// OpenTelemetry bench: what the HTTP and Express instrumentations cost a success and an error
// response, side by side in one run, and what errorHandler's own span recording adds.
// Usage: tsx bench/otel/run.ts [--rounds 5] [--duration 3] [--warmup 2] [--connections 10] [--logging off|default] [--json out.json]
// --logging default: every server logs each error with the default logger (stdout to /dev/null), as
// an app does out of the box; then a 500's stacks are formatted for the log line with or without
// OpenTelemetry, and what is left is the tracing's own cost. Default `off` (`logger: false`).
// Goal: with OpenTelemetry active, the error path's slowdown is at most 5% more than the success
// path's: (plain error / otel error) <= 1.05 x (plain success / otel success), in req/s.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { describeLibrary } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { formatChange, formatGoal, formatNumber, formatSpread, median, perRound, table } from '../shared/stats';
import type { Variant } from './server';
import { PATHS, startServer, VARIANTS, type PathKey, type Server } from './servers';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    logging: { type: 'string', default: 'off' },
    json: { type: 'string' },
  },
});
const rounds = Number(args.rounds);
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const logging = args.logging === 'default' ? 'default' : 'off';

interface Target {
  readonly server: Server;
  readonly path: (typeof PATHS)[number];
  readonly label: string;
}

interface Sample {
  readonly rps: number;
  /** Server CPU time per request, µs. */
  readonly cpu: number;
}

const cpuMicros = async (server: Server) => {
  const { cpu } = await server.ask<{ cpu: NodeJS.CpuUsage }>('cpu');
  return cpu.user + cpu.system;
};

async function fire(target: Target, seconds: number): Promise<Sample> {
  const before = await cpuMicros(target.server);
  const result = await autocannon({ url: `http://127.0.0.1:${target.server.port}${target.path.path}`, connections, duration: seconds });
  const cpu = ((await cpuMicros(target.server)) - before) / result.requests.total;
  const answered = result.statusCodeStats?.[String(target.path.status) as keyof typeof result.statusCodeStats]?.count ?? 0;
  if (result.errors > 0 || result.timeouts > 0 || answered !== result.requests.total) {
    throw new Error(
      `${target.label}: ${result.errors} errors, ${result.timeouts} timeouts, ${answered}/${result.requests.total} answered ${target.path.status}`,
    );
  }
  return { rps: result.requests.average, cpu };
}

async function check(target: Target): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${target.server.port}${target.path.path}`);
  await response.arrayBuffer();
  if (response.status !== target.path.status) throw new Error(`${target.label}: status ${response.status}, expected ${target.path.status}`);
}

async function main(): Promise<void> {
  console.log('# OpenTelemetry bench: instrumented vs plain, success vs error paths');
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  console.log(
    `method: autocannon ${connections} connections on loopback, in this process, on the same cores as the servers; each server in its own node process` +
      ` (plain; otel: NodeTracerProvider + BatchSpanProcessor to a dropping exporter, instrumentation-http and -express; otel-untraced: the same with errorHandler({ tracing: false }));` +
      ` errorHandler({ logger: ${logging === 'default' ? 'the default logger, stdout to /dev/null' : 'false'} }); ${rounds} interleaved rounds of ${duration} s, each on fresh server processes after ${warmup} s of warm-up; median of rounds, ratios paired within each round`,
  );
  const loadAtStart = os.loadavg()[0]!;
  let servers: Server[] = [];
  try {
    // The same order every round (variant by path), so a target's index names it across rounds.
    const labels = VARIANTS.flatMap((variant) => PATHS.map((p) => ({ variant, path: p, label: `${variant} ${p.key}` })));
    const samples: Sample[][] = labels.map(() => []);
    for (let round = 0; round < rounds; round++) {
      // Fresh processes each round: on a shared VM one process can stay lucky (or not) for a
      // whole run, which the rounds of that run then cannot average out.
      for (const variant of VARIANTS) servers.push(await startServer(variant, logging));
      const targets: Target[] = servers.flatMap((server) => PATHS.map((p) => ({ server, path: p, label: `${server.variant} ${p.key}` })));
      if (round === 0) for (const target of targets) await check(target);
      for (const target of targets) await fire(target, warmup);
      if (round === 0) {
        const exported = await Promise.all(servers.map((server) => server.ask<{ spans: number }>('spans')));
        console.log(
          `spans exported during warm-up: ${servers.map((server, index) => `${server.variant} ${exported[index]!.spans}`).join(', ')}`,
        );
      }
      for (let step = 0; step < targets.length; step++) {
        const index = (step + round) % targets.length;
        samples[index]!.push(await fire(targets[index]!, duration));
      }
      await Promise.all(servers.map((server) => server.stop()));
      servers = [];
      process.stdout.write(`  round ${round + 1}/${rounds} done\n`);
    }
    const samplesOf = (variant: Variant, key: PathKey) => samples[labels.findIndex((t) => t.variant === variant && t.path.key === key)]!;
    const rps = (variant: Variant, key: PathKey) => median(samplesOf(variant, key).map((s) => s.rps));
    const cpu = (variant: Variant, key: PathKey) => median(samplesOf(variant, key).map((s) => s.cpu));

    console.log();
    console.log(
      table(
        ['target', 'status', 'req/s (median)', 'rounds', 'server CPU µs/req (median)'],
        labels.map((target, index) => [
          target.label,
          String(target.path.status),
          formatNumber(rps(target.variant, target.path.key)),
          samples[index]!.map((sample) => formatNumber(sample.rps)).join(' / '),
          formatNumber(cpu(target.variant, target.path.key), 1),
        ]),
      ),
    );
    console.log();
    // Paired within each round (see perRound). Overhead of a path: how much slower the
    // instrumented server answers it than the plain one.
    const slowdownIn = (round: number, key: PathKey) => samplesOf('plain', key)[round]!.rps / samplesOf('otel', key)[round]!.rps;
    const slowdown = (key: PathKey) => perRound(rounds, (round) => slowdownIn(round, key));
    const cpuSlowdown = (key: PathKey) =>
      perRound(rounds, (round) => samplesOf('otel', key)[round]!.cpu / samplesOf('plain', key)[round]!.cpu);
    const rows = PATHS.map((p) => {
      const relative = perRound(rounds, (round) => slowdownIn(round, p.key) / slowdownIn(round, 'ok'));
      const verdict = p.key === 'ok' ? '' : formatGoal(relative.median, 1.05, 'most');
      return [
        p.key,
        formatChange(slowdown(p.key).median),
        formatChange(cpuSlowdown(p.key).median),
        p.key === 'ok' ? '' : formatSpread(relative),
        verdict,
      ];
    });
    console.log(
      table(['path', 'OTel overhead (req/s)', 'OTel overhead (CPU/req)', 'vs success overhead, paired: median (range)', 'goal'], rows),
    );
    console.log();
    // The library's own part: the same SDK, with and without errorHandler's recording.
    console.log(
      table(
        ['path', 'errorHandler recording cost (otel-untraced / otel req/s)', 'CPU/req'],
        (['404', '500'] as const).map((key) => [
          key,
          formatChange(
            perRound(rounds, (round) => samplesOf('otel-untraced', key)[round]!.rps / samplesOf('otel', key)[round]!.rps).median,
          ),
          formatChange(
            perRound(rounds, (round) => samplesOf('otel', key)[round]!.cpu / samplesOf('otel-untraced', key)[round]!.cpu).median,
          ),
        ]),
      ),
    );
    console.log(
      `load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${os.loadavg()[0]!.toFixed(2)} on ${os.availableParallelism()} cores`,
    );
    if (args.json !== undefined) {
      writeFileSync(
        args.json,
        JSON.stringify(
          {
            machine: describeMachine(),
            targets: labels.map((target, index) => ({
              label: target.label,
              rps: rps(target.variant, target.path.key),
              cpu: cpu(target.variant, target.path.key),
              samples: samples[index],
            })),
          },
          null,
          2,
        ),
      );
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
