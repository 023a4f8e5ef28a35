import type { AmmPool } from '../amm/pool.js';
import { type FloatSandwichModel, floatSandwichModel } from './floatSandwichModel.js';
import { goldenSectionMax, largestNonNegative } from './integerSearch.js';
import { SandwichMemo } from './sandwichMemo.js';
import type { SimulatedSandwich } from './simulateSandwich.js';

export type OptimalSandwichParameters = {
  pool: AmmPool;
  /** The victim's direction on the pool. */
  zeroForOne: boolean;
  /** Victim's input, in base units of the token it sells. */
  victimAmountIn: bigint;
  /** Victim's minimum output (its slippage bound), in base units of the token it buys. */
  victimMinAmountOut: bigint;
  /**
   * Searcher's all-in cost of the attack (gas of both legs × gas price, plus any builder tip),
   * converted into the victim's sell token (the token the searcher's profit is in), base units.
   */
  searcherCost: bigint;
};

export type OptimalSandwichReturnType = {
  /** True when the best attack nets the searcher more than its cost: a rational searcher attacks. */
  profitable: boolean;
  /** False when the victim's own trade misses its minimum even unattacked (it would revert; nothing to attack). */
  victimFeasible: boolean;
  /** Front-run input of the most profitable feasible attack, sell-token base units (0n if none). */
  frontRunAmountIn: bigint;
  /** x̂: the largest front-run that still leaves the victim at or above its minimum, sell-token base units. */
  maxFrontRunAmountIn: bigint;
  /** Buy-token base units the front-run buys (and the back-run sells). */
  frontRunAmountOut: bigint;
  /** Sell-token base units the back-run returns. */
  backRunAmountOut: bigint;
  /** backRunAmountOut − frontRunAmountIn: the searcher's profit after pool fees, before its cost (sell-token base units). */
  grossProfit: bigint;
  /** grossProfit − searcherCost (sell-token base units). */
  netProfit: bigint;
  /** Victim's output with no attack, buy-token base units. */
  victimAmountOutUnattacked: bigint;
  /** Victim's output behind this attack, buy-token base units. */
  victimAmountOut: bigint;
  /** victimAmountOutUnattacked − victimAmountOut: what the attack takes from the victim, buy-token base units. */
  victimLoss: bigint;
};

/**
 * The searcher's best sandwich against a public swap with a minimum output (Zhou et al. 2021),
 * on exact pool math (V3 across ticks, or V2). The victim's output falls as the front-run
 * grows, so the largest feasible front-run x̂ (victim exactly at its minimum) is found by a
 * bracketing root search; the profit-maximising size is then searched on [0, x̂] (it is x̂
 * whenever profit still rises there, as Zhou et al. show it usually does) and checked against a
 * coarse grid so a non-unimodal profit curve is not missed. Both searches run first on a float
 * model of the same pool (same ticks, same fee) and are then confirmed on the exact math; the
 * exact searches run only if that confirmation fails. Amounts in base units as named.
 */
export function optimalSandwich({
  pool,
  zeroForOne,
  victimAmountIn,
  victimMinAmountOut,
  searcherCost,
}: OptimalSandwichParameters): OptimalSandwichReturnType {
  const memo = new SandwichMemo(pool, zeroForOne, victimAmountIn);
  const unattacked = memo.at(0n);
  const result = (attack: SimulatedSandwich, maxFrontRunAmountIn: bigint, victimFeasible: boolean) =>
    describeSandwich({ attack, unattacked, maxFrontRunAmountIn, victimFeasible, searcherCost });
  if (!unattacked.valid || unattacked.victimAmountOut < victimMinAmountOut)
    return result(unattacked, 0n, false);

  // Feasibility needs only the victim's output behind the front-run (two swaps, not three).
  const slack = (x: bigint) => Number(memo.victimAmountOut(x) - victimMinAmountOut);
  const profit = (x: bigint) => (x === 0n ? 0 : Number(memo.at(x).grossProfit));

  // 0. Fast path: search the float model of the same pool, then confirm x̂ on exact math (it
  //    must be feasible and one part in 1e7 more must not be) and compare the candidates there.
  const fast = floatSearch(
    floatSandwichModel(pool, zeroForOne, victimAmountIn),
    Number(victimAmountIn),
    Number(victimMinAmountOut),
  );
  if (fast !== undefined) {
    const lo = BigInt(Math.floor(fast.maxFrontRun * (1 - 1e-7)));
    const hi = BigInt(Math.ceil(fast.maxFrontRun * (1 + 1e-7))) + 1n;
    if (lo > 0n && slack(lo) >= 0 && slack(hi) < 0) {
      // x̂ to 1e-7 relative, on the feasible side: the victim's output moves in whole base units,
      // so narrowing further buys nothing but exact swaps.
      const maxFrontRun = lo;
      // Usually profit still rises at x̂ (Zhou et al.) and the float optimum is x̂ itself; an
      // interior optimum is compared with x̂ on exact math.
      const best = BigInt(Math.min(Number(maxFrontRun), Math.round(fast.best)));
      const interior = best > 0n && best < maxFrontRun - maxFrontRun / 1_000_000n;
      const chosen = interior && slack(best) >= 0 && profit(best) > profit(maxFrontRun) ? best : maxFrontRun;
      return result(memo.at(chosen), maxFrontRun, true);
    }
  }

  // 1. x̂: bracket by doubling from the victim's own size, then a root search on the slack.
  let lo = 0n;
  let hi = victimAmountIn > 0n ? victimAmountIn : 1n;
  for (let i = 0; i < 128 && slack(hi) >= 0; i++) {
    lo = hi;
    hi *= 2n;
  }
  const maxFrontRun = largestNonNegative(slack, lo, hi);
  if (maxFrontRun === 0n) return result(unattacked, 0n, true);

  // 2. The most profitable size in [0, x̂]: a coarse grid first, then golden section around
  //    the best grid point unless profit is still rising at x̂ (then x̂ is the answer).
  const grid = [1n, 2n, 3n, 4n].map((k) => (maxFrontRun * k) / 4n).filter((x) => x > 0n);
  let bestIndex = grid.length - 1;
  for (let i = 0; i < grid.length; i++) if (profit(grid[i]!) > profit(grid[bestIndex]!)) bestIndex = i;
  let best = grid[bestIndex]!;
  const nearTop = maxFrontRun - maxFrontRun / 1024n;
  if (bestIndex < grid.length - 1 || profit(nearTop) > profit(maxFrontRun)) {
    const from = bestIndex > 0 ? grid[bestIndex - 1]! : 0n;
    const to = bestIndex < grid.length - 1 ? grid[bestIndex + 1]! : maxFrontRun;
    const found = goldenSectionMax(profit, from, to);
    if (found.value > profit(best)) best = found.x;
  }
  return result(memo.at(best), maxFrontRun, true);
}

// Scratch for floatSearch's scan: ≤ 32 tick boundaries + 11 grid points. Reused (no re-entry).
const points = new Float64Array(64);
const profits = new Float64Array(64);

/**
 * On the float model: x̂ (largest front-run leaving the victim at its minimum) by doubling and
 * bisection, and the most profitable front-run in (0, x̂] by a scan (log grid plus the sizes
 * that end on initialized ticks) refined by golden section. Undefined if no front-run is feasible.
 */
function floatSearch(
  model: FloatSandwichModel,
  victimIn: number,
  minOut: number,
): { maxFrontRun: number; best: number } | undefined {
  let lo = 0;
  let hi = victimIn;
  for (let i = 0; i < 200; i++) {
    model.victimOutInto(hi);
    if (!(model.value >= minOut)) break;
    lo = hi;
    hi *= 2;
  }
  // Regula falsi on the victim's slack; 1e-9 relative is far inside the 1e-7 the exact check needs.
  // floatBoundary((x) => minOut − model.victimOut(x), lo, hi, 1e-9), without the closure.
  model.boundaryOf('victim', minOut, lo, hi, 1e-9);
  lo = model.boundaryLo;
  if (!(lo >= 1)) return undefined;
  const maxFrontRun = lo;
  // The scan's points and their profits, each simulated once, in reused buffers.
  let count = model.boundaryCount(maxFrontRun, 32);
  const boundaries = model.boundaries();
  for (let k = 0; k < count; k++) points[k] = boundaries[k]!;
  for (let k = -20; k <= 0; k += 2) points[count++] = maxFrontRun * 2 ** k;
  const scanned = points.subarray(0, count).sort();
  for (let i = 0; i < count; i++) {
    model.grossProfitInto(scanned[i]!);
    profits[i] = model.value;
  }
  let bestIndex = count - 1;
  for (let i = 0; i < count; i++) if (profits[i]! > profits[bestIndex]!) bestIndex = i;
  let a = scanned[Math.max(0, bestIndex - 1)]!;
  let b = scanned[Math.min(count - 1, bestIndex + 1)]!;
  const invPhi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 30; i++) {
    const c = b - (b - a) * invPhi;
    const d = a + (b - a) * invPhi;
    model.grossProfitInto(c);
    const profitC = model.value;
    model.grossProfitInto(d);
    if (profitC >= model.value) b = d;
    else a = c;
  }
  const refined = (a + b) / 2;
  model.grossProfitInto(refined);
  const best = model.value > profits[bestIndex]! ? refined : scanned[bestIndex]!;
  return { maxFrontRun, best };
}

export type DescribeSandwichParameters = {
  /** The attack (frontRunAmountIn 0n: none). */
  attack: SimulatedSandwich;
  /** The victim's trade with no attack. */
  unattacked: SimulatedSandwich;
  maxFrontRunAmountIn: bigint;
  victimFeasible: boolean;
  /** Searcher's all-in cost, sell-token base units. */
  searcherCost: bigint;
};

/** Turns a simulated attack into the searcher's and the victim's view of it (base units as named). */
export function describeSandwich({
  attack,
  unattacked,
  maxFrontRunAmountIn,
  victimFeasible,
  searcherCost,
}: DescribeSandwichParameters): OptimalSandwichReturnType {
  const netProfit = attack.grossProfit - searcherCost;
  return {
    profitable: victimFeasible && attack.frontRunAmountIn > 0n && netProfit > 0n,
    victimFeasible,
    frontRunAmountIn: attack.frontRunAmountIn,
    maxFrontRunAmountIn,
    frontRunAmountOut: attack.frontRunAmountOut,
    backRunAmountOut: attack.backRunAmountOut,
    grossProfit: attack.grossProfit,
    netProfit,
    victimAmountOutUnattacked: unattacked.victimAmountOut,
    victimAmountOut: attack.victimAmountOut,
    victimLoss: unattacked.victimAmountOut - attack.victimAmountOut,
  };
}
