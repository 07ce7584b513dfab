import { recognizeBodyParser } from './body-parser';
import { recognizeArktype } from './arktype';
import { recognizeStandardSchema } from './standard-schema';
import { recognizeValibot } from './valibot';
import { recognizeZod } from './zod';
import { recognizeAjv } from './ajv';
import { recognizeCelebrate } from './celebrate';
import { recognizeClassValidator } from './class-validator';
import { recognizeExpressValidator } from './express-validator';
import { recognizeJoi } from './joi';
import { recognizeOpenApiValidator } from './openapi-validator';
import { recognizeYup } from './yup';
import { recognizeCsrf } from './csrf';
import { recognizeExpressJwt } from './express-jwt';
import { recognizeJsonWebToken } from './jsonwebtoken';
import { recognizeMulter } from './multer';
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
  recognizeZod,
  recognizeValibot,
  recognizeArktype,
  recognizeStandardSchema,
  // request validators
  recognizeExpressValidator,
  recognizeOpenApiValidator,
  recognizeCelebrate,
  recognizeJoi,
  recognizeYup,
  recognizeClassValidator,
  recognizeAjv,
  // uploads, tokens, CSRF
  recognizeMulter,
  recognizeJsonWebToken,
  recognizeExpressJwt,
  recognizeCsrf,
  recognizeHttpClient,
  recognizeHttpStatus,
]);

export type { ErrorRecognizer } from './recognizer';
