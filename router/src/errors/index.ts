export { type ErrorCode, errorCodes } from './codes.js';
export { HedgeRouterError, type HedgeRouterErrorOptions, isHedgeRouterError } from './HedgeRouterError.js';
