/**
 * Every error code of Hedge Router, grouped by domain: one list for the router, the venues, the
 * service, the CLI and the local world. Add a code here and `errorStatus` stops compiling until
 * it is given an HTTP status: that is the point. Keep the list short: a code is for a caller
 * (or an operator reading a log) to branch on, the message says the rest.
 */

/** The domain: a caller's input, an intent, the pool maths, the route search, the option maths. */
export const domainErrorCodes = [
  // input validation
  'INVALID_INPUT',
  // intents
  'INTENT_EXPIRED',
  'INTENT_LIMIT_UNREACHABLE',
  // the vault cannot pay what the intent sells: its balance or its allowance to the executor
  'INTENT_FUNDS_SHORT',
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

/** What the service answers a request it will not serve (the API's own answers). */
export const serviceErrorCodes = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT', // the request conflicts with the state: a nonce taken, an intent already executing
  'UNPROCESSABLE',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'UNAVAILABLE', // not now, retry: a part of the service is (re)starting or stopping
] as const;

/** Venues and chains: what the outside world did to a leg. */
export const venueErrorCodes = [
  // an outside service (chain node, relay, orderbook, bridge, database) failed, did not answer in
  // time, or answered something its own earlier answers contradict (a filled relay, no event)
  'UPSTREAM_FAILED',
  // a venue refused a leg: the relay refused the bundle or its simulation reverts, the book the order
  'VENUE_REFUSED',
  // a transaction the service (or the local world) sent was mined and reverted
  'TRANSACTION_REVERTED',
  // the deployment lacks a piece the work needs: a pool for the pair, a venue, a contract
  'DEPLOYMENT_INCOMPLETE',
] as const;

/** The operator's setup and records. */
export const operatorErrorCodes = [
  // a setting is missing, malformed or contradicts another (the message names the variable or file)
  'CONFIG_INVALID',
  // a ledger record does not decode: a corrupt or foreign ledger (names the table, row and field)
  'LEDGER_RECORD_INVALID',
] as const;

/** The local world and the simulations: anvil, solc, the simulated services, backtest workers. */
export const simulationErrorCodes = ['SIMULATION_FAILED'] as const;

export const errorCodes = [
  ...domainErrorCodes,
  ...serviceErrorCodes,
  ...venueErrorCodes,
  ...operatorErrorCodes,
  ...simulationErrorCodes,
] as const;

export type ErrorCode = (typeof errorCodes)[number];
/** The codes the service answers with on its own account (ApiError's). */
export type ServiceErrorCode = (typeof serviceErrorCodes)[number];
