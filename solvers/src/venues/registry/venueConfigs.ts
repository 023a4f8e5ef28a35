// Each venue kind's config: the terms an operator sets (zod, so a bad value is refused at start
// with the field named), on top of the wiring every venue shares (VenueEnv).
import { z } from 'zod';

const bps = z.number().min(0).max(10_000);
const gwei = z.codec(z.union([z.string().regex(/^[0-9]+$/), z.bigint()]), z.bigint(), {
  decode: (v) => BigInt(v),
  encode: (v) => v.toString(),
});

export const publicAmmConfigSchema = z
  .object({
    /** Venue name and candidate-id prefix; default 'public-amm'. */
    name: z.string().min(1).optional(),
    /** 'protected' (the break-even bound) or 'naive' (a fixed bound below the quote, for comparison). */
    slippage: z
      .discriminatedUnion('mode', [
        z.object({ mode: z.literal('protected'), minToleranceBps: bps.optional() }).strict(),
        // Whole bps: the bound is computed in integer arithmetic below the quote.
        z.object({ mode: z.literal('naive'), bps: bps.int() }).strict(),
      ])
      .optional(),
    /** Forecast volatility of the pair (sets the protected bound's default tolerance). */
    annualVolatility: z.number().positive().optional(),
    /** Probability in [0, 1] that a searcher watches the public mempool. */
    attackProbability: z.number().min(0).max(1).optional(),
    /** Priority fee the operator bids, wei per gas. */
    priorityFeeWei: gwei.optional(),
  })
  .strict();

export const bundleConfigSchema = z
  .object({
    name: z.string().min(1).optional(),
    /** The relay: a local one's URL, or https://relay.flashbots.net against mainnet. */
    relayUrl: z.url(),
    /** Probability in (0, 1] that one target block includes the bundle. */
    inclusionProbability: z.number().gt(0).max(1),
    priorityFeeWei: gwei.optional(),
    relayTimeoutMs: z.number().int().positive().optional(),
    maxRelayFailures: z.number().int().positive().optional(),
  })
  .strict();

export const batchAuctionConfigSchema = z
  .object({
    name: z.string().min(1).optional(),
    /** The orderbook: the local one, or a real CoW orderbook's URL. */
    orderbookUrl: z.url(),
    /** Seconds between auctions. */
    auctionIntervalSeconds: z.number().positive(),
    validitySeconds: z.number().positive().optional(),
    protocolFeeBps: bps.optional(),
    annualVolatility: z.number().positive().optional(),
  })
  .strict();

export const crossChainConfigSchema = z
  .object({
    name: z.string().min(1).optional(),
    /** The bridge's terms, as its relayers quote them. */
    bridge: z
      .object({
        feeBps: z.number().int().min(0).lt(10_000),
        outboundSeconds: z.number().min(0),
        returnSeconds: z.number().min(0),
        fillWindowSeconds: z.number().positive(),
        returnFillWindowSeconds: z.number().positive().optional(),
        fillProbability: z.number().min(0).max(1).optional(),
      })
      .strict(),
  })
  .strict();
