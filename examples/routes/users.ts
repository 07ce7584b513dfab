import { Router } from 'express';
import { ConflictError, NotFoundError, ValidationError, type ValidationIssue } from '../../src';
import { requireScope } from '../auth';
import { usersIdempotency } from '../features/idempotency';
import type { UsersStore } from '../users-store';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validateNewUser(body: unknown): { name: string; email: string } {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  if (typeof input.name !== 'string' || input.name.trim() === '') {
    issues.push({ path: 'body.name', code: 'required', message: 'name is required' });
  }
  if (typeof input.email !== 'string' || input.email === '') {
    issues.push({ path: 'body.email', code: 'required', message: 'email is required' });
  } else if (!EMAIL.test(input.email)) {
    issues.push({ path: 'body.email', code: 'invalid_format', message: 'email must be an email address' });
  }
  if (issues.length > 0) throw new ValidationError('The user is invalid.', { details: issues });
  return { name: (input.name as string).trim(), email: input.email as string };
}

function userOr404(store: UsersStore, id: string) {
  const user = store.get(id);
  if (user === undefined) throw new NotFoundError(`User ${id} was not found`);
  return user;
}

/** `/users`: 200, 201 + Location, 204, 304, 400 validation, 401, 404, 409; POST honours Idempotency-Key. */
export function usersRouter(store: UsersStore): Router {
  const router = Router();

  router.get('/', requireScope('users:read'), (_req, res) => {
    res.json({ data: store.list() });
  });

  // Express answers 304 itself when If-None-Match matches the ETag set here (req.fresh).
  router.get('/:id', requireScope('users:read'), (req, res) => {
    const user = userOr404(store, String(req.params.id));
    res.set('ETag', store.etag(user)).json({ data: user });
  });

  // A retry with the same Idempotency-Key replays the first answer (201, 400 or 409) without
  // creating a second user; authentication comes first, so a 401 is never stored.
  router.post('/', requireScope('users:write'), usersIdempotency(store), (req, res) => {
    const { name, email } = validateNewUser(req.body);
    const existing = store.findByEmail(email);
    if (existing !== undefined) {
      throw new ConflictError(`A user with email ${email} already exists`, { location: `/users/${existing.id}` });
    }
    const user = store.create(name, email);
    res.status(201).location(`/users/${user.id}`).json({ data: user });
  });

  router.delete('/:id', requireScope('users:write'), (req, res) => {
    const user = userOr404(store, String(req.params.id));
    store.delete(user.id);
    res.status(204).end();
  });

  return router;
}
