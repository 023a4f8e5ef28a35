import {
  ammRouteCandidate,
  bigintJson,
  type HedgeIntent,
  type RouteCandidate,
  SECONDS_PER_YEAR,
  timingFromAttempts,
} from '@hedge-router/router';
import type { Address } from 'viem';
import { z } from 'zod';
import { ammCandidateId } from '../shared/executorTransaction.js';
import {
  addressSchema,
  ammPoolOf,
  type ObservedPool,
  observedPoolSchema,
  weiToToken,
} from '../shared/observedPools.js';

// HedgeExecutor.swapV3 measured on the local world: ~115k with no tick crossed; each
// initialized tick crossed adds ~20k (the pool's crossing writes).
export const SWAP_GAS_UNITS = 125_000n;
export const GAS_PER_TICK_CROSSED = 20_000n;
// The cheapest sandwich we assume a searcher can run: two swaps through its own contract at
// ~100k gas each. Underestimating its cost only makes our bound tighter (safer).
const SEARCHER_GAS_PER_LEG = 100_000n;

/**
 * The protected bound's default `minToleranceBps`: two standard deviations of the pair's price
 * over one block (`annualVolatility`·√(blockTimeSeconds / year), in bps), so a break-even bound
 * is used only where an ordinary price move before inclusion reverts the swap at most ~2% of the
 * time. The venue's default when its config names none (and the backtester's venue costs).
 */
export function protectedToleranceBps({
  annualVolatility,
  blockTimeSeconds,
}: {
  annualVolatility: number;
  blockTimeSeconds: number;
}): number {
  return 2 * annualVolatility * Math.sqrt(blockTimeSeconds / SECONDS_PER_YEAR) * 10_000;
}

/** What the public AMM venue prices from: its terms and the pair's pools at one block. */
export type PublicAmmObservation = {
  kind: 'public-amm';
  venue: string;
  chainId: number;
  blockNumber: bigint;
  baseFeePerGas: bigint;
  /** The chain's wrapped native token (gas converts to it one for one). */
  wrappedNative: Address;
  /** 'protected': the break-even bound where it leaves `minToleranceBps`; 'naive': a fixed bound below the quote. */
  slippage: { mode: 'protected'; minToleranceBps: number } | { mode: 'naive'; bps: number };
  attackProbability: number;
  priorityFeeWei: bigint;
  blockTimeSeconds: number;
  pools: ObservedPool[];
};

export const publicAmmObservationSchema: z.ZodType<PublicAmmObservation, unknown> = z.object({
  kind: z.literal('public-amm'),
  venue: z.string(),
  chainId: z.number(),
  blockNumber: bigintJson,
  baseFeePerGas: bigintJson,
  wrappedNative: addressSchema,
  slippage: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('protected'), minToleranceBps: z.number() }),
    z.object({ mode: z.literal('naive'), bps: z.number() }),
  ]),
  attackProbability: z.number(),
  priorityFeeWei: bigintJson,
  blockTimeSeconds: z.number(),
  pools: z.array(observedPoolSchema),
});

/**
 * The public AMM venue's candidates at an observation: one per pool of the pair, the swap
 * simulated exactly on the observed state, with the MEV leakage at the bound it submits with.
 * Pure: the quote path, the worker, the audit (on a recorded observation) and the backtester's
 * venue cost model (on the equivalent pool's observation) all call it.
 */
export function publicAmmCandidatesAt(
  o: PublicAmmObservation,
  request: { intent: Pick<HedgeIntent, 'sellToken' | 'buyToken'> },
): RouteCandidate[] {
  const { intent } = request;
  const timing = timingFromAttempts({
    latencySeconds: 0,
    attemptIntervalSeconds: o.blockTimeSeconds,
    inclusionProbability: 1,
    maxAttempts: 1,
  });
  const slippage = o.slippage;
  return o.pools.map((pool): RouteCandidate => {
    // The least a sandwich can cost: both legs pay the base fee, and the front-run must
    // outbid our priority fee (the back-run needs none).
    const searcherCost = weiToToken(
      SEARCHER_GAS_PER_LEG * (2n * o.baseFeePerGas + o.priorityFeeWei),
      intent.sellToken,
      o.wrappedNative,
      pool,
    );
    const candidate = ammRouteCandidate({
      id: ammCandidateId(o.venue, o.chainId, pool.address),
      venue: o.venue,
      liquiditySource: `uniswap-v3:${o.chainId}:${pool.address.toLowerCase()}`,
      pool: ammPoolOf(pool.state),
      zeroForOne: pool.token0.toLowerCase() === intent.sellToken.toLowerCase(),
      mempool: 'public',
      gasUnits: SWAP_GAS_UNITS,
      gasUnitsPerTickCrossed: GAS_PER_TICK_CROSSED,
      timing,
      attackProbability: o.attackProbability,
      searcherCost,
      // naive: the break-even bound is never used, the bound is the fixed slippage below
      minToleranceBps: slippage.mode === 'protected' ? slippage.minToleranceBps : 10_001,
    });
    if (slippage.mode === 'protected') return candidate;
    // Naive: first the plain quote, then the same with the limit raised to quote − bps.
    return {
      ...candidate,
      quote({ sellAmount, limitBuyAmount }) {
        const plain = candidate.quote({ sellAmount, limitBuyAmount });
        if (!plain) return undefined;
        const naiveMin = (plain.expectedBuyAmount * BigInt(10_000 - slippage.bps)) / 10_000n;
        const min = naiveMin > limitBuyAmount ? naiveMin : limitBuyAmount;
        return candidate.quote({ sellAmount, limitBuyAmount: min });
      },
    };
  });
}
