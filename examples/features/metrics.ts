import type { Express } from 'express';
import * as promClient from 'prom-client';
import { formatStatusSnapshot, statusMetrics, type StatusMetrics } from '../../src/metrics';
import type { ExampleFeature } from './feature';

const METRICS_PATH = '/metrics';
// One counter set and one registry per app, shared by the `early` and `routes` hooks.
const perApp = new WeakMap<Express, { metrics: StatusMetrics; registry: promClient.Registry }>();

/**
 * Status metrics, mounted before the body parser so that malformed JSON is counted too.
 * `GET /metrics` serves Prometheus text; `GET /metrics/status` the distribution as JSON, or as
 * "200 OK: 99.5%" lines with `Accept: text/plain`. Keep these routes off the public internet.
 */
export const metrics: ExampleFeature = {
  early(app) {
    const registry = new promClient.Registry();
    const counters = statusMetrics({
      prometheus: { registry, client: promClient },
      skip: (req) => req.url === METRICS_PATH || req.url?.startsWith(`${METRICS_PATH}/`) === true,
    });
    perApp.set(app, { metrics: counters, registry });
    app.use(counters);
  },
  routes(app) {
    const state = perApp.get(app);
    if (state === undefined) return;
    app.get(METRICS_PATH, async (_req, res) => {
      res.type(state.registry.contentType).send(await state.registry.metrics());
    });
    app.get(`${METRICS_PATH}/status`, (req, res) => {
      const snapshot = state.metrics.snapshot();
      if (req.accepts(['application/json', 'text/plain']) === 'text/plain') res.type('text/plain').send(formatStatusSnapshot(snapshot));
      else res.json({ data: snapshot });
    });
  },
};
