// Run by celebrate.test.ts in a child Node process: celebrate 16 is an ES module, which Jest's
// CommonJS runtime cannot load, while Node (20.19+) can. Prints one JSON line per scenario.
import { Joi, Modes, Segments, celebrate, type CelebrateOptions } from 'celebrate';
import express5 from 'express';
import express4 from 'express4';
import request from 'supertest';
import { errorHandler } from '../../src';
import { captureLogger, flushLogs, type ExpressFactory } from '../helpers/app';

const SECRET = 'hunter2-SECRET';

const rules = {
  [Segments.PARAMS]: Joi.object({ id: Joi.number().integer() }),
  [Segments.QUERY]: Joi.object({ page: Joi.number() }),
  [Segments.HEADERS]: Joi.object({ 'x-tenant': Joi.string().required() }).unknown(),
  [Segments.BODY]: Joi.object({ email: Joi.string().email().required(), password: Joi.string().min(20), code: Joi.string().pattern(/^x/) }),
};

async function scenario(name: string, factory: ExpressFactory, options: CelebrateOptions | undefined): Promise<void> {
  const { logger, lines } = captureLogger();
  const app = factory();
  app.use(factory.json());
  app.post('/users/:id', celebrate(rules, { abortEarly: false }, options), (_req, res) => {
    res.json({ ok: true });
  });
  app.use(errorHandler({ logger }));
  const res = await request(app).post(`/users/abc?page=${SECRET}`).send({ password: SECRET, code: SECRET });
  await flushLogs();
  process.stdout.write(
    `${JSON.stringify({ name, status: res.status, contentType: res.headers['content-type'], body: res.body, logs: JSON.stringify(lines) })}\n`,
  );
}

void (async () => {
  await scenario('express 5, Modes.FULL', express5, { mode: Modes.FULL });
  await scenario('express 4, Modes.FULL', express4 as unknown as ExpressFactory, { mode: Modes.FULL });
  await scenario('express 5, partial mode', express5, undefined);
})();
