import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  validateOrReject,
  type ValidatorOptions,
} from 'class-validator';
import { ValidationError, toApiError } from '../../src';
import { EXPRESS_VERSIONS } from '../helpers/app';
import { checked, post, validatorApp } from './validator-app';
import { pastTheCap } from '../helpers/past-the-cap';

const SECRET = 'hunter2-SECRET';

// Decorators applied as functions: the project's tsconfig has no `experimentalDecorators`.
function decorate(target: object, key: string, ...decorators: PropertyDecorator[]): void {
  for (const decorator of decorators) decorator(target, key);
}

class Address {
  city!: string;
}
decorate(Address.prototype, 'city', IsString(), IsNotEmpty());

class Item {
  qty!: number;
}
decorate(Item.prototype, 'qty', IsInt(), Min(1));

class CreateUser {
  email!: string;
  password!: string;
  role!: string;
  name!: string;
  address!: Address;
  items!: Item[];
  nick?: string;
}
decorate(CreateUser.prototype, 'email', IsEmail());
decorate(CreateUser.prototype, 'password', MinLength(20));
decorate(CreateUser.prototype, 'role', IsIn(['admin', 'user']));
decorate(CreateUser.prototype, 'name', IsDefined());
decorate(
  CreateUser.prototype,
  'address',
  ValidateNested(),
  Type(() => Address),
);
decorate(
  CreateUser.prototype,
  'items',
  ValidateNested({ each: true }),
  Type(() => Item),
);
decorate(CreateUser.prototype, 'nick', IsOptional(), MaxLength(3));

async function rejection(value: object, options?: ValidatorOptions): Promise<unknown> {
  return validateOrReject(value, options).then(
    () => {
      throw new Error('expected a class-validator failure');
    },
    (error: unknown) => error,
  );
}

describe('class-validator validateOrReject: 400 validation_error, one detail per constraint', () => {
  it.each(EXPRESS_VERSIONS)('nested and array children have their paths, no value is echoed (%s)', async (_name, factory) => {
    const { app, lines } = validatorApp([checked((req) => validateOrReject(plainToInstance(CreateUser, req.body as object)))], factory);
    const { body, text, logs } = await post(app, lines, {
      email: SECRET,
      password: SECRET,
      role: SECRET,
      address: { city: '' },
      items: [{ qty: 1 }, { qty: SECRET }],
      nick: SECRET,
    });
    expect(body.error).toEqual({
      code: 'validation_error',
      message: 'The request failed validation.',
      details: [
        { path: 'email', code: 'invalid_format', message: 'email must be an email' },
        { path: 'password', code: 'too_small', message: 'password must be longer than or equal to 20 characters' },
        { path: 'role', code: 'invalid_value', message: 'role must be one of the following values: admin, user' },
        { path: 'name', code: 'required', message: 'name should not be null or undefined' },
        { path: 'address.city', code: 'required', message: 'city should not be empty' },
        { path: 'items[1].qty', code: 'invalid_type', message: 'qty must be an integer number' },
        { path: 'items[1].qty', code: 'too_small', message: 'qty must not be less than 1' },
        { path: 'nick', code: 'too_big', message: 'nick must be shorter than or equal to 3 characters' },
      ],
    });
    expect(text).not.toContain(SECRET);
    expect(logs).not.toContain(SECRET);
    expect(logs).toContain('"source":"class-validator"');
  });
});

describe('class-validator constraints', () => {
  it('a nested property that is not an object is invalid_type', async () => {
    const error = toApiError(
      await rejection(
        plainToInstance(CreateUser, { email: 'a@b.co', password: 'x'.repeat(20), role: 'user', name: 'n', address: 'nope', items: [] }),
      ),
    );
    expect(error.details).toEqual([
      { path: 'address', code: 'invalid_type', message: 'nested property address must be either object or array' },
    ]);
  });

  it('forbidNonWhitelisted: each unknown property is unknown_field', async () => {
    class Only {
      a!: string;
    }
    decorate(Only.prototype, 'a', IsString());
    const error = toApiError(await rejection(plainToInstance(Only, { a: 'x', extra: 1 }), { whitelist: true, forbidNonWhitelisted: true }));
    expect(error.details).toEqual([{ path: 'extra', code: 'unknown_field', message: 'property extra should not exist' }]);
  });

  it.each([
    ['too short', 'ab', 'too_small', 'v must be longer than or equal to 3 characters'],
    ['too long', 'abcdef', 'too_big', 'v must be shorter than or equal to 5 characters'],
  ])('@Length: %s', async (_name, value, code, message) => {
    class L {
      v!: string;
    }
    decorate(L.prototype, 'v', Length(3, 5));
    expect(toApiError(await rejection(plainToInstance(L, { v: value }))).details).toEqual([{ path: 'v', code, message }]);
  });

  it('@Length with its own message, and a custom constraint, are "invalid"', async () => {
    class L {
      v!: string;
    }
    decorate(L.prototype, 'v', Length(3, 5, { message: 'v has a bad size' }), Matches(/^\d+$/, { message: 'v must be digits' }));
    expect(toApiError(await rejection(plainToInstance(L, { v: 'ab' }))).details).toEqual([
      { path: 'v', code: 'invalid', message: 'v has a bad size' },
      { path: 'v', code: 'invalid_format', message: 'v must be digits' },
    ]);
  });

  it('a message quoting the value ($value) is replaced', async () => {
    class Q {
      email!: string;
    }
    decorate(Q.prototype, 'email', IsEmail({}, { message: '$value is not an email' }));
    expect(toApiError(await rejection(plainToInstance(Q, { email: SECRET }))).details).toEqual([
      { path: 'email', code: 'invalid_format', message: 'This value is not in the expected format.' },
    ]);
  });

  it('validating a plain object (unknownValue, no property) is an app bug: left a 500', async () => {
    expect(toApiError(await rejection({ a: 1 })).status).toBe(500);
  });
});

describe('look-alikes and hostile values', () => {
  it('only arrays whose every element has property and constraints or children', () => {
    expect(toApiError([]).status).toBe(500);
    expect(toApiError([{ property: 'a' }]).status).toBe(500);
    expect(toApiError([{ property: 'a', constraints: { isEmail: 'm' } }, 'x']).status).toBe(500);
    expect(toApiError([{ property: 1, constraints: {} }]).status).toBe(500);
    expect(toApiError([{ property: 'a', constraints: { isEmail: 'a must be an email' } }])).toBeInstanceOf(ValidationError);
  });

  it('children nest at most 32 levels and details stop at 100', () => {
    let deep: Record<string, unknown> = { property: 'leaf', constraints: { isDefined: 'leaf is required' } };
    for (let i = 0; i < 40; i += 1) deep = { property: 'n', children: [deep] };
    expect(toApiError([deep]).details).toEqual([]);
    const wide = Array.from({ length: 150 }, (_, i) => ({ property: `f${i}`, constraints: { isDefined: 'required' } }));
    expect(toApiError(wide).details).toHaveLength(100);
  });

  it('the cap bounds the work: children past it are never read, and one element with several constraints cannot overshoot', () => {
    const children: object[] = Array.from({ length: 150 }, (_, i) => ({ property: `f${i}`, constraints: { isDefined: 'required' } }));
    children[100] = pastTheCap('property');
    expect(toApiError([{ property: 'form', children }]).details).toHaveLength(100);
    const many: object[] = Array.from({ length: 100 }, (_, i) => ({ property: `f${i}`, constraints: { isDefined: 'required' } }));
    many[99] = { property: 'last', constraints: { isDefined: 'required', isString: 'string', isEmail: 'email' } };
    expect(toApiError(many).details).toHaveLength(100);
  });

  it('an index segment is digits only; only @Length tells its bound by the message', () => {
    const items = [{ property: '10', target: [], constraints: { custom: 'must be longer than or equal to 3 characters' } }];
    expect(toApiError([{ property: 'items', children: items }]).details).toEqual([
      { path: 'items[10]', code: 'invalid', message: 'must be longer than or equal to 3 characters' },
    ]);
  });

  it("odd constraint values fall back to the code's message", () => {
    expect(toApiError([{ property: 'a', constraints: { isEmail: 5, custom: '' }, children: 'x' }]).details).toEqual([
      { path: 'a', code: 'invalid_format', message: 'This value is not in the expected format.' },
      { path: 'a', code: 'invalid', message: 'This value is invalid.' },
    ]);
  });
});
