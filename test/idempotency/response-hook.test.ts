// How the capture reaches write() and end(): wrappers on the response itself, so nothing shared
// (Express's prototypes, Node's) is ever changed.
import { createServer, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import request from 'supertest';
import { errorHandler } from '../../src';
import { idempotency, MemoryStore } from '../../src/idempotency';
import { hookResponse, type ResponseHook, type ResponseMethod } from '../../src/idempotency/response-hook';
import { identityDigest, storeKey } from '../../src/idempotency/scope';
import { EXPRESS_VERSIONS } from '../helpers/app';

/** A hook that records every chunk and passes each call on unchanged. */
function recorder(): ResponseHook & { chunks: string[]; ends: number } {
  return {
    chunks: [],
    ends: 0,
    write(res: ServerResponse, write: ResponseMethod, chunk: unknown, encoding: unknown, callback: unknown) {
      this.chunks.push(String(chunk));
      return write.call(res, chunk, encoding, callback);
    },
    end(res: ServerResponse, end: ResponseMethod, chunk: unknown, encoding: unknown, callback: unknown) {
      this.ends += 1;
      if (chunk !== undefined && typeof chunk !== 'function') this.chunks.push(String(chunk));
      return end.call(res, chunk, encoding, callback);
    },
  };
}

/** Every own property descriptor of an object, to compare before and after. */
function descriptors(target: object): Record<string, PropertyDescriptor> {
  return Object.getOwnPropertyDescriptors(target);
}

describe.each(EXPRESS_VERSIONS)('hookResponse() on %s', (_name, express) => {
  test('wraps write() and end() on the response itself, and sees every chunk', async () => {
    const hook = recorder();
    const own: boolean[] = [];
    const returned: unknown[] = [];
    const app = express();
    app.get('/', (_req, res) => {
      hookResponse(res, hook);
      own.push(Object.hasOwn(res, 'write'), Object.hasOwn(res, 'end'));
      res.type('text/plain');
      returned.push(res.write('one '));
      returned.push(res.end('two') === res);
    });
    const res = await request(app).get('/');
    expect([res.status, res.text]).toEqual([200, 'one two']);
    expect([own, hook.chunks, hook.ends, returned]).toEqual([[true, true], ['one ', 'two'], 1, [true, true]]);
  });

  test("responses without a hook, on the same app, keep Node's own write() and end() behaviour", async () => {
    const app = express();
    const called: string[] = [];
    app.get('/hooked', (_req, res) => {
      hookResponse(res, recorder());
      res.end('hooked');
    });
    app.get('/plain', (_req, res) => {
      res.setHeader('Content-Type', 'text/plain; charset=latin1');
      called.push(String(res.write('caf\u00e9 ', 'latin1', () => called.push('write'))));
      called.push(String(res.end(() => called.push('end')) === res));
    });
    await request(app).get('/hooked');
    const res = await request(app)
      .get('/plain')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (chunk: Buffer) => chunks.push(chunk));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.body).toEqual(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20]));
    expect(called).toEqual(['true', 'true', 'write', 'end']);
  });

  test('a response already wrapped by an earlier middleware gets wrappers of its own, around those', async () => {
    const hook = recorder();
    const order: string[] = [];
    const app = express();
    app.use((_req: Request, res: Response, next: NextFunction) => {
      const end = res.end.bind(res) as (chunk?: unknown) => Response;
      res.end = ((chunk?: unknown) => {
        order.push('outer end');
        return end(chunk);
      }) as Response['end'];
      next();
    });
    app.get('/', (_req, res) => {
      hookResponse(res, hook);
      res.end('body');
    });
    const res = await request(app).get('/');
    expect(res.text).toBe('body');
    expect([hook.chunks, order]).toEqual([['body'], ['outer end']]);
  });

  test('the hook survives the request entering a mounted sub-app, which swaps the response prototype', async () => {
    const hook = recorder();
    const app = express();
    const sub = express();
    sub.get('/leaf', (_req, res) => res.send('from the sub-app'));
    app.use((_req: Request, res: Response, next: NextFunction) => {
      hookResponse(res, hook);
      next();
    });
    app.use('/sub', sub);
    const res = await request(app).get('/sub/leaf');
    expect([res.text, hook.chunks, hook.ends]).toEqual(['from the sub-app', ['from the sub-app'], 1]);
  });

  test('inside a mounted sub-app (two levels deep) the response is hooked too', async () => {
    const hook = recorder();
    const own: boolean[] = [];
    const app = express();
    const sub = express();
    const leaf = express();
    leaf.get('/', (_req, res) => {
      hookResponse(res, hook);
      own.push(Object.hasOwn(res, 'write'), Object.hasOwn(res, 'end'));
      res.send('deep');
    });
    sub.use('/leaf', leaf);
    app.use('/sub', sub);
    const res = await request(app).get('/sub/leaf');
    expect([res.text, own, hook.chunks]).toEqual(['deep', [true, true], ['deep']]);
  });
});

describe.each(EXPRESS_VERSIONS)('no shared object is modified, on %s', (_name, express) => {
  test("Express's response prototypes and Node's ServerResponse.prototype keep every descriptor under idempotency()", async () => {
    const app = express();
    const shared = [ServerResponse.prototype, express.response, app.response];
    const before = shared.map(descriptors);
    const chains: unknown[] = [];
    app.use(express.json());
    app.use(idempotency());
    app.post('/items', (_req, res) => {
      res.status(201).json({ ok: true });
    });
    // Not idempotent (no key; a GET): the response is left exactly as Express made it.
    const plain = (_req: Request, res: Response) => {
      chains.push([Object.getPrototypeOf(res) === app.response, Object.hasOwn(res, 'write'), Object.hasOwn(res, 'end')]);
      res.json({ plain: true });
    };
    app.post('/plain', plain);
    app.get('/plain', plain);
    app.use(errorHandler({ logger: false }));
    const first = await request(app).post('/items').set('Idempotency-Key', 'k').send({});
    const replay = await request(app).post('/items').set('Idempotency-Key', 'k').send({});
    const unkeyed = await request(app).post('/plain').send({});
    const get = await request(app).get('/plain').set('Idempotency-Key', 'k2');
    expect([first.status, replay.status, replay.headers['idempotent-replayed']]).toEqual([201, 201, 'true']);
    expect([unkeyed.status, unkeyed.body, get.status, get.body]).toEqual([200, { plain: true }, 200, { plain: true }]);
    expect(chains).toEqual([
      [true, false, false],
      [true, false, false],
    ]);
    expect(Object.getPrototypeOf(app.response)).toBe(express.response);
    expect(shared.map(descriptors)).toEqual(before);
  });
});

test('a plain node:http response (no Express) is hooked through wrappers of its own', async () => {
  const hook = recorder();
  const server = createServer((_req, res) => {
    hookResponse(res, hook);
    res.write('a');
    res.end('b');
  });
  const res = await request(server).get('/');
  expect([res.text, hook.chunks]).toEqual(['ab', ['a', 'b']]);
});

describe.each(EXPRESS_VERSIONS)('idempotency() capture on %s', (_name, express) => {
  test('behind a sub-app of the same Express, the response is stored and replayed; the handler runs once', async () => {
    let calls = 0;
    const app = express();
    const sub = express();
    sub.post('/items', (_req, res) => {
      calls += 1;
      res.status(201).location(`/items/${calls}`).json({ id: calls });
    });
    app.use(express.json());
    app.use(idempotency());
    app.use('/v1', sub);
    app.use(errorHandler({ logger: false }));
    const first = await request(app).post('/v1/items').set('Idempotency-Key', 'k').send({});
    const replay = await request(app).post('/v1/items').set('Idempotency-Key', 'k').send({});
    expect([first.status, replay.status, calls]).toEqual([201, 201, 1]);
    expect([replay.text, replay.headers.location, replay.headers['idempotent-replayed']]).toEqual([first.text, '/items/1', 'true']);
  });

  test('two idempotency() layers on one request (app and route) both store the response', async () => {
    let calls = 0;
    const outer = new MemoryStore();
    const inner = new MemoryStore();
    const app = express();
    app.use(express.json());
    app.use(idempotency({ store: outer }));
    app.post('/items', idempotency({ store: inner }), (_req, res) => {
      calls += 1;
      res.status(201).json({ id: calls });
    });
    app.use(errorHandler({ logger: false }));
    const first = await request(app).post('/items').set('Idempotency-Key', 'k').send({});
    expect([first.status, outer.size, inner.size]).toEqual([201, 1, 1]);
    const outerEntry = outer.claim(storeKey(identityDigest(undefined), 'k'), 'other', 1000);
    const innerEntry = inner.claim(storeKey(identityDigest(undefined), 'k'), 'other', 1000);
    expect([outerEntry.state, innerEntry.state]).toEqual(['completed', 'completed']);
    const replay = await request(app).post('/items').set('Idempotency-Key', 'k').send({});
    expect([replay.text, replay.headers['idempotent-replayed'], calls]).toEqual([first.text, 'true', 1]);
  });
});
