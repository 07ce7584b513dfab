import { Router } from 'express';
import { assertUpstreamOk, toUpstreamError } from '../../src/http';

type Mode = 'ok' | 'error' | 'down' | 'slow';

/**
 * A stand-in for a real upstream call (a currency-rates service), so the example needs no other
 * server: each mode fails the way a real `fetch` does.
 */
async function fetchRates(mode: Mode, signal: AbortSignal): Promise<Response> {
  if (mode === 'error')
    return new Response('upstream stack trace: NullPointerException at RatesDao', { status: 503, statusText: 'Service Unavailable' });
  if (mode === 'down') {
    // What undici's fetch throws when the port is closed.
    throw new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.12:8080'), { code: 'ECONNREFUSED' }),
    });
  }
  if (mode === 'slow') {
    await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
  }
  return Response.json({ EUR: 1, USD: 1.08 });
}

/** `/rates`: 502 and 504 from a failing upstream, the cause logged and never sent. */
export function ratesRouter(): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const mode = (['error', 'down', 'slow'] as const).find((candidate) => candidate === req.query.upstream) ?? 'ok';
    try {
      const response = assertUpstreamOk(await fetchRates(mode, AbortSignal.timeout(100)), { service: 'rates' });
      res.json({ data: await response.json() });
    } catch (failure) {
      throw toUpstreamError(failure, { service: 'rates' });
    }
  });
  return router;
}
