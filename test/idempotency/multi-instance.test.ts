import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { requireRedisServer, startRedisServer, type RedisServer } from '../helpers/redis-server';
import { post } from './app';

interface Instance {
  readonly url: string;
  readonly child: ChildProcess;
}

function startInstance(redisUrl: string, prefix: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'instance.ts')], {
    env: { ...process.env, REDIS_URL: redisUrl, PREFIX: prefix, HANDLER_MS: '150' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('instance did not start within 15 s')), 15_000);
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`, child });
    });
  });
}

function stopInstance(instance: Instance): Promise<void> {
  return new Promise((resolve) => {
    if (instance.child.exitCode !== null) return resolve();
    instance.child.once('exit', () => resolve());
    instance.child.kill('SIGTERM');
  });
}

async function handlerRuns(instances: readonly Instance[]): Promise<number> {
  let total = 0;
  for (const { url } of instances) total += ((await (await fetch(`${url}/calls`)).json()) as { calls: number }).calls;
  return total;
}

// A real Redis: a missing redis-server fails this file (npm run test:unit leaves it out).
requireRedisServer();

describe('two app instances (two processes) sharing one Redis', () => {
  let redis: RedisServer;
  let instances: Instance[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    const prefix = `multi:${randomUUID()}:`;
    instances = await Promise.all([startInstance(redis.url, prefix), startInstance(redis.url, prefix)]);
  }, 30_000);

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await redis.stop();
  });

  test('50 parallel requests with one key, spread over both instances, run the handler exactly once', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(`${(instances[i % 2] as Instance).url}/items`, 'shared-key', { name: 'x' })),
    );
    expect(await handlerRuns(instances)).toBe(1);
    const created = results.filter((r) => r.status === 201);
    expect(created.length + results.filter((r) => r.status === 409).length).toBe(50);
    expect(created.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    for (const r of created) expect(r.text).toBe((created[0] as { text: string }).text);
    // After it finished, either instance replays the same response.
    const [a, b] = await Promise.all(instances.map((i) => post(`${i.url}/items`, 'shared-key', { name: 'x' })));
    expect([a?.status, a?.headers.get('idempotent-replayed'), a?.text]).toEqual([201, 'true', (created[0] as { text: string }).text]);
    expect([b?.status, b?.headers.get('location'), b?.text]).toEqual([
      201,
      (created[0] as { headers: Headers }).headers.get('location'),
      a?.text,
    ]);
    // The key with another body is refused by either instance.
    expect((await post(`${(instances[1] as Instance).url}/items`, 'shared-key', { name: 'y' })).status).toBe(422);
  });

  test('10 keys, 10 requests each, interleaved over both instances: 10 handler runs', async () => {
    const before = await handlerRuns(instances);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => post(`${(instances[i % 2] as Instance).url}/items`, `key-${i % 10}`, { name: i % 10 })),
    );
    expect((await handlerRuns(instances)) - before).toBe(10);
  });
});
