import { bigintJson, type HedgeIntent, type RouteCandidate } from '@hedge-router/router';
import { z } from 'zod';
import { type ObservedPool, observedPoolSchema } from '../shared/observedPools.js';
import { batchAuctionCandidate } from './batchAuctionCandidate.js';

/**
 * What the batch-auction venue prices from: the orderbook's quote for the intent's size, the
 * deepest pool of the pair (the mid and the LP fee the solver routes through), and its terms.
 */
export type BatchAuctionObservation = {
  kind: 'batch-auction';
  venue: string;
  chainId: number;
  /** The deepest pool of the pair at the observed block, or null when the pair has none. */
  deepestPool: ObservedPool | null;
  /** The orderbook's quote (base units, as its API answers them), or null when it was not asked. */
  orderbookQuote: { sellAmount: bigint; buyAmount: bigint; feeAmount: bigint } | null;
  protocolFeeBps: number;
  auctionIntervalSeconds: number;
  validitySeconds: number;
  annualVolatility: number;
};

export const batchAuctionObservationSchema: z.ZodType<BatchAuctionObservation, unknown> = z.object({
  kind: z.literal('batch-auction'),
  venue: z.string(),
  chainId: z.number(),
  deepestPool: observedPoolSchema.nullable(),
  orderbookQuote: z
    .object({ sellAmount: bigintJson, buyAmount: bigintJson, feeAmount: bigintJson })
    .nullable(),
  protocolFeeBps: z.number(),
  auctionIntervalSeconds: z.number(),
  validitySeconds: z.number(),
  annualVolatility: z.number(),
});

/**
 * The batch auction's candidate at an observation: the orderbook's quote scaled from the quoted
 * size against the deepest pool's mid, its fees, the wait for an auction and the chance the
 * clearing price reaches the limit (batchAuctionCandidate). Pure.
 */
export function batchAuctionCandidatesAt(
  o: BatchAuctionObservation,
  request: { intent: Pick<HedgeIntent, 'sellToken' | 'buyToken'> },
): RouteCandidate[] {
  const { intent } = request;
  const deepest = o.deepestPool;
  const response = o.orderbookQuote;
  if (!deepest || !response) return [];
  const sqrt = Number(deepest.state.sqrtPriceX96) / 2 ** 96;
  const token1PerToken0 = sqrt * sqrt;
  const sellIs0 = deepest.token0.toLowerCase() === intent.sellToken.toLowerCase();
  const midRate = sellIs0 ? token1PerToken0 : 1 / token1PerToken0;
  return [
    batchAuctionCandidate({
      id: `${o.venue}:${o.chainId}:${intent.sellToken.toLowerCase()}-${intent.buyToken.toLowerCase()}`,
      venue: o.venue,
      // The same liquidity as a swap on the deepest pool: whatever opposite orders do not
      // absorb, the solver routes through that pool, so a plan never splits an intent between
      // a batch leg and a swap on it (each priced as if it alone moved the pool). An opposite
      // order in the book shows in the quote's price instead.
      liquiditySource: `uniswap-v3:${o.chainId}:${deepest.address.toLowerCase()}`,
      midRate,
      quotedBuyAmount: response.buyAmount,
      quotedSellAmount: response.sellAmount + response.feeAmount,
      networkFeeInBuy: BigInt(Math.round(Number(response.feeAmount) * midRate)),
      protocolFeeBps: o.protocolFeeBps,
      // Uniswap's fee is in hundredths of a bp.
      lpFeeBps: deepest.fee / 100,
      auctionIntervalSeconds: o.auctionIntervalSeconds,
      validitySeconds: o.validitySeconds,
      annualVolatility: o.annualVolatility,
    }),
  ];
}
