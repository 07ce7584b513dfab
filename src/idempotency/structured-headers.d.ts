// structured-headers (RFC 9651) declares its types only through package.json "exports", which
// TypeScript's `moduleResolution: node10` (this package's setting, for its CommonJS build) does not
// read. The part of its API used here, as the package's own cjs/index.d.cts declares it.
declare module 'structured-headers' {
  export class Token {
    constructor(value: string);
    toString(): string;
  }
  export type BareItem = number | string | Token | ArrayBuffer | Date | boolean | object;
  export type Parameters = Map<string, BareItem>;
  export type Item = [BareItem, Parameters];
  export class ParseError extends Error {}
  export class SerializeError extends Error {}
  export function parseItem(input: string): Item;
  export function serializeItem(input: Item): string;
  export function serializeItem(input: BareItem, params?: Parameters): string;
}
