// @hedge-router/api/client: the typed client of the Hedge Router API for keepers, with EIP-712
// signing built in. Loads viem and the router's intent types only (no server code).
export {
  type CreateHedgeRouterClientParameters,
  createHedgeRouterClient,
  type HedgeRouterClient,
} from './createHedgeRouterClient.js';
export {
  type ApiErrorField,
  HedgeRouterApiError,
  type HedgeRouterApiErrorCode,
  HedgeRouterClientError,
  HedgeRouterNetworkError,
  HedgeRouterSignerMissingError,
  HedgeRouterTimeoutError,
} from './errors.js';
export {
  type EventsParameters,
  type HedgePlanParameters,
  type HedgePlanResponse,
  type IntentEvent,
  type IntentList,
  type IntentStatus,
  type IntentView,
  type ListIntentsParameters,
  type OptionPosition,
  type QuoteParameters,
  type QuoteResponse,
  type SignedIntent,
  type SubmitIntentResponse,
  TERMINAL_STATUSES,
  type WaitForIntentParameters,
} from './types.js';
