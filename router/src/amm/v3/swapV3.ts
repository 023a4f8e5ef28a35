// The swap loop of UniswapV3Pool.swap, on plain pool state. Steps stop where the contract's
// steps stop, including at the edges of tick-bitmap words where no tick is initialized: each
// step rounds in the pool's favour, so fewer or more steps would change the last wei.
import { HedgeRouterError } from '../../errors/index.js';
import { computeSwapStep } from './computeSwapStep.js';
import { MAX_SQRT_RATIO, MAX_TICK, MAX_UINT128, MIN_SQRT_RATIO, MIN_TICK } from './constants.js';
import { getSqrtRatioAtTick, getTickAtSqrtRatio } from './tickMath.js';
import type { V3PoolState, V3SwapResult, V3Tick } from './types.js';
import { validateV3PoolState } from './validateV3PoolState.js';

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

/** Index of the last tick with index ≤ `tick` (−1 if none). */
function lastAtOrBelow(ticks: readonly V3Tick[], tick: number): number {
  let lo = 0;
  let hi = ticks.length; // answer + 1 lies in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ticks[mid]!.index <= tick) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

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
  const limit = sqrtPriceLimitX96 ?? (zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n);
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
  const fee = BigInt(pool.fee);
  const { ticks, tickSpacing } = pool;
  let remaining = amountSpecified;
  let calculated = 0n;
  let feeTotal = 0n;
  let sqrtPriceX96 = pool.sqrtPriceX96;
  let tick = pool.tick;
  let liquidity = pool.liquidity;
  let crossed = 0;
  // Cursor into the sorted ticks: going down, the last initialized tick ≤ tick; going up, the
  // first one > tick. The walk is monotone, so it only ever moves one way.
  let cursor = zeroForOne ? lastAtOrBelow(ticks, tick) : lastAtOrBelow(ticks, tick) + 1;

  while (remaining !== 0n && sqrtPriceX96 !== limit) {
    const sqrtPriceStartX96 = sqrtPriceX96;
    // TickBitmap.nextInitializedTickWithinOneWord: never look past the current 256-tick word.
    const compressed = Math.floor(tick / tickSpacing);
    let tickNext: number;
    let initialized: boolean;
    if (zeroForOne) {
      const wordStart = (compressed >> 8) * 256 * tickSpacing;
      const candidate = cursor >= 0 ? ticks[cursor]!.index : Number.NEGATIVE_INFINITY;
      initialized = candidate >= wordStart;
      tickNext = initialized ? candidate : wordStart;
    } else {
      const wordEnd = (((compressed + 1) >> 8) * 256 + 255) * tickSpacing;
      const candidate = cursor < ticks.length ? ticks[cursor]!.index : Number.POSITIVE_INFINITY;
      initialized = candidate <= wordEnd;
      tickNext = initialized ? candidate : wordEnd;
    }
    if (tickNext < MIN_TICK) tickNext = MIN_TICK;
    else if (tickNext > MAX_TICK) tickNext = MAX_TICK;
    const sqrtPriceNextX96 = getSqrtRatioAtTick(tickNext);
    const target = (zeroForOne ? sqrtPriceNextX96 < limit : sqrtPriceNextX96 > limit)
      ? limit
      : sqrtPriceNextX96;

    const step = computeSwapStep(sqrtPriceX96, target, liquidity, remaining, fee);
    sqrtPriceX96 = step.sqrtRatioNextX96;
    if (exactInput) {
      remaining -= step.amountIn + step.feeAmount;
      calculated -= step.amountOut;
    } else {
      remaining += step.amountOut;
      calculated += step.amountIn + step.feeAmount;
    }
    feeTotal += step.feeAmount;

    if (sqrtPriceX96 === sqrtPriceNextX96) {
      if (initialized) {
        const net = ticks[cursor]!.liquidityNet;
        liquidity = zeroForOne ? liquidity - net : liquidity + net;
        if (liquidity < 0n || liquidity > MAX_UINT128) {
          throw new HedgeRouterError('INVALID_INPUT', {
            field: 'pool.ticks',
            shortMessage:
              'crossing a tick made liquidity leave uint128: liquidityNet values are inconsistent',
            details: { tick: tickNext },
          });
        }
        cursor += zeroForOne ? -1 : 1;
        crossed++;
      }
      tick = zeroForOne ? tickNext - 1 : tickNext;
    } else if (sqrtPriceX96 !== sqrtPriceStartX96) {
      tick = getTickAtSqrtRatio(sqrtPriceX96);
    }
  }

  const used = amountSpecified - remaining;
  return {
    amountIn: exactInput ? used : calculated,
    amountOut: exactInput ? -calculated : -used,
    feeAmount: feeTotal,
    sqrtPriceX96After: sqrtPriceX96,
    tickAfter: tick,
    liquidityAfter: liquidity,
    initializedTicksCrossed: crossed,
    hitPriceLimit: remaining !== 0n,
  };
}
