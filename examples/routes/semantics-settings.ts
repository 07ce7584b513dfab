import { createHash } from 'node:crypto';
import { Router } from 'express';
import { preconditions, ValidationError } from '../../src';

/** `/settings`: a resource whose writes must be conditional (428 without If-Match, 412 on a stale ETag). */
export function settingsRouter(): Router {
  const router = Router();
  let settings: Record<string, unknown> = { currency: 'EUR', timezone: 'UTC' };
  const etag = () => `"${createHash('sha1').update(JSON.stringify(settings)).digest('base64url')}"`;

  router.use(preconditions({ etag }));

  router.get('/', (_req, res) => {
    res.set('ETag', etag()).json({ data: settings });
  });

  router.put('/', (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ValidationError('Settings must be a JSON object.', { details: [{ path: 'body', code: 'invalid_type', message: 'body must be an object' }] });
    }
    settings = { ...(body as Record<string, unknown>) };
    res.set('ETag', etag()).json({ data: settings });
  });

  return router;
}
