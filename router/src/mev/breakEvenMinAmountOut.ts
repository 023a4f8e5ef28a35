import type { AmmPool } from '../amm/pool.js';
import { floatBreakEven } from './floatBreakEven.js';
import { floatSandwichModel } from './floatSandwichModel.js';
import { goldenSectionMax, largestNonNegative } from './integerSearch.js';
import { SandwichMemo } from './sandwichMemo.js';
import type { SimulatedSandwich } from './simulateSandwich.js';

export type BreakEvenMinAmountOutParameters = {
  pool: AmmPool;
  /** The swap's direction on the pool. */
  zeroForOne: boolean;
  /** The swap's input, in base units of the token sold. */
  amountIn: bigint;
  /** Searcher's all-in attack cost in the sell token, base units (as in optimalSandwich). */
  searcherCost: bigint;
};

export type BreakEvenMinAmountOutReturnType = {
  /**
   * The loosest minimum output (buy-token base units) at which no sandwich nets the searcher
   * more than its cost; 0n when no sandwich is profitable at any bound.
   */
  minAmountOut: bigint;
  /** The swap's unattacked output, buy-token base units. */
  amountOutUnattacked: bigint;
  /** True when minAmountOut ≤ amountOutUnattacked: the swap can both fill and be safe. */
  feasible: boolean;
  /** The largest front-run (sell-token base units) the bound still allows; none of them pays. */
  largestSafeFrontRunAmountIn: bigint;
  /** The swap with no attack, as simulated (lets callers describe "no attack" without re-simulating). */
  unattacked: SimulatedSandwich;
};

// Front-run sizes probed for the unconstrained profit peak after x = victim's input, as
// powers of two of it (x·2^k).
const PROBES = [-2n, 2n, -5n];

/**
 * The break-even slippage bound of Heimbach and Wattenhofer (2022), on exact pool math: with
 * profit π(x) of a front-run x (after pool fees, minus the searcher's cost), and π rising from
 * π(0) < 0 to a peak, the smallest profitable front-run x_a is found by a root search, and the
 * bound is one base unit above the victim's output behind the largest unprofitable front-run
 * below x_a. Any tighter bound is also safe; any looser one lets a profitable attack through.
 * The bound errs on the safe (tighter) side by the search tolerance (1e-3 of x_a).
 */
export function breakEvenMinAmountOut({
  pool,
  zeroForOne,
  amountIn,
  searcherCost,
}: BreakEvenMinAmountOutParameters): BreakEvenMinAmountOutReturnType {
  const memo = new SandwichMemo(pool, zeroForOne, amountIn);
  const unattacked = memo.at(0n);
  const amountOutUnattacked = unattacked.valid ? unattacked.victimAmountOut : 0n;
  if (!unattacked.valid) return safeBound(unattacked, amountOutUnattacked, false);

  // 0. Fast path: locate x_a on the float model of the same pool (same ticks, same fee), then
  //    confirm on exact math that the bound's edge does not pay (one exact sandwich, not a dozen).
  const floatModel = floatSandwichModel(pool, zeroForOne, amountIn);
  const guess = floatBreakEven(floatModel, Number(amountIn), Number(searcherCost));
  if (guess.x === undefined) {
    // The float model finds no profitable attack. Its error is rounding (a few wei per step and
    // ~1e-15 relative), so a peak clearly below the cost is conclusive; a close call is checked
    // on exact math at the peak.
    const floatNet = guess.peakProfit - Number(searcherCost);
    if (floatNet < -(Number(searcherCost) / 2 + guess.peak * 1e-9 + 1e4))
      return safeBound(unattacked, amountOutUnattacked, true);
    if (netProfit(memo, BigInt(Math.max(1, Math.round(guess.peak))), searcherCost) <= 0)
      return safeBound(unattacked, amountOutUnattacked, true);
  } else {
    // The float model agrees with the exact math to ~1e-12 here, so x_a is within the 1e-5 margin;
    // exact math must confirm that the largest front-run the bound allows does not pay.
    const lo = BigInt(Math.floor(guess.x * (1 - 1e-5)));
    if (lo > 0n && netProfit(memo, lo, searcherCost) <= 0) return bound(memo, lo, amountOutUnattacked);
  }
  return exactBreakEven(memo, searcherCost, amountOutUnattacked);
}

/** The searcher's profit after its cost at front-run x (sell units, a float: its sign steers the searches). */
function netProfit(memo: SandwichMemo, x: bigint, searcherCost: bigint): number {
  const s = memo.at(x);
  return s.valid ? Number(s.grossProfit - searcherCost) : Number.NEGATIVE_INFINITY;
}

/** No sandwich pays at any bound: no bound needed (or, if the swap itself fails, none possible). */
function safeBound(
  unattacked: SimulatedSandwich,
  amountOutUnattacked: bigint,
  feasible: boolean,
): BreakEvenMinAmountOutReturnType {
  return { minAmountOut: 0n, amountOutUnattacked, feasible, largestSafeFrontRunAmountIn: 0n, unattacked };
}

/** The bound that admits front-runs up to `lo` (unprofitable) and no larger. */
function bound(memo: SandwichMemo, lo: bigint, amountOutUnattacked: bigint): BreakEvenMinAmountOutReturnType {
  const minAmountOut = memo.victimAmountOut(lo) + 1n;
  return {
    minAmountOut,
    amountOutUnattacked,
    feasible: minAmountOut <= amountOutUnattacked,
    largestSafeFrontRunAmountIn: lo,
    unattacked: memo.at(0n),
  };
}

/** The exact searches, when the float model's answer is not confirmed. */
function exactBreakEven(
  memo: SandwichMemo,
  searcherCost: bigint,
  amountOutUnattacked: bigint,
): BreakEvenMinAmountOutReturnType {
  const amountIn = memo.victimAmountIn;
  const profit = (x: bigint) => netProfit(memo, x, searcherCost);
  // 1. Find a profitable front-run, if any. The peak of the profit curve is usually within a
  //    small multiple of the victim's size; probe there first, then refine only if needed.
  let peak = amountIn;
  let peakValue = profit(peak);
  for (const k of PROBES) {
    if (peakValue > 0) break;
    const x = k < 0n ? amountIn >> -k : amountIn << k;
    const value = x > 0n ? profit(x) : Number.NEGATIVE_INFINITY;
    if (value > peakValue) {
      peak = x;
      peakValue = value;
    }
  }
  if (peakValue <= 0) {
    const found = goldenSectionMax(profit, peak >> 2n, peak << 2n, 1e-2);
    if (found.value <= 0) return safeBound(memo.at(0n), amountOutUnattacked, true);
    peak = found.x;
  }
  // 2. x_a: the profit crosses zero between 0 (π = −cost ≤ 0) and the peak. `lo` stays unprofitable.
  return bound(
    memo,
    largestNonNegative((x) => (x === 0n ? 1 : -profit(x)), 0n, peak, 1e-3),
    amountOutUnattacked,
  );
}
