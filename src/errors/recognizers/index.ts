import { recognizeBodyParser } from './body-parser';
import { recognizeHttpClient } from './http-client';
import { recognizeHttpStatus } from './http-status';
import type { ErrorRecognizer } from './recognizer';

/**
 * The built-in recognizers, tried in this order after the app's own. Specific shapes come before
 * the generic status reader, which answers for every object and so comes last.
 */
export const BUILT_IN_RECOGNIZERS: readonly ErrorRecognizer[] = Object.freeze([
  recognizeBodyParser,
  // schema validators
  // request validators
  // uploads, tokens, CSRF
  recognizeHttpClient,
  recognizeHttpStatus,
]);

export type { ErrorRecognizer } from './recognizer';
