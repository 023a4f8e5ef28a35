import type { AmmPool } from '../amm/pool.js';
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
  const lo = largestNonNegative((x) => (x === 0n ? 1 : -netProfit(x)), 0n, peak, 1e-3);
  const minAmountOut = simulate(lo).victimAmountOut + 1n;
  return {
    minAmountOut,
    amountOutUnattacked,
    feasible: minAmountOut <= amountOutUnattacked,
    largestSafeFrontRunAmountIn: lo,
    unattacked,
  };
}
