// What an app declares for its authenticated user, the way passport's typings have it done: the
// type tests of the library's callbacks read it as `req.user`.
/// <reference types="passport" />

declare global {
  namespace Express {
    interface User {
      readonly id: string;
      readonly tenant: string;
    }
  }
}

export {};
