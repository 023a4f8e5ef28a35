// The engine: the one intent lifecycle (market snapshot, quote, plan, execute, fall back, net,
// reconcile), working through a ledger port. The service, the execution benchmark and the
// tests all drive it.
export * from './constants.js';
export { crossPair } from './crossPair.js';
export * from './decisionColumns.js';
export {
  candidateView,
  costView,
  decisionView,
  planView,
  recordedRouteDecision,
  roundBps,
} from './decisionViews.js';
export {
  type EngineChain,
  type EngineDeps,
  type EngineLog,
  type EngineObserver,
  type EnginePricing,
  type KnownToken,
  knownToken,
  type LegDriver,
  nowSecondsOf,
} from './engineDeps.js';
export { findExecutedLeg } from './findExecutedLeg.js';
export { checkVaultFunds } from './fundsCheck.js';
export * from './intentHistoryLine.js';
export type { LedgerPort } from './ledgerPort.js';
export * from './ledgerRecords.js';
export { type MarketSnapshot, marketSnapshot } from './marketSnapshot.js';
export { createMemoryLedger, type MemoryLedger } from './memoryLedger.js';
export { nettingState } from './nettingState.js';
export { type CandidateView, planRoute, type RoutingDecision } from './planRoute.js';
export { type QuoteIntentParameters, quoteIntent, quoteLimitBuyAmount } from './quoteIntent.js';
export {
  attemptOutcomeSchema,
  candidateRecordSchema,
  costBreakdownSchema,
  recordedMarketSchema,
  recordedPoolSchema,
  routeLegSchema,
  routeQuoteSchema,
  submissionSchema,
} from './recordSchemas.js';
export { type RunIntentDeps, runIntent } from './runIntent.js';
export { withDeadline } from './withDeadline.js';
