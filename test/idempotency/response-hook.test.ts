// How the capture reaches write() and end(): wrappers on the response itself by default, or the
// methods installResponseCapture(app) defines on that app's own response prototype; nothing shared
// (Express's base prototypes, Node's) is ever changed.
import { createServer, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import request from 'supertest';
import { errorHandler } from '../../src';
import { idempotency, MemoryStore } from '../../src/idempotency';
import { hookResponse, installResponseCapture, type ResponseHook, type ResponseMethod } from '../../src/idempotency/response-hook';
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

  test.each([
    ['', false],
    [', on an app with installResponseCapture()', true],
  ])("responses without a hook, on the same app%s, keep Node's own write() and end() behaviour", async (_label, installed) => {
    const app = express();
    if (installed) installResponseCapture(app);
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
    expect((await request(app).get('/hooked')).text).toBe('hooked');
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

describe.each(EXPRESS_VERSIONS)('installResponseCapture() on %s', (_name, express) => {
  test('the hook rides in the request state: nothing is added to the response, and every chunk is seen once', async () => {
    const hook = recorder();
    const own: boolean[] = [];
    const app = express();
    installResponseCapture(app);
    app.get('/', (_req, res) => {
      hookResponse(res, hook);
      own.push(Object.hasOwn(res, 'write'), Object.hasOwn(res, 'end'));
      res.type('text/plain');
      res.write('one ');
      res.end('two');
    });
    const res = await request(app).get('/');
    expect([res.status, res.text, own, hook.chunks, hook.ends]).toEqual([200, 'one two', [false, false], ['one ', 'two'], 1]);
    expect([Object.hasOwn(app.response, 'write'), Object.hasOwn(app.response, 'end')]).toEqual([true, true]);
  });

  test("changes that app's response prototype only: Express's and Node's keep every descriptor, another app is untouched", async () => {
    const app = express();
    const other = express();
    const shared = [ServerResponse.prototype, express.response, other.response];
    const before = shared.map(descriptors);
    installResponseCapture(app);
    installResponseCapture(app);
    expect(shared.map(descriptors)).toEqual(before);
    expect([app.response.write.name, app.response.end.name]).toEqual(['write', 'end']);
  });

  test('a sub-app mounted under an installed app inherits it; installed on both, the hook still sees each chunk once', async () => {
    const hook = recorder();
    const own: boolean[] = [];
    const app = express();
    const sub = express();
    installResponseCapture(sub);
    installResponseCapture(app);
    sub.get('/leaf', (_req, res) => {
      hookResponse(res, hook);
      own.push(Object.hasOwn(res, 'write'), Object.hasOwn(res, 'end'));
      res.send('from the sub-app');
    });
    app.use('/sub', sub);
    const res = await request(app).get('/sub/leaf');
    expect([res.text, own, hook.chunks, hook.ends]).toEqual(['from the sub-app', [false, false], ['from the sub-app'], 1]);
  });

  test('methods an earlier middleware wrapped, and a second hook on one response, get wrappers of their own', async () => {
    const first = recorder();
    const second = recorder();
    const order: string[] = [];
    const own: boolean[] = [];
    const app = express();
    installResponseCapture(app);
    app.get('/wrapped', (_req: Request, res: Response) => {
      const end = res.end.bind(res) as (chunk?: unknown) => Response;
      res.end = ((chunk?: unknown) => {
        order.push('outer end');
        return end(chunk);
      }) as Response['end'];
      hookResponse(res, first);
      res.end('body');
    });
    app.get('/twice', (_req, res) => {
      hookResponse(res, first);
      hookResponse(res, second);
      own.push(Object.hasOwn(res, 'write'), Object.hasOwn(res, 'end'));
      res.send('both');
    });
    expect((await request(app).get('/wrapped')).text).toBe('body');
    expect([first.chunks, order]).toEqual([['body'], ['outer end']]);
    expect((await request(app).get('/twice')).text).toBe('both');
    expect([first.chunks, second.chunks, own]).toEqual([['body', 'both'], ['both'], [true, true]]);
  });

  test("refuses an app.response that already has someone else's end()", () => {
    const app = express();
    Object.defineProperty(app.response, 'end', { configurable: true, writable: true, value: ServerResponse.prototype.end });
    expect(() => installResponseCapture(app)).toThrow(
      new TypeError(
        'installResponseCapture(): app.response already defines write() or end(); leave them, or call it before what defines them',
      ),
    );
    expect(Object.hasOwn(app.response, 'write')).toBe(false);
  });

  test('refuses what is not an Express app (a Router has no response prototype)', () => {
    const refused = new TypeError('installResponseCapture(): pass an Express app, as made by express()');
    expect(() => installResponseCapture(express.Router() as never)).toThrow(refused);
    expect(() => installResponseCapture(undefined as never)).toThrow(refused);
  });

  test('idempotency() on an installed app stores and replays without adding a property to the response', async () => {
    let calls = 0;
    const own: boolean[] = [];
    const app = express();
    installResponseCapture(app);
    app.use(express.json());
    app.use(idempotency());
    app.post('/items', (_req, res) => {
      calls += 1;
      own.push(Object.hasOwn(res, 'write'), Object.hasOwn(res, 'end'));
      res.status(201).location(`/items/${calls}`).json({ id: calls });
    });
    app.use(errorHandler({ logger: false }));
    const first = await request(app).post('/items').set('Idempotency-Key', 'k').send({});
    const replay = await request(app).post('/items').set('Idempotency-Key', 'k').send({});
    expect([first.status, replay.status, calls, own]).toEqual([201, 201, 1, [false, false]]);
    expect([replay.text, replay.headers.location, replay.headers['idempotent-replayed']]).toEqual([first.text, '/items/1', 'true']);
  });

  test('a response that ends round the capture is not stored: onError is told, the key released, a retry runs again', async () => {
    let calls = 0;
    const reported: string[] = [];
    const app = express();
    const foreign = express();
    installResponseCapture(app);
    app.use(express.json());
    app.use(idempotency({ onError: (error) => reported.push((error as Error).message) }));
    app.post('/items', (_req, res) => {
      calls += 1;
      // What an app of another copy of Express does: its own response prototype, without ours.
      Object.setPrototypeOf(res, foreign.response);
      res.status(201).json({ id: calls });
    });
    app.use(errorHandler({ logger: false }));
    const first = await request(app).post('/items').set('Idempotency-Key', 'k').send({});
    await new Promise((resolve) => setImmediate(resolve));
    const retry = await request(app).post('/items').set('Idempotency-Key', 'k').send({});
    expect([first.status, first.body, retry.status, retry.body, retry.headers['idempotent-replayed']]).toEqual([
      201,
      { id: 1 },
      201,
      { id: 2 },
      undefined,
    ]);
    expect(reported).toEqual([
      'idempotency: the response ended round the capture, so it was not stored; the key is released',
      'idempotency: the response ended round the capture, so it was not stored; the key is released',
    ]);
  });
});
