import request from 'supertest';
import express from 'express';
import { errorHandler, NotFoundError, requestId, notFoundHandler } from '../src';
import { captureLogger, flushLogs } from './helpers/app';

test('smoke', async () => {
  const { logger, lines } = captureLogger();
  const app = express();
  app.use(requestId());
  app.get('/users/:id', (req) => {
    throw new NotFoundError(`User ${req.params.id} was not found`);
  });
  app.use(notFoundHandler());
  app.use(errorHandler({ logger }));
  const res = await request(app).get('/users/user_123').set('X-Request-Id', 'abc-1');
  expect(res.status).toBe(404);
  expect(res.body).toEqual({ error: { code: 'resource_not_found', message: 'User user_123 was not found' }, meta: { request_id: 'abc-1' } });
  await flushLogs();
  expect(lines[0]).toMatchObject({ level: 40, request_id: 'abc-1', status: 404, code: 'resource_not_found', method: 'GET', path: '/users/user_123' });
});
