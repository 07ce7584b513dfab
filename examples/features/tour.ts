import { negotiatedType, produces } from '../../src/http';
import { DEFAULT_RATE_LIMIT } from './http-semantics';
import { tourJson, tourText, type TourSettings } from '../tour/render';
import { SCENARIOS } from '../tour/scenarios';
import type { ExampleAppOptions } from '../app';
import type { ExampleFeature } from './feature';

/** Where the tour's curl commands point when `baseUrl` is not given. */
export const DEFAULT_BASE_URL = 'localhost:3000';

/** The tour's view of the app's options. */
export function tourSettings(options: ExampleAppOptions): TourSettings {
  return {
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    maintenance: options.maintenance,
  };
}

/**
 * The guided tour: `GET /` lists every scenario with its curl command (text for curl, JSON on
 * request), `POST /reset` puts the data and counters back so each documented answer holds again.
 * Mounted first, so neither is rate limited, counted in the metrics or closed for maintenance.
 * A demo convenience: a real API has no unauthenticated reset.
 */
export const tour: ExampleFeature = {
  early(app, context) {
    const settings = tourSettings(context.options);
    // text/plain first: curl sends `Accept: */*` and gets the list it can read and paste from.
    app.get('/', produces(['text/plain', 'application/json']), (req, res) => {
      if (negotiatedType(req) === 'application/json') res.json({ data: tourJson(SCENARIOS, settings) });
      else res.type('text/plain').send(tourText(SCENARIOS, settings));
    });
    app.post('/reset', async (_req, res) => {
      await context.resetAll();
      res.status(204).end();
    });
  },
};
