/**
 * Every error code the router can throw, grouped by domain. Add a code here and the API's
 * code → HTTP status map stops compiling until it is given a status: that is the point.
 */
export const errorCodes = [
  // input validation
  'INVALID_INPUT',
  // intents
  'INTENT_EXPIRED',
  'INTENT_LIMIT_UNREACHABLE',
  // pool math
  'POOL_MATH_OVERFLOW',
  'INSUFFICIENT_LIQUIDITY',
  'PRICE_LIMIT_OUT_OF_RANGE',
  // routing
  'NO_ROUTE',
  // option maths
  'PRICE_OUTSIDE_NO_ARBITRAGE_BOUNDS',
  'NON_FINITE_INPUT',
  'FIT_FAILED',
] as const;

export type ErrorCode = (typeof errorCodes)[number];
