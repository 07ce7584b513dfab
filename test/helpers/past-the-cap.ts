/**
 * An entry whose `field` throws when read. Put past a recogniser's cap on details (100), it proves
 * the work is bounded on a hostile list: the entries past the cap are never read.
 */
export const pastTheCap = (field: string): object =>
  Object.defineProperty({}, field, {
    enumerable: true,
    get: (): never => {
      throw new Error('read past the cap');
    },
  });
