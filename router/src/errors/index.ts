export {
  domainErrorCodes,
  type ErrorCode,
  errorCodes,
  operatorErrorCodes,
  type ServiceErrorCode,
  serviceErrorCodes,
  simulationErrorCodes,
  venueErrorCodes,
} from './codes.js';
export { errorStatus } from './errorStatus.js';
export { HedgeRouterError, type HedgeRouterErrorOptions, isHedgeRouterError } from './HedgeRouterError.js';
