// The swap loop of UniswapV3Pool.swap as one step at a time on a mutable walk state, so that
// swapV3 and the per-pool step table (v3SwapPath) run the very same code: a table entry is the
// walk's state after a step, and a swap resumed from it continues exactly as if it had stepped.
import { HedgeRouterError } from '../../errors/index.js';
import { computeSwapStep, computeSwapStepExactInPartial } from './computeSwapStep.js';
import { MAX_TICK, MAX_UINT128, MIN_TICK } from './constants.js';
import { getSqrtRatioAtTick, getTickAtSqrtRatio } from './tickMath.js';
import type { V3PoolState, V3Tick } from './types.js';

/** The loop variables of UniswapV3Pool.swap (amounts in base units, prices Q64.96). */
export class V3SwapWalk {
  /** amountSpecifiedRemaining: input left (exact in) or −output left (exact out). */
  remaining = 0n;
  /** amountCalculated: −output so far (exact in) or input so far (exact out). */
  calculated = 0n;
  /** LP fee so far, input-token base units. */
  feeTotal = 0n;
  sqrtPriceX96 = 0n;
  tick = 0;
  liquidity = 0n;
  /** Going down: index of the last initialized tick ≤ tick; going up: of the first one > tick. */
  cursor = 0;
  /** Initialized ticks crossed so far. */
  crossed = 0;
}

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

/** A walk at the pool's current state with `amountSpecified` (base units, signed as in swapV3) to go. */
export function startV3SwapWalk(pool: V3PoolState, zeroForOne: boolean, amountSpecified: bigint): V3SwapWalk {
  const w = new V3SwapWalk();
  w.remaining = amountSpecified;
  w.sqrtPriceX96 = pool.sqrtPriceX96;
  w.tick = pool.tick;
  w.liquidity = pool.liquidity;
  // The walk is monotone, so the cursor into the sorted ticks only ever moves one way.
  w.cursor = zeroForOne ? lastAtOrBelow(pool.ticks, pool.tick) : lastAtOrBelow(pool.ticks, pool.tick) + 1;
  return w;
}

/**
 * One iteration of the swap loop (the caller checks `remaining !== 0n && sqrtPriceX96 !== limit`
 * first). `feePips` is the pool's fee as a bigint, `limit` the Q64.96 price limit. Returns true
 * when the step ended exactly on its tick boundary (initialized or a bitmap word's edge), the
 * only places a step table records. Steps stop where the contract's steps stop, including at
 * the edges of tick-bitmap words where no tick is initialized: each step rounds in the pool's
 * favour, so fewer or more steps would change the last wei.
 */
export function stepV3SwapWalk(
  pool: V3PoolState,
  w: V3SwapWalk,
  zeroForOne: boolean,
  exactInput: boolean,
  feePips: bigint,
  limit: bigint,
  /** The caller knows (from a step table) that this exact-input step stops short of its target. */
  knownPartial = false,
): boolean {
  const { ticks, tickSpacing } = pool;
  const sqrtPriceStartX96 = w.sqrtPriceX96;
  const tick = w.tick;
  const cursor = w.cursor;
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

  const step =
    (knownPartial
      ? computeSwapStepExactInPartial(sqrtPriceStartX96, target, w.liquidity, w.remaining, feePips)
      : undefined) ?? computeSwapStep(sqrtPriceStartX96, target, w.liquidity, w.remaining, feePips);
  w.sqrtPriceX96 = step.sqrtRatioNextX96;
  if (exactInput) {
    // Short of the target with input left (computeSwapStep's exact-in case), it charges the whole
    // remainder (fee = remaining − amountIn): nothing is left, 0n exactly, without two allocations.
    w.remaining =
      step.sqrtRatioNextX96 !== target && w.remaining >= 0n
        ? 0n
        : w.remaining - (step.amountIn + step.feeAmount);
    w.calculated -= step.amountOut;
  } else {
    w.remaining += step.amountOut;
    w.calculated += step.amountIn + step.feeAmount;
  }
  w.feeTotal += step.feeAmount;

  if (step.sqrtRatioNextX96 === sqrtPriceNextX96) {
    if (initialized) {
      const net = ticks[cursor]!.liquidityNet;
      const liquidity = zeroForOne ? w.liquidity - net : w.liquidity + net;
      if (liquidity < 0n || liquidity > MAX_UINT128) {
        throw new HedgeRouterError('INVALID_INPUT', {
          field: 'pool.ticks',
          shortMessage: 'crossing a tick made liquidity leave uint128: liquidityNet values are inconsistent',
          details: { tick: tickNext },
        });
      }
      w.liquidity = liquidity;
      w.cursor = zeroForOne ? cursor - 1 : cursor + 1;
      w.crossed++;
    }
    w.tick = zeroForOne ? tickNext - 1 : tickNext;
    return true;
  }
  if (step.sqrtRatioNextX96 !== sqrtPriceStartX96) w.tick = getTickAtSqrtRatio(step.sqrtRatioNextX96);
  return false;
}
