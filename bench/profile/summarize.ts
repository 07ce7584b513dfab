import { table } from '../shared/stats';

/** The parts of a V8 `.cpuprofile` this summary reads. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where the error path spends its time: buckets named after the questions a profile answers. */
const BUCKETS: readonly (readonly [string, (name: string, url: string) => boolean])[] = [
  ['errorHandler (all of it)', (name) => name === 'apiErrorHandler'],
  ['  toApiError (normalize)', (name) => name === 'toApiError'],
  ['  request id (ensure + randomUUID)', (name) => name === 'ensureRequestId'],
  ['  logging (logError: serialize + pino)', (name) => name === 'logError'],
  ['  writeErrorResponse', (name) => name === 'writeErrorResponse'],
  ['    negotiation (prefersProblemDetails)', (name) => name === 'prefersProblemDetails'],
  ['    JSON.stringify of the body', (name, url) => name === 'stringify' && url === ''],
  [
    '    header building (set/remove/validate)',
    (name) => ['setErrorHeaders', 'fillRequiredHeaders', 'setHeader', 'removeHeader'].includes(name),
  ],
  ['    res.end (node writes the response)', (name, url) => name === 'end' && url.includes('_http_outgoing')],
  [
    'error construction (our classes)',
    (name, url) => /^[A-Z]\w*Error$/.test(name) && !url.startsWith('node:') && !url.includes('node_modules'),
  ],
  ['ETag (express res.send)', (name, url) => url.includes('/etag/')],
  ['express res.json/res.send', (name, url) => (name === 'json' || name === 'send') && url.includes('express')],
  ['express router', (_name, url) => url.includes('node_modules/router/')],
  ['node http parser + socket', (_name, url) => /node:(_http_server|_http_common|net|internal\/stream_base_commons)/.test(url)],
  ['garbage collector', (name) => name === '(garbage collector)'],
];

/**
 * Total (inclusive) time per bucket and the top functions by self time, as percentages of the
 * busy (non-idle) samples.
 */
export function summarizeProfile(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const idle = profile.nodes
    .filter((node) => node.callFrame.functionName === '(idle)')
    .reduce((sum, node) => sum + (self.get(node.id) ?? 0), 0);
  const busy = [...self.values()].reduce((sum, value) => sum + value, 0) - idle;
  const percent = (value: number): string => `${((100 * value) / busy).toFixed(1)}%`;

  const total = new Map<number, number>();
  const totalOf = (id: number): number => {
    const cached = total.get(id);
    if (cached !== undefined) return cached;
    const node = byId.get(id)!;
    const sum = (self.get(id) ?? 0) + (node.children ?? []).reduce((acc, child) => acc + totalOf(child), 0);
    total.set(id, sum);
    return sum;
  };

  // Inclusive time of a bucket: the subtrees of its outermost matching nodes (recursion counted once).
  const inclusive = BUCKETS.map(() => 0);
  const walk = (id: number, inside: readonly boolean[]): void => {
    const node = byId.get(id)!;
    const { functionName, url } = node.callFrame;
    const now = BUCKETS.map(([, match], index) => {
      const hit = match(functionName, url);
      if (hit && !inside[index]) inclusive[index]! += totalOf(id);
      return inside[index]! || hit;
    });
    for (const child of node.children ?? []) walk(child, now);
  };
  walk(
    profile.nodes[0]!.id,
    BUCKETS.map(() => false),
  );

  const selfByFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    const where =
      url === '' ? '' : ` ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/')}:${lineNumber + 1}`;
    const key = `${functionName || '(anonymous)'}${where}`;
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + (self.get(node.id) ?? 0));
  }
  const topSelf = [...selfByFunction.entries()].sort((x, y) => y[1] - x[1]).slice(0, top);

  return [
    `busy ${(busy / 1e6).toFixed(2)} s of ${((busy + idle) / 1e6).toFixed(2)} s sampled`,
    '',
    table(
      ['where (inclusive)', '% of busy'],
      BUCKETS.map(([label], index) => [label, percent(inclusive[index]!)]),
    ),
    '',
    table(
      ['function (self time)', '% of busy'],
      topSelf.map(([key, value]) => [key, percent(value)]),
    ),
  ].join('\n');
}
