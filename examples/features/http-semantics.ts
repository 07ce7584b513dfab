import { MemoryStore, rateLimit } from 'express-rate-limit';
import { maintenanceMode, methodNotAllowed, rateLimitHandler, rateLimitHeaders, retiredApiVersions } from '../../src/http';
import { reportsRouter } from '../routes/semantics-reports';
import { ratesRouter } from '../routes/semantics-upstream';
import { settingsRouter } from '../routes/semantics-settings';
import { SettingsStore } from '../settings-store';
import type { ExampleFeature } from './feature';

const WINDOW_MS = 60_000;
/** Requests a minute per client when `rateLimit` is not given. */
export const DEFAULT_RATE_LIMIT = 100;
/** Paths served during maintenance: the health check and the tour. */
const MAINTENANCE_ALLOW = ['/health', '/'];

/** HTTP semantics: maintenance (503), rate limits (429), 405/406/412/426/428/501/502/504, 202/204. */
export const httpSemantics: ExampleFeature = {
  early(app, { options, onReset }) {
    app.use(
      maintenanceMode({
        enabled: () => options.maintenance !== undefined,
        retryAfter: () => options.maintenance,
        allow: MAINTENANCE_ALLOW,
      }),
    );
    // The store is ours so that `POST /reset` can forget every client's count.
    const counts = new MemoryStore();
    onReset(() => counts.resetAll());
    app.use(
      rateLimit({
        windowMs: WINDOW_MS,
        limit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
        store: counts,
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
  routes(app, { onReset }) {
    // 301: the old singular path moved for good.
    app.get('/report/:period', (req, res) => {
      res.redirect(301, `/reports/${encodeURIComponent(String(req.params.period))}`);
    });
    app.use('/reports', reportsRouter());
    const settings = new SettingsStore();
    onReset(() => settings.reset());
    app.use('/settings', settingsRouter(settings));
    app.use('/rates', ratesRouter());
  },
  late(app) {
    // After every route: a known path with an unsupported method is a 405, not a 404.
    app.use(methodNotAllowed());
  },
};
