import type { ErrorCode } from './codes.js';

/**
 * Every code's HTTP status: how the API answers an error with that code, and how the CLI exits
 * (a 4xx is the caller's input: exit 2; a 5xx a failure: exit 1). A new code fails to compile
 * here until it is given one.
 *
 * 500 means internal to the service: the API answers `{ error: 'INTERNAL', message: 'internal
 * error' }` and logs the error (with its code and causes), so a relay URL, an RPC URL with its
 * key or a ledger row never reach a caller. The venue, chain, configuration, ledger and world
 * codes are all 500: none of them is the caller's doing, and none is answered in detail.
 */
export const errorStatus: Record<ErrorCode, number> = {
  // domain
  INVALID_INPUT: 400,
  INTENT_EXPIRED: 422,
  INTENT_LIMIT_UNREACHABLE: 422,
  INTENT_FUNDS_SHORT: 422,
  POOL_MATH_OVERFLOW: 422,
  INSUFFICIENT_LIQUIDITY: 422,
  PRICE_LIMIT_OUT_OF_RANGE: 422,
  NO_ROUTE: 422,
  PRICE_OUTSIDE_NO_ARBITRAGE_BOUNDS: 422,
  NON_FINITE_INPUT: 400,
  FIT_FAILED: 422,
  // service
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  // venues and chains
  UPSTREAM_FAILED: 500,
  VENUE_REFUSED: 500,
  TRANSACTION_REVERTED: 500,
  DEPLOYMENT_INCOMPLETE: 500,
  // operator
  CONFIG_INVALID: 500,
  LEDGER_RECORD_INVALID: 500,
  // local world
  SIMULATION_FAILED: 500,
};
