import express from 'express';
import fc from 'fast-check';
import { Registry } from 'prom-client';
import * as promClient from 'prom-client';
import { errorHandler, notFoundHandler } from '../../src';
import { statusMetrics } from '../../src/metrics';
import { close, listen, pipelineGets } from './helpers';

const ROUTES = 120;
const MAX_ROUTES = 40;

// 10,000 random request paths: arbitrary URL paths, ids under a parameterised route, and hits on
// more distinct route templates than the cap admits.
const paths = fc.sample(
  fc.oneof(
    fc.array(fc.webSegment(), { minLength: 1, maxLength: 4 }).map((segments) => `/${segments.join('/')}`),
    fc.webSegment().map((id) => `/users/${id}`),
    fc.nat(ROUTES - 1).chain((route) => fc.webSegment().map((id) => `/r${route}/${id}`)),
  ),
  { numRuns: 10_000, seed: 6 },
);

test('label cardinality stays bounded under 10,000 random paths', async () => {
  const registry = new Registry();
  const metrics = statusMetrics({ maxRoutes: MAX_ROUTES, prometheus: { registry, client: promClient } });
  const app = express();
  app.use(metrics);
  app.get('/users/:id', (req, res) => {
    res.json({ id: req.params.id });
  });
  for (let route = 0; route < ROUTES; route++) {
    app.get(`/r${route}/:id`, (_req, res) => {
      res.status(204).end();
    });
  }
  app.use(notFoundHandler());
  app.use(errorHandler({ logger: false }));

  const server = await listen(app);
  let statuses: number[];
  try {
    statuses = await pipelineGets(server, paths, 8);
  } finally {
    await close(server);
  }

  const snapshot = metrics.snapshot();
  expect(snapshot.total).toBe(paths.length);
  expect(snapshot.statuses.reduce((sum, entry) => sum + entry.count, 0)).toBe(paths.length);
  expect(snapshot.statuses.find((entry) => entry.status === 404)?.count).toBe(statuses.filter((status) => status === 404).length);

  const routes = new Set(snapshot.routes.map((entry) => entry.route));
  expect(routes.size).toBeLessThanOrEqual(MAX_ROUTES + 1);
  expect(routes).toContain('unmatched');
  expect(routes).toContain('/users/:id');
  expect(routes).toContain('other');
  for (const route of routes) expect(route).toMatch(/^(\/users\/:id|\/r\d+\/:id|unmatched|other)$/);

  const series = (await registry.metrics()).split('\n').filter((line) => line.startsWith('http_responses_total{'));
  expect(series.length).toBeGreaterThan(3);
  expect(series.length).toBeLessThanOrEqual(MAX_ROUTES + 1);
});
