import type { AmmPool } from '../amm/pool.js';
import { type FloatSandwichModel, floatBoundary, floatSandwichModel } from './floatSandwichModel.js';
import { goldenSectionMax, largestNonNegative } from './integerSearch.js';
import { type SimulatedSandwich, simulateSandwich } from './simulateSandwich.js';

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
  const cache = new Map<bigint, SimulatedSandwich>();
  const simulate = (frontRunAmountIn: bigint) => {
    let s = cache.get(frontRunAmountIn);
    if (s === undefined) {
      s = simulateSandwich({ pool, zeroForOne, victimAmountIn: amountIn, frontRunAmountIn });
      cache.set(frontRunAmountIn, s);
    }
    return s;
  };
  const unattacked = simulate(0n);
  const amountOutUnattacked = unattacked.valid ? unattacked.victimAmountOut : 0n;
  const netProfit = (x: bigint) => {
    const s = simulate(x);
    return s.valid ? Number(s.grossProfit - searcherCost) : Number.NEGATIVE_INFINITY;
  };
  const safe = {
    minAmountOut: 0n,
    amountOutUnattacked,
    feasible: true,
    largestSafeFrontRunAmountIn: 0n,
    unattacked,
  };
  if (!unattacked.valid) return { ...safe, feasible: false };

  const done = (lo: bigint) => {
    const minAmountOut = simulate(lo).victimAmountOut + 1n;
    return {
      minAmountOut,
      amountOutUnattacked,
      feasible: minAmountOut <= amountOutUnattacked,
      largestSafeFrontRunAmountIn: lo,
      unattacked,
    };
  };

  // 0. Fast path: locate x_a on the float model of the same pool (same ticks, same fee), then
  //    confirm on exact math that the bound's edge does not pay (one exact sandwich, not a dozen).
  const floatModel = floatSandwichModel(pool, zeroForOne, amountIn);
  const guess = floatBreakEven(floatModel, Number(amountIn), Number(searcherCost));
  if (guess.x === undefined) {
    // The float model finds no profitable attack. Its error is rounding (a few wei per step and
    // ~1e-15 relative), so a peak clearly below the cost is conclusive; a close call is checked
    // on exact math at the peak.
    const floatNet = floatModel.grossProfit(guess.peak) - Number(searcherCost);
    if (floatNet < -(Number(searcherCost) / 2 + guess.peak * 1e-9 + 1e4)) return safe;
    if (netProfit(BigInt(Math.max(1, Math.round(guess.peak)))) <= 0) return safe;
  } else {
    // The float model agrees with the exact math to ~1e-12 here, so x_a is within the 1e-5 margin;
    // exact math must confirm that the largest front-run the bound allows does not pay.
    const lo = BigInt(Math.floor(guess.x * (1 - 1e-5)));
    if (lo > 0n && netProfit(lo) <= 0) return done(lo);
  }

  // 1. Find a profitable front-run, if any. The peak of the profit curve is usually within a
  //    small multiple of the victim's size; probe there first, then refine only if needed.
  let peak = amountIn;
  let peakValue = netProfit(peak);
  for (const x of PROBES.map((k) => (k < 0n ? amountIn >> -k : amountIn << k))) {
    if (peakValue > 0) break;
    const value = x > 0n ? netProfit(x) : Number.NEGATIVE_INFINITY;
    if (value > peakValue) {
      peak = x;
      peakValue = value;
    }
  }
  if (peakValue <= 0) {
    const found = goldenSectionMax(netProfit, peak >> 2n, peak << 2n, 1e-2);
    if (found.value <= 0) return safe;
    peak = found.x;
  }

  // 2. x_a: the profit crosses zero between 0 (π = −cost ≤ 0) and the peak. `lo` stays unprofitable.
  return done(largestNonNegative((x) => (x === 0n ? 1 : -netProfit(x)), 0n, peak, 1e-3));
}

// The float scan: a log grid of front-run sizes from 2^-20 to 2^6 times the victim's input, plus
// the sizes that end the front-run exactly on one of the next 32 initialized ticks (where the
// profit curve has kinks and can jump), merged in ascending order.
const GRID_STEPS = Array.from({ length: 27 }, (_, i) => 2 ** (-20 + i));
const MAX_BOUNDARIES = 32;
function scanPoints(model: FloatSandwichModel, victimIn: number): number[] {
  const boundaries = model.frontRunBoundaries(victimIn * 2 ** 6, MAX_BOUNDARIES);
  const points: number[] = [];
  let j = 0;
  for (const step of GRID_STEPS) {
    const x = victimIn * step;
    while (j < boundaries.length && boundaries[j]! < x) {
      const b = boundaries[j++]!;
      if (b > 0) points.push(b, b * (1 + 1e-9));
    }
    points.push(x);
  }
  return points;
}

/** The best of the scanned points (profits given), refined by golden section between its neighbours. */
function floatPeak(model: FloatSandwichModel, points: number[], profits: number[]): number {
  let bestIndex = 0;
  for (let i = 1; i < points.length; i++) if (profits[i]! > profits[bestIndex]!) bestIndex = i;
  let lo = points[Math.max(0, bestIndex - 1)]!;
  let hi = points[Math.min(points.length - 1, bestIndex + 1)]!;
  const invPhi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 30; i++) {
    const c = hi - (hi - lo) * invPhi;
    const d = lo + (hi - lo) * invPhi;
    if (model.grossProfit(c) >= model.grossProfit(d)) hi = d;
    else lo = c;
  }
  const refined = (lo + hi) / 2;
  return model.grossProfit(refined) > profits[bestIndex]! ? refined : points[bestIndex]!;
}

/**
 * The float model's smallest profitable front-run after `cost`, or undefined if none: the first
 * scan point that pays, then bisection back to the last one that does not. (A window that pays
 * only between two scan points both below cost, away from any tick, is not seen: between ticks
 * the profit curve is smooth and the grid is dense.)
 */
function floatBreakEven(
  model: FloatSandwichModel,
  victimIn: number,
  cost: number,
): { x: number | undefined; peak: number } {
  const points = scanPoints(model, victimIn);
  const profits: number[] = [];
  let previous = 0;
  let first: number | undefined;
  for (const x of points) {
    const profit = model.grossProfit(x);
    profits.push(profit);
    if (profit - cost > 0) {
      first = x;
      break;
    }
    previous = x;
  }
  if (first === undefined) {
    // Refine the peak only where the scan saw a gross profit at all; otherwise no size pays.
    const best = Math.max(...profits);
    const peak = best > 0 ? floatPeak(model, points, profits) : points[profits.indexOf(best)]!;
    if (!(model.grossProfit(peak) - cost > 0)) return { x: undefined, peak };
    first = peak;
    previous = points.filter((x) => x < peak).at(-1) ?? 0;
  }
  const [, hi] = floatBoundary((x) => model.grossProfit(x) - cost, previous, first, 1e-9);
  return { x: hi, peak: first };
}
