export {
  type BatchAuctionVenueParameters,
  createBatchAuctionVenue,
} from './batchAuction/createBatchAuctionVenue.js';
export { COW_ORDERBOOK_URL_ENV, createOrderbookClient } from './batchAuction/orderbookClient.js';
export { type BundleVenueParameters, createBundleVenue } from './bundle/createBundleVenue.js';
export * from './crossChain/index.js';
export { createPublicAmmVenue, type PublicAmmVenueParameters } from './publicAmm/createPublicAmmVenue.js';
export { type QuoteVenuesResult, quoteVenues, venueOfCandidate } from './quoteVenues.js';
export type { V3PoolRef } from './shared/v3Market.js';
export type { Submission, TrackOutcome, Venue, VenueKind, VenueLeg, VenueQuoteRequest } from './types.js';
