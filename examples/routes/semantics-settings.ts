import { Router } from 'express';
import { ValidationError } from '../../src';
import { preconditions } from '../../src/http';
import type { SettingsStore } from '../settings-store';

/** `/settings`: a resource whose writes must be conditional (428 without If-Match, 412 on a stale ETag). */
export function settingsRouter(settings: SettingsStore): Router {
  const router = Router();

  router.use(preconditions({ etag: () => settings.etag() }));

  router.get('/', (_req, res) => {
    res.set('ETag', settings.etag()).json({ data: settings.get() });
  });

  router.put('/', (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ValidationError('Settings must be a JSON object.', {
        details: [{ path: 'body', code: 'invalid_type', message: 'body must be an object' }],
      });
    }
    settings.set(body as Record<string, unknown>);
    res.set('ETag', settings.etag()).json({ data: settings.get() });
  });

  return router;
}
