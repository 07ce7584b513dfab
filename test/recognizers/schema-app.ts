import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { Express } from 'express';
import type { Response as TestResponse } from 'supertest';
import type { ErrorLogger, ValidationIssue } from '../../src';
import { buildApp, expectErrorResponse, type ExpressFactory } from '../helpers/app';

/**
 * A real app as the docs show it: `express.json()`, then `POST /users` answering 201 with what
 * `parse` returns (a schema's `parse()` / `assert()`, which throws on invalid input), and
 * `errorHandler` last.
 */
export function parsingApp(parse: (body: unknown) => unknown, options: { express?: ExpressFactory; logger?: ErrorLogger } = {}): Express {
  const mount = (app: Express): void => {
    app.post('/users', (req, res) => {
      res.status(201).json(parse(req.body));
    });
  };
  return buildApp(mount, {
    express: options.express,
    json: true,
    requestId: false,
    notFound: false,
    handler: { logger: options.logger ?? false },
  });
}

/** Asserts a 400 `validation_error` envelope and returns its details. */
export function validationDetails(res: TestResponse): ValidationIssue[] {
  const body = expectErrorResponse(res, 400, 'Bad Request');
  expect(body.error.code).toBe('validation_error');
  expect(Array.isArray(body.error.details)).toBe(true);
  return body.error.details as ValidationIssue[];
}

/** Every string anywhere in `value` (keys too), to prove a submitted value is not among them. */
export function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      stringsOf(item, out);
    }
  }
  return out;
}

let bundles: string | undefined;

/**
 * Loads an ESM-only package (arktype) into Jest's CommonJS runtime: esbuild bundles the installed
 * package, unchanged, into one CommonJS file. The test still runs the real library's code.
 */
export function requireEsm(specifier: string): unknown {
  bundles ??= mkdtempSync(join(tmpdir(), 'schema-esm-'));
  const outfile = join(bundles, `${specifier.replace(/[^a-z0-9]/gi, '_')}.js`);
  buildSync({ entryPoints: [require.resolve(specifier)], bundle: true, format: 'cjs', platform: 'node', outfile, logLevel: 'silent' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(outfile) as unknown;
}
