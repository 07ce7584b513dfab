import { createHash } from 'node:crypto';

export interface User {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

/** The one user the example starts with. */
export const ALICE: User = { id: 'user_123', name: 'Alice', email: 'alice@example.com' };
/** The number in the id of the next user created after a start or a reset. */
const FIRST_NEW_ID = 456;

/** A strong ETag of a user's representation. */
export function userEtag(user: User): string {
  return `"${createHash('sha1').update(JSON.stringify(user)).digest('base64url')}"`;
}

/** An in-memory users table: the example needs no database. */
export class UsersStore {
  private readonly users = new Map<string, User>();
  private next = FIRST_NEW_ID;

  constructor() {
    this.reset();
  }

  /** Back to the initial data (Alice only; the next user is `user_456`). */
  reset(): void {
    this.users.clear();
    this.users.set(ALICE.id, ALICE);
    this.next = FIRST_NEW_ID;
  }

  list(): User[] {
    return [...this.users.values()];
  }

  get(id: string): User | undefined {
    return this.users.get(id);
  }

  findByEmail(email: string): User | undefined {
    return this.list().find((user) => user.email === email.toLowerCase());
  }

  create(name: string, email: string): User {
    const user = { id: `user_${this.next++}`, name, email: email.toLowerCase() };
    this.users.set(user.id, user);
    return user;
  }

  delete(id: string): boolean {
    return this.users.delete(id);
  }

  /** A strong ETag of the user's current representation. */
  etag(user: User): string {
    return userEtag(user);
  }
}
