import { defineErrorCodes } from '../src';

/** The example API's own error codes, on top of the catalog's. */
export const appErrors = defineErrorCodes({
  insufficient_scope: {
    status: 403,
    message: 'The access token does not grant the scope this action needs.',
    description: 'The token is valid but lacks a scope; `details.required_scope` names it.',
  },
  order_total_invalid: {
    status: 422,
    message: 'An order must have a positive total.',
    description: 'The order is well-formed but its total is zero or negative.',
  },
});
