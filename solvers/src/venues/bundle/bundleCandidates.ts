import {
  ammRouteCandidate,
  bigintJson,
  type HedgeIntent,
  type RouteCandidate,
  timingFromAttempts,
} from '@hedge-router/router';
import type { Address } from 'viem';
import { z } from 'zod';
import { GAS_PER_TICK_CROSSED, SWAP_GAS_UNITS } from '../publicAmm/publicAmmCandidates.js';
import { ammCandidateId } from '../shared/executorTransaction.js';
import {
  addressSchema,
  ammPoolOf,
  type ObservedPool,
  observedPoolSchema,
  weiToToken,
} from '../shared/observedPools.js';

/** What the private bundle venue prices from: its relay's terms and the pair's pools at one block. */
export type BundleObservation = {
  kind: 'private-bundle';
  venue: string;
  chainId: number;
  blockNumber: bigint;
  blockTimeSeconds: number;
  /** Probability in (0, 1] that one target block includes the bundle. */
  inclusionProbability: number;
  /** The builder's tip per gas above the priority fee the router's gas price already counts. */
  tipPerGasWei: bigint;
  /** Converts the tip (wei) into the buy token; without it the tip is not priced. */
  wrappedNative: Address | null;
  pools: ObservedPool[];
};

export const bundleObservationSchema: z.ZodType<BundleObservation, unknown> = z.object({
  kind: z.literal('private-bundle'),
  venue: z.string(),
  chainId: z.number(),
  blockNumber: bigintJson,
  blockTimeSeconds: z.number(),
  inclusionProbability: z.number(),
  tipPerGasWei: bigintJson,
  wrappedNative: addressSchema.nullable(),
  pools: z.array(observedPoolSchema),
});

/** Blocks a bundle can still target before the intent's deadline (at least one). */
export const bundleBlocksLeft = (
  intent: Pick<HedgeIntent, 'deadline'>,
  nowSeconds: number,
  blockTimeSeconds: number,
) => Math.max(1, Math.floor((intent.deadline - nowSeconds) / blockTimeSeconds));

/**
 * The bundle venue's candidates at an observation: one per pool, the swap simulated exactly,
 * no MEV leakage (searchers never see it), the builder's tip as a fee, and the delay of
 * per-block inclusion over the blocks left before the deadline. Pure: the quote path, the audit
 * and the backtester's venue cost model call it.
 */
export function bundleCandidatesAt(
  o: BundleObservation,
  request: { intent: Pick<HedgeIntent, 'sellToken' | 'buyToken' | 'deadline'>; nowSeconds: number },
): RouteCandidate[] {
  const { intent } = request;
  const timing = timingFromAttempts({
    latencySeconds: 0,
    attemptIntervalSeconds: o.blockTimeSeconds,
    inclusionProbability: o.inclusionProbability,
    maxAttempts: bundleBlocksLeft(intent, request.nowSeconds, o.blockTimeSeconds),
  });
  return o.pools.map(
    (pool): RouteCandidate =>
      ammRouteCandidate({
        // The extra priority fee on the swap's gas, in the buy token at this pool's price.
        // Without it a bundle would tie with a public swap on every cost stage it has and win
        // small hedges by its id alone, although it pays the builder more.
        tipInBuy:
          o.wrappedNative && o.tipPerGasWei > 0n
            ? weiToToken(SWAP_GAS_UNITS * o.tipPerGasWei, intent.buyToken, o.wrappedNative, pool)
            : 0n,
        id: ammCandidateId(o.venue, o.chainId, pool.address),
        venue: o.venue,
        liquiditySource: `uniswap-v3:${o.chainId}:${pool.address.toLowerCase()}`,
        pool: ammPoolOf(pool.state),
        zeroForOne: pool.token0.toLowerCase() === intent.sellToken.toLowerCase(),
        mempool: 'private',
        gasUnits: SWAP_GAS_UNITS,
        gasUnitsPerTickCrossed: GAS_PER_TICK_CROSSED,
        timing,
      }),
  );
}
