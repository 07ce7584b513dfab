import { createHash } from 'node:crypto';

export interface User {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

/** An in-memory users table: the example needs no database. */
export class UsersStore {
  private readonly users = new Map<string, User>();
  private next = 456;

  constructor() {
    this.users.set('user_123', { id: 'user_123', name: 'Alice', email: 'alice@example.com' });
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
    return `"${createHash('sha1').update(JSON.stringify(user)).digest('base64url')}"`;
  }
}
