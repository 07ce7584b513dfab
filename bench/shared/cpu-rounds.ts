import { Bench } from 'tinybench';
import { cpuNow } from './clock';

/** How long each task runs in a round, and the rounds. */
export interface RoundSettings {
  readonly rounds: number;
  /** Milliseconds of CPU time per task and round. */
  readonly time: number;
  readonly warmupTime?: number;
}

/**
 * Runs the tasks `add` puts on a fresh tinybench (on CPU time) once per round and returns each
 * task's median latency (p50, in ms) per round, in round order. Whole rounds are repeated so that
 * a burst of load from another process on a shared machine lands on one round, where the median
 * of rounds drops it; a ratio taken within one round compares neighbours under the same load.
 */
export async function cpuRounds(settings: RoundSettings, add: (bench: Bench, round: number) => void): Promise<Map<string, number[]>> {
  const samples = new Map<string, number[]>();
  for (let round = 0; round < settings.rounds; round++) {
    const bench = new Bench({ time: settings.time, warmupTime: settings.warmupTime ?? 200, now: cpuNow });
    add(bench, round);
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (!('latency' in result)) throw new Error(`${task.name}: ${JSON.stringify(result)}`);
      samples.set(task.name, [...(samples.get(task.name) ?? []), result.latency.p50]);
    }
  }
  return samples;
}
