// The engine's constants, each in one place.

/**
 * The priority fee the market snapshot adds to the base fee for the expected gas price, and the
 * venues bid: 1 gwei, a quiet mainnet's usual tip.
 */
export const PRIORITY_FEE_WEI = 1_000_000_000n;

/**
 * Seconds a fallback route needs when a route does not fill (the cost model's fill risk): two
 * 12 s blocks, the time to see the non-fill and land the next-best route.
 */
export const FALLBACK_DELAY_SECONDS = 24;

/** A quote's provisional intent lives this long (it is never signed; deadlines bound the venues' timing). */
export const QUOTE_DEADLINE_SECONDS = 300;

/**
 * The limit a quote assumes below the arrival mid when the caller names none: 100 bps. Venues
 * price against a realistic minimum (an AMM's bound, a batch order's limit) instead of zero.
 */
export const DEFAULT_QUOTE_SLIPPAGE_BPS = 100;

/** A venue's submission error may be passing (an RPC hiccup, a nonce race): tried this often before moving on. */
export const MAX_SUBMIT_ERRORS = 3;

/** The venue name and candidate id netting's crossed legs are recorded under. */
export const NETTING_VENUE = 'netting';
export const NETTING_CANDIDATE_ID = 'netting:cross';

/**
 * How long a routing decision waits for the chain's market read before it answers UNAVAILABLE
 * (the venues have the same bound, in quoteVenues): a stalled chain costs a quote 2 s, not 20.
 */
export const CHAIN_READ_TIMEOUT_MS = 2_000;

/**
 * A candidate paying more than this above the arrival mid is dropped as an outlier, with the
 * reason (priceSanity.ts). No honest venue beats the mid by 2%: a coincidence of wants clears at
 * the mid, and a pool's price after its fee is below it.
 */
export const MAX_PRICE_ABOVE_MID_BPS = 200;
