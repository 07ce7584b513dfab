import express from 'express';
import request from 'supertest';
import { NotFoundError, errorHandler, notFoundHandler } from '../../src';
import { statusMetrics } from '../../src/metrics';
import { captureLogger, EXPRESS_VERSIONS, flushLogs, type ExpressFactory } from '../helpers/app';

describe.each(EXPRESS_VERSIONS)('%s: the error log line names the route template statusMetrics() saw', (_name, factory: ExpressFactory) => {
  test('a route of a mounted router: the mount path is kept, though the error unwound the router', async () => {
    const { logger, lines } = captureLogger();
    const app = factory();
    app.use(statusMetrics());
    const users = factory.Router();
    users.get('/:id', (req) => {
      throw new NotFoundError(`User ${String(req.params.id)} was not found`);
    });
    app.use('/users', users);
    app.use(notFoundHandler());
    app.use(errorHandler({ logger }));
    expect((await request(app).get('/users/u_1?token=secret')).status).toBe(404);
    expect((await request(app).get('/nowhere')).status).toBe(404);
    await flushLogs();
    expect(lines.map((line) => [line.path, line.route])).toEqual([
      ['/users/u_1', '/users/:id'],
      // No route matched: no template, so no `route` field.
      ['/nowhere', undefined],
    ]);
    expect(Object.keys(lines[1]!)).not.toContain('route');
  });

  test('without statusMetrics() the line has no route field', async () => {
    const { logger, lines } = captureLogger();
    const app = express();
    app.get('/users/:id', () => {
      throw new NotFoundError();
    });
    app.use(errorHandler({ logger }));
    await request(app).get('/users/u_1');
    await flushLogs();
    expect(lines).toHaveLength(1);
    expect(Object.keys(lines[0]!)).not.toContain('route');
  });
});
