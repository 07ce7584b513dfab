import { Router } from 'express';
import { GatewayTimeoutError, UnprocessableContentError } from '../../src';
import { requireScope } from '../auth';

/** The other status-code page scenarios: 403 insufficient scope, 422, 500 and 504. */
export function operationsRouter(): Router {
  const router = Router();

  router.get('/admin/reports', requireScope('admin'), (_req, res) => {
    res.json({ data: { reports: [] } });
  });

  router.post('/orders', requireScope('orders:write'), (req, res) => {
    const total = Number((req.body as { total?: unknown } | undefined)?.total);
    // The status-code page's 422: well-formed, but the business rule rejects it (`invalid_operation`).
    if (!(total > 0))
      throw new UnprocessableContentError('An order must have a positive total.', { details: { field: 'total', value: total } });
    res
      .status(201)
      .location('/orders/order_1')
      .json({ data: { id: 'order_1', total } });
  });

  // An unexpected failure: the client sees a generic 500, the log gets the real message and stack.
  router.post('/data/process', () => {
    throw new Error('connection to db-primary:5432 reset by peer');
  });

  router.post('/analytics/report', (req, res) => {
    if (req.query.scope === 'year') {
      throw new GatewayTimeoutError('The report query timed out; reduce its scope or split it.', {
        expose: true,
        cause: new Error('warehouse query exceeded 30s'),
      });
    }
    res.json({ data: { scope: req.query.scope ?? 'month', rows: [] } });
  });

  return router;
}
