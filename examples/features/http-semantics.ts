import { rateLimit } from 'express-rate-limit';
import { maintenanceMode, methodNotAllowed, rateLimitHandler, rateLimitHeaders, retiredApiVersions } from '../../src';
import { reportsRouter } from '../routes/semantics-reports';
import { ratesRouter } from '../routes/semantics-upstream';
import { settingsRouter } from '../routes/semantics-settings';
import type { ExampleFeature } from './feature';

const WINDOW_MS = 60_000;

/** HTTP semantics: maintenance (503), rate limits (429), 405/406/412/426/428/501/502/504, 202/204. */
export const httpSemantics: ExampleFeature = {
  early(app, { options }) {
    app.use(
      maintenanceMode({
        enabled: () => options.maintenance !== undefined,
        retryAfter: () => options.maintenance,
        allow: ['/health'],
      }),
    );
    app.use(
      rateLimit({
        windowMs: WINDOW_MS,
        limit: options.rateLimit ?? 100,
        standardHeaders: false,
        legacyHeaders: false,
        handler: rateLimitHandler(),
      }),
    );
    app.use(rateLimitHeaders({ windowMs: WINDOW_MS }));
    app.use(
      retiredApiVersions({
        current: 'v2',
        retired: ['v1'],
        path: true,
        header: 'API-Version',
        migrationUrl: 'https://docs.example.com/api/migrate-to-v2',
      }),
    );
  },
  routes(app) {
    // 301: the old singular path moved for good.
    app.get('/report/:period', (req, res) => {
      res.redirect(301, `/reports/${encodeURIComponent(String(req.params.period))}`);
    });
    app.use('/reports', reportsRouter());
    app.use('/settings', settingsRouter());
    app.use('/rates', ratesRouter());
  },
  late(app) {
    // After every route: a known path with an unsupported method is a 405, not a 404.
    app.use(methodNotAllowed());
  },
};
