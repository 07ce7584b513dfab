import express, { type Request } from 'express';
import passport from 'passport';
import request from 'supertest';
import { errorHandler } from '../../src';
import { EXPRESS_VERSIONS, expectErrorResponse } from '../helpers/app';

// A strategy that refuses every request, as passport-http-bearer does a bad token: `fail(challenge)`.
class RefuseAll extends passport.Strategy {
  constructor(private readonly challenge?: string) {
    super();
    this.name = 'refuse';
  }

  override authenticate(_req: Request): void {
    const self = this as unknown as passport.StrategyCreated<this>;
    if (this.challenge === undefined) self.fail(401);
    else self.fail(this.challenge, 401);
  }
}

function passportApp(factory: typeof express, challenge?: string): express.Express {
  const app = factory();
  const auth = new passport.Passport();
  auth.use(new RefuseAll(challenge));
  app.use(auth.initialize());
  // failWithError: passport calls next(err) with a 401 instead of ending the response itself.
  app.get('/me', auth.authenticate('refuse', { session: false, failWithError: true }), (_req, res) => {
    res.json({ ok: true });
  });
  app.use(errorHandler({ logger: false }));
  return app;
}

describe('passport with failWithError (the docs’ recipe)', () => {
  it.each(EXPRESS_VERSIONS)('a refused request is our 401 envelope; the strategy’s challenge is kept (%s)', async (_name, factory) => {
    const res = await request(passportApp(factory, 'Bearer realm="users", error="invalid_token"')).get('/me');
    expect(expectErrorResponse(res, 401, 'Unauthorized').error).toEqual({ code: 'authentication_required', message: 'Unauthorized' });
    expect(res.headers['www-authenticate']).toBe('Bearer realm="users", error="invalid_token"');
  });

  it('a strategy without a challenge gets the handler’s', async () => {
    const res = await request(passportApp(express)).get('/me');
    expect(expectErrorResponse(res, 401).error.code).toBe('authentication_required');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
  });
});
