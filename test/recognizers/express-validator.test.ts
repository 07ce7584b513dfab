import type { Request, RequestHandler } from 'express';
import { body, checkExact, header, oneOf, param, query, validationResult } from 'express-validator';
import request from 'supertest';
import { ValidationError, toApiError } from '../../src';
import { EXPRESS_VERSIONS, expectErrorResponse, flushLogs } from '../helpers/app';
import { checked, post, validatorApp } from './validator-app';
import { pastTheCap } from '../helpers/past-the-cap';

const SECRET = 'hunter2-SECRET';

const throwIfInvalid: RequestHandler = checked((req: Request) => {
  validationResult(req).throw();
});

describe('express-validator 7 validationResult().throw(): 400 validation_error, one detail per field', () => {
  it.each(EXPRESS_VERSIONS)('paths are qualified by location; values are never echoed (%s)', async (_name, factory) => {
    const { app, lines } = validatorApp(
      [
        param('id').isInt(),
        query('page').optional().isInt({ min: 1 }),
        header('x-tenant').notEmpty(),
        body('email').isEmail(),
        body('password').isLength({ min: 20 }).withMessage('Password must be at least 20 characters'),
        body('name').exists(),
        body('items.*.qty').isInt(),
        body('greeting').custom((value: string) => {
          throw new Error(`"${value}" is not a greeting`);
        }),
        throwIfInvalid,
      ],
      factory,
    );
    const res = await request(app)
      .post(`/users/abc?page=${SECRET}`)
      .send({ email: SECRET, password: SECRET, items: [{ qty: 1 }, { qty: SECRET }], greeting: SECRET });
    await flushLogs();
    const envelope = expectErrorResponse(res, 400, 'Bad Request');
    expect(envelope.error).toEqual({
      code: 'validation_error',
      message: 'The request failed validation.',
      details: [
        { path: 'params.id', code: 'invalid', message: 'Invalid value' },
        { path: 'query.page', code: 'invalid', message: 'Invalid value' },
        { path: 'headers.x-tenant', code: 'required', message: 'Invalid value' },
        { path: 'body.email', code: 'invalid', message: 'Invalid value' },
        { path: 'body.password', code: 'invalid', message: 'Password must be at least 20 characters' },
        { path: 'body.name', code: 'required', message: 'Invalid value' },
        { path: 'body.items[1].qty', code: 'invalid', message: 'Invalid value' },
        // The custom validator's message quoted the value.
        { path: 'body.greeting', code: 'invalid', message: 'This value is invalid.' },
      ],
    });
    expect(res.text).not.toContain(SECRET);
    expect(JSON.stringify(lines)).not.toContain(SECRET);
    expect(JSON.stringify(lines)).toContain('"source":"express-validator"');
  });

  it('checkExact(): each unknown field is unknown_field, with its location', async () => {
    const { app, lines } = validatorApp([checkExact([body('email').isEmail(), query('page').optional().isInt()]), throwIfInvalid]);
    const { body: envelope } = await post(app, lines, { email: 'a@b.co', [SECRET]: SECRET }, '/users/1?debug=1');
    expect(envelope.error.details).toEqual([
      { path: 'query.debug', code: 'unknown_field', message: 'This field is not allowed.' },
      { path: `body.${SECRET}`, code: 'unknown_field', message: 'This field is not allowed.' },
    ]);
  });

  it('checkExact() with its own message keeps it', async () => {
    const { app, lines } = validatorApp([checkExact([body('email').isEmail()], { message: 'Only email may be sent' }), throwIfInvalid]);
    const { body: envelope } = await post(app, lines, { email: 'a@b.co', x: 1 });
    expect(envelope.error.details).toEqual([{ path: 'body.x', code: 'unknown_field', message: 'Only email may be sent' }]);
  });

  it.each([
    ['grouped (the default)', 'grouped'],
    ['flat', 'flat'],
    ['least_errored', 'least_errored'],
  ] as const)('oneOf() %s: every failing field of the alternatives, each once', async (_name, errorType) => {
    const { app, lines } = validatorApp([
      oneOf([[body('a').isInt(), body('b').isInt()], body('a').isFloat()], { errorType }),
      throwIfInvalid,
    ]);
    const { body: envelope } = await post(app, lines, { a: 'x' });
    const expected = {
      grouped: [
        { path: 'body.a', code: 'invalid', message: 'Invalid value' },
        { path: 'body.b', code: 'required', message: 'Invalid value' },
      ],
      flat: [
        { path: 'body.a', code: 'invalid', message: 'Invalid value' },
        { path: 'body.b', code: 'required', message: 'Invalid value' },
      ],
      least_errored: [{ path: 'body.a', code: 'invalid', message: 'Invalid value' }],
    }[errorType];
    expect(envelope.error.details).toEqual(expected);
  });

  it('a formatter set by the app (formatWith) does not change what is read', () => {
    const error = toApiError(
      Object.assign(new Error(''), {
        formatter: () => 'formatted',
        errors: [{ type: 'field', location: 'body', path: 'a', msg: 'Invalid value', value: 1 }],
        array: () => ['formatted'],
        mapped: () => ({}),
        formatWith: () => undefined,
        isEmpty: () => false,
        throw: () => undefined,
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details).toEqual([{ path: 'body.a', code: 'invalid', message: 'Invalid value' }]);
  });
});

describe('look-alikes and hostile values', () => {
  const result = (errors: unknown): object => Object.assign(new Error(''), { errors, mapped: () => ({}), isEmpty: () => false });

  it('needs mapped(), isEmpty() and errors[]', () => {
    expect(toApiError(Object.assign(new Error(''), { errors: [], isEmpty: () => false })).status).toBe(500);
    expect(toApiError(Object.assign(new Error(''), { errors: [], mapped: () => ({}) })).status).toBe(500);
    expect(toApiError(Object.assign(new Error(''), { errors: 'x', mapped: () => ({}), isEmpty: () => false })).status).toBe(500);
  });

  it('odd entries: unknown types skipped, unknown locations unqualified, non-string messages defaulted', () => {
    const error = toApiError(
      result([
        null,
        { type: 'other', path: 'x' },
        { type: 'field', location: 'session', path: 'a["first name"]', msg: { text: 'obj' }, value: 'v' },
        { type: 'unknown_fields', fields: 'nope' },
        { type: 'alternative', nestedErrors: [[[[{ type: 'field', location: 'body', path: 'deep', msg: 'm', value: 1 }]]]] },
      ]),
    );
    expect(error.details).toEqual([{ path: 'a["first name"]', code: 'invalid', message: 'This value is invalid.' }]);
  });

  it('odd shapes: a path that is not a string, entries of another type, a message that is not a string', () => {
    const field = { type: 'field', location: 'body', path: 'a', msg: 'm', value: 1 };
    const details = toApiError(
      result([
        { ...field, path: 5 },
        { type: 'other', fields: [field], nestedErrors: [field] },
        { type: 'unknown_fields', msg: 5, fields: [{ ...field, path: 'b' }] },
      ]),
    ).details;
    expect(details).toEqual([
      { path: 'body', code: 'invalid', message: 'm' },
      { path: 'body.b', code: 'unknown_field', message: 'This field is not allowed.' },
    ]);
  });

  it('alternatives are followed 3 deep, no further', () => {
    const field = { type: 'field', location: 'body', path: 'a', msg: 'm', value: 1 };
    const nest = (depth: number): object => (depth === 0 ? field : { type: 'alternative', nestedErrors: [nest(depth - 1)] });
    expect(toApiError(result([nest(3)])).details).toHaveLength(1);
    expect(toApiError(result([nest(4)])).details).toHaveLength(0);
  });

  it('details stop at 100, the entries past them never read', () => {
    const errors: object[] = Array.from({ length: 150 }, (_, i) => ({
      type: 'field',
      location: 'body',
      path: `f${i}`,
      msg: 'Invalid value',
    }));
    errors[100] = pastTheCap('type');
    expect(toApiError(result(errors)).details).toHaveLength(100);
  });
});
