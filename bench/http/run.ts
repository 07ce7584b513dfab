// HTTP benchmark: every target in its own child process, autocannon in this one, interleaved rounds.
// Usage: tsx bench/http/run.ts [--scenario 404|logs|500|flood] [--rounds 5] [--duration 3] [--warmup 2]
//        [--connections 10] [--json results.json]
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { describeLibrary } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { formatGoal, formatNumber, formatSpread, median, perRound, table } from '../shared/stats';
import { SCENARIOS, type Target } from './scenarios';
import { startServer, type RunningServer } from './spawn';

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', default: '404' },
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    json: { type: 'string' },
  },
});
const scenario = SCENARIOS[args.scenario];
if (scenario === undefined) throw new Error(`unknown scenario ${args.scenario}; one of ${Object.keys(SCENARIOS).join(', ')}`);
const rounds = Number(args.rounds);
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);

interface Sample {
  readonly rps: number;
  readonly p99: number;
  /** Server CPU time per request, µs. */
  readonly cpu: number;
}

async function fire(server: RunningServer, target: Target, seconds: number): Promise<Sample> {
  const before = await server.cpuMicros();
  const result = await autocannon({ url: `http://127.0.0.1:${server.port}${target.path}`, connections, duration: seconds });
  const cpu = ((await server.cpuMicros()) - before) / result.requests.total;
  const answered = result.statusCodeStats?.[String(target.status) as keyof typeof result.statusCodeStats]?.count ?? 0;
  if (result.errors > 0 || result.timeouts > 0 || answered !== result.requests.total) {
    throw new Error(
      `${target.label}: ${result.errors} errors, ${result.timeouts} timeouts, ${answered}/${result.requests.total} answered ${target.status}`,
    );
  }
  return { rps: result.requests.average, p99: result.latency.p99, cpu };
}

// One request before measuring: right status, the envelope, a request id equal to its header.
async function check(port: number, target: Target): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}${target.path}`);
  const text = await response.text();
  const body = JSON.parse(text) as { meta?: { request_id?: string } };
  if (response.status !== target.status) throw new Error(`${target.label}: status ${response.status}, expected ${target.status}`);
  if (body.meta?.request_id === undefined || body.meta.request_id !== response.headers.get('x-request-id')) {
    throw new Error(`${target.label}: request id missing or not equal to its header: ${text}`);
  }
  const names: string[] = [];
  response.headers.forEach((_value, name) => {
    if (!['date', 'connection', 'keep-alive'].includes(name)) names.push(name);
  });
  return `${target.key}: ${response.status}, ${text.length} B body, headers: ${names.join(', ')}`;
}

async function main(): Promise<void> {
  console.log(`# HTTP bench, scenario ${args.scenario}: ${scenario!.title}`);
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  console.log(
    `method: autocannon ${connections} connections on loopback, in the same process as this runner and on the same cores as the servers;` +
      ` each target in its own node process, started afresh each round; ${warmup} s warm-up, then ${rounds} interleaved rounds` +
      ` of ${duration} s; median of rounds, ratios paired within each round`,
  );
  const loadAtStart = os.loadavg()[0]!;
  const targets = scenario!.targets;
  let servers: RunningServer[] = [];
  try {
    const samples: Sample[][] = targets.map(() => []);
    for (let round = 0; round < rounds; round++) {
      // Fresh processes each round: on a shared VM one process can stay lucky (or not) for a
      // whole run, which the rounds of that run then cannot average out.
      for (const target of targets) servers.push(await startServer(target.implementation, [], target.output));
      if (round === 0) for (const [index, target] of targets.entries()) console.log(`  ${await check(servers[index]!.port, target)}`);
      for (const [index, target] of targets.entries()) await fire(servers[index]!, target, warmup);
      // Rotate the order so no target always runs first (or right after the same neighbour).
      for (let step = 0; step < targets.length; step++) {
        const index = (step + round) % targets.length;
        samples[index]!.push(await fire(servers[index]!, targets[index]!, duration));
      }
      await Promise.all(servers.map((server) => server.stop()));
      servers = [];
      process.stdout.write(`  round ${round + 1}/${rounds} done\n`);
    }

    const rps = new Map(targets.map((target, index) => [target.key, median(samples[index]!.map((sample) => sample.rps))]));
    const cpu = new Map(targets.map((target, index) => [target.key, median(samples[index]!.map((sample) => sample.cpu))]));
    console.log();
    console.log(
      table(
        ['target', 'status', 'req/s (median)', 'best', 'rounds', 'p99 ms', 'server CPU µs/req (median)'],
        targets.map((target, index) => [
          target.label,
          String(target.status),
          formatNumber(rps.get(target.key)!),
          formatNumber(Math.max(...samples[index]!.map((sample) => sample.rps))),
          samples[index]!.map((sample) => formatNumber(sample.rps)).join(' / '),
          formatNumber(median(samples[index]!.map((sample) => sample.p99))),
          formatNumber(cpu.get(target.key)!, 1),
        ]),
      ),
    );
    console.log();
    const samplesOf = (key: string): Sample[] => samples[targets.findIndex((target) => target.key === key)]!;
    const ratios = scenario!.ratios.map((ratio) => {
      const numerator = samplesOf(ratio.numerator);
      const denominator = samplesOf(ratio.denominator);
      // Paired within each round (see perRound); the CPU form is requests per CPU-second, relative.
      const paired = perRound(rounds, (round) => numerator[round]!.rps / denominator[round]!.rps);
      const cpuPaired = perRound(rounds, (round) => denominator[round]!.cpu / numerator[round]!.cpu);
      const value = paired.median;
      const verdict = formatGoal(value, ratio.goal);
      return { ...ratio, value, verdict, paired, cpuPaired };
    });
    console.log(
      table(
        ['ratio', 'req/s ratio, paired per round: median (range)', 'goal', 'CPU-cost ratio, paired: median (range)'],
        ratios.map((ratio) => [
          `${ratio.numerator} / ${ratio.denominator}`,
          formatSpread(ratio.paired),
          ratio.verdict,
          formatSpread(ratio.cpuPaired),
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
            scenario: args.scenario,
            machine: describeMachine(),
            targets: targets.map((target, index) => ({
              ...target,
              rps: rps.get(target.key),
              cpuMicrosPerRequest: cpu.get(target.key),
              samples: samples[index],
            })),
            ratios,
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
