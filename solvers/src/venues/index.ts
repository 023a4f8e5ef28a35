export type { BatchAuctionObservation } from './batchAuction/batchAuctionCandidates.js';
export {
  type BatchAuctionVenueParameters,
  createBatchAuctionVenue,
} from './batchAuction/createBatchAuctionVenue.js';
export { COW_ORDERBOOK_URL_ENV, createOrderbookClient } from './batchAuction/orderbookClient.js';
export type { BundleObservation } from './bundle/bundleCandidates.js';
export { type BundleVenueParameters, createBundleVenue } from './bundle/createBundleVenue.js';
export type { CrossChainObservation } from './crossChain/crossChainCandidates.js';
export * from './crossChain/index.js';
export { createPublicAmmVenue, type PublicAmmVenueParameters } from './publicAmm/createPublicAmmVenue.js';
export {
  GAS_PER_TICK_CROSSED,
  type PublicAmmObservation,
  protectedToleranceBps,
  SWAP_GAS_UNITS,
} from './publicAmm/publicAmmCandidates.js';
export { type QuoteVenuesResult, quoteVenues, venueOfCandidate } from './quoteVenues.js';
export * from './registry/venueConfigs.js';
export type { VenueEnv } from './registry/venueEnv.js';
export {
  type CandidatesRequest,
  candidatesAt,
  createVenue,
  registerVenueModule,
  type VenueModule,
  venueKinds,
  venueModule,
  venueObservationSchema,
} from './registry/venueModules.js';
export type { ObservedPool } from './shared/observedPools.js';
export type { V3PoolRef } from './shared/v3Market.js';
export type {
  Submission,
  TrackOutcome,
  Venue,
  VenueKind,
  VenueLeg,
  VenueObservation,
  VenueObservations,
  VenueQuote,
  VenueQuoteRequest,
} from './types.js';
