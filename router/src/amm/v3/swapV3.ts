// UniswapV3Pool.swap on plain pool state: the checks, then the swap loop (v3SwapWalk), skipping
// the full steps a step table already holds (v3SwapPath) when the pool has one.
import { HedgeRouterError } from '../../errors/index.js';
import { MAX_INT256, MAX_SQRT_RATIO, MIN_SQRT_RATIO } from './constants.js';
import type { V3PoolState, V3SwapResult } from './types.js';
import { NEXT_IS_PARTIAL, TOOK_STEP, v3SwapPathFor } from './v3SwapPath.js';
import { startV3SwapWalk, stepV3SwapWalk } from './v3SwapWalk.js';
import { validateV3PoolState } from './validateV3PoolState.js';

// The no-limit defaults (QuoterV2's) and the last fee as a bigint: a swap is the router's
// innermost call, and every bigint expression here would be a fresh heap allocation per swap.
const NO_LIMIT_DOWN = MIN_SQRT_RATIO + 1n;
const NO_LIMIT_UP = MAX_SQRT_RATIO - 1n;
let lastFee = -1;
let lastFeePips = 0n;

export type SwapV3Parameters = {
  /** true: sell token0 for token1 (price goes down); false: sell token1 for token0. */
  zeroForOne: boolean;
  /** > 0: exact input of that many base units; < 0: exact output of −amountSpecified base units. */
  amountSpecified: bigint;
  /**
   * Q64.96 price the swap may not pass. Defaults to MIN_SQRT_RATIO + 1 / MAX_SQRT_RATIO − 1 (no
   * limit), as QuoterV2 does. Must lie strictly beyond the current price in the swap's direction.
   */
  sqrtPriceLimitX96?: bigint | undefined;
};

/**
 * Simulates UniswapV3Pool.swap on `pool` without changing it: exact input or exact output,
 * either direction, any fee and tick spacing, optional price limit. Amounts in base units.
 * Throws PRICE_LIMIT_OUT_OF_RANGE for a limit on the wrong side (the contract's 'SPL'),
 * INVALID_INPUT for a zero amount or an impossible pool state.
 */
export function swapV3(
  pool: V3PoolState,
  { zeroForOne, amountSpecified, sqrtPriceLimitX96 }: SwapV3Parameters,
): V3SwapResult {
  validateV3PoolState(pool);
  if (amountSpecified === 0n) {
    throw new HedgeRouterError('INVALID_INPUT', {
      field: 'amountSpecified',
      shortMessage: 'must not be zero',
    });
  }
  const limit = sqrtPriceLimitX96 ?? (zeroForOne ? NO_LIMIT_DOWN : NO_LIMIT_UP);
  if (
    zeroForOne
      ? !(limit < pool.sqrtPriceX96 && limit > MIN_SQRT_RATIO)
      : !(limit > pool.sqrtPriceX96 && limit < MAX_SQRT_RATIO)
  ) {
    throw new HedgeRouterError('PRICE_LIMIT_OUT_OF_RANGE', {
      field: 'sqrtPriceLimitX96',
      shortMessage: 'price limit must lie strictly beyond the current price in the swap direction',
      details: {
        sqrtPriceLimitX96: limit.toString(),
        sqrtPriceX96: pool.sqrtPriceX96.toString(),
        zeroForOne,
      },
    });
  }

  const exactInput = amountSpecified > 0n;
  if (pool.fee !== lastFee) {
    lastFeePips = BigInt(pool.fee);
    lastFee = pool.fee;
  }
  const feePips = lastFeePips;
  const w = startV3SwapWalk(pool, zeroForOne, amountSpecified);
  // A step table from a state many swaps start from (see v3SwapPath): whenever the walk stands
  // on one of its checkpoints, the full steps its input pays for are looked up, not computed.
  // Only for the walk the table records: exact input, no price limit, amounts an int256 holds.
  const path =
    exactInput && sqrtPriceLimitX96 === undefined && amountSpecified <= MAX_INT256
      ? v3SwapPathFor(pool, zeroForOne)
      : undefined;
  // The walk may stand on a checkpoint at its start and after each step that ends on a boundary;
  // only the latter is a boundary state whose next step is worth recording.
  let check = path !== undefined;
  let onBoundary = false;
  while (w.remaining !== 0n && w.sqrtPriceX96 !== limit) {
    let record = false;
    let partial = false;
    // Only while input is left: a zeroForOne step whose rounded price lands exactly on its target
    // can charge more than was left (as the contract does); the walk then goes on with a negative
    // remainder, which computeSwapStep treats as exact output. The tables know nothing of that.
    if (check && w.remaining > 0n) {
      const k = path!.indexOf(w);
      if (k >= 0) {
        partial = path!.advance(w, k);
        if (w.remaining === 0n || w.sqrtPriceX96 === limit) break;
      } else {
        const taken = path!.takeRecordedStep(w);
        if (taken === TOOK_STEP) {
          onBoundary = true;
          continue;
        }
        partial = taken === NEXT_IS_PARTIAL;
        record = onBoundary && !partial;
      }
    }
    if (record) {
      const before = {
        sqrtPriceX96: w.sqrtPriceX96,
        tick: w.tick,
        liquidity: w.liquidity,
        cursor: w.cursor,
        crossed: w.crossed,
      };
      const { remaining, calculated, feeTotal } = w;
      onBoundary = stepV3SwapWalk(pool, w, zeroForOne, exactInput, feePips, limit);
      if (onBoundary) {
        path!.recordStep(
          before,
          remaining - w.remaining,
          w.calculated - calculated,
          w.feeTotal - feeTotal,
          w,
        );
      }
    } else {
      onBoundary = stepV3SwapWalk(pool, w, zeroForOne, exactInput, feePips, limit, partial);
    }
    check = onBoundary && path !== undefined;
  }

  const { remaining, calculated } = w;
  const used = remaining === 0n ? amountSpecified : amountSpecified - remaining;
  return {
    amountIn: exactInput ? used : calculated,
    amountOut: exactInput ? -calculated : -used,
    feeAmount: w.feeTotal,
    sqrtPriceX96After: w.sqrtPriceX96,
    tickAfter: w.tick,
    liquidityAfter: w.liquidity,
    initializedTicksCrossed: w.crossed,
    hitPriceLimit: remaining !== 0n,
  };
}
