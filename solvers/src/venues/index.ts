export { type BundleVenueParameters, createBundleVenue } from './bundle/createBundleVenue.js';
export { createPublicAmmVenue, type PublicAmmVenueParameters } from './publicAmm/createPublicAmmVenue.js';
export { type QuoteVenuesResult, quoteVenues, venueOfCandidate } from './quoteVenues.js';
export type { V3PoolRef } from './shared/v3Market.js';
export type { Submission, TrackOutcome, Venue, VenueLeg, VenueQuoteRequest } from './types.js';
