import { costStagesFromAmounts } from '../cost/buildRouteCost.js';
import { gasInBuy, type RouteCostAmounts } from '../cost/routeCostAmounts.js';
import type { CostContext, CostStage, costStageNames, RouteQuote } from '../cost/types.js';
import { HedgeRouterError } from '../errors/index.js';
import type { HedgeIntent } from '../intent/hedgeIntentSchema.js';
import { legLimitBuyAmount, priceLeg } from './costAt.js';
import type { RouteCandidate, RouteLeg, RoutePlan } from './types.js';

export type SelectRouteContext = CostContext & {
  /** The clock, unix seconds: legs expected to fill after the intent's deadline are not used. */
  nowSeconds: number;
};

export type SelectRouteParameters = {
  intent: HedgeIntent;
  /** Every venue's candidate for this intent. Ids must be unique. */
  candidates: readonly RouteCandidate[];
  /** The grid of the split search: legs are first sized in 1/splitUnits of the intent (default 4). */
  splitUnits?: number;
  /** Refinement rounds after the grid search, each halving the step moved between legs (default 2: steps of 1/8 and 1/16 of the intent). */
  refineRounds?: number;
  /** A split must beat the best single route by more than this many bps of the intent's mid value (default 0.01), so rounding noise never splits. */
  minSplitGainBps?: number;
};

/** A (candidate, size) the search priced: its quote and cost amounts (stages built only for the chosen legs). */
type Evaluated = {
  candidate: RouteCandidate;
  sellAmount: bigint;
  quote: RouteQuote;
  amounts: RouteCostAmounts;
};

/** Per candidate: every size priced in this decision, its evaluation or the reason it has none. */
type PricedSizes = Map<bigint, Evaluated | string>;

/**
 * Picks the plan with the lowest expected total cost for an intent (DESIGN.md "The cost model").
 * Every candidate is priced at every size of a grid (1/N … N/N of the intent); candidates that
 * share liquidity compete for one slot; a dynamic programme over the grid finds the best
 * allocation across liquidity sources (exact on the grid even with fixed costs such as gas per
 * leg), and local moves between the chosen legs then refine it toward equal marginal costs.
 * A split is kept only if it beats the best single route. Each leg's minimum output is at least
 * the intent's limit price applied to its size (rounded up), so the legs' minimums add up to at
 * least intent.minBuyAmount. Deterministic: ties break by candidate id. Throws INTENT_EXPIRED
 * when the deadline has passed and NO_ROUTE when no plan satisfies the intent.
 */
export function selectRoute(ctx: SelectRouteContext, params: SelectRouteParameters): RoutePlan {
  const { intent } = params;
  const units = params.splitUnits ?? 4;
  const refineRounds = params.refineRounds ?? 2;
  const minSplitGainBps = params.minSplitGainBps ?? 0.01;
  if (intent.deadline <= ctx.nowSeconds) {
    throw new HedgeRouterError('INTENT_EXPIRED', {
      field: 'intent.deadline',
      shortMessage: 'the intent expired before routing',
      details: { deadline: intent.deadline, nowSeconds: ctx.nowSeconds },
    });
  }
  if (!Number.isInteger(units) || units < 1 || units > 64) {
    throw new HedgeRouterError('INVALID_INPUT', {
      field: 'splitUnits',
      shortMessage: 'must be an integer in [1, 64]',
    });
  }
  const candidates = [...params.candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < candidates.length; i++) {
    if (candidates[i]!.id === candidates[i - 1]!.id) {
      throw new HedgeRouterError('INVALID_INPUT', {
        field: 'candidates',
        shortMessage: `duplicate candidate id ${candidates[i]!.id}`,
      });
    }
  }

  const S = intent.sellAmount;
  const secondsLeft = intent.deadline - ctx.nowSeconds;
  // Each (candidate, size) is quoted at most once per decision: its MEV analysis included.
  const memo = new Map<RouteCandidate, PricedSizes>();
  for (const c of candidates) memo.set(c, new Map());
  // Each size's leg limit once: every candidate (and its lower bound) is priced at the same sizes.
  const limits = new Map<bigint, bigint>();
  const limitOf = (sellAmount: bigint) => {
    let limit = limits.get(sellAmount);
    if (limit === undefined) {
      limit = legLimitBuyAmount({ sellAmount, intentSellAmount: S, intentMinBuyAmount: intent.minBuyAmount });
      limits.set(sellAmount, limit);
    }
    return limit;
  };
  const evaluate = (candidate: RouteCandidate, sellAmount: bigint): Evaluated | undefined => {
    if (sellAmount <= 0n) return undefined;
    const byCandidate = memo.get(candidate)!;
    let result = byCandidate.get(sellAmount);
    if (result === undefined) {
      const priced = priceLeg(ctx, {
        candidate,
        sellAmount,
        intentSellAmount: S,
        intentMinBuyAmount: intent.minBuyAmount,
        limitBuyAmount: limitOf(sellAmount),
      });
      result =
        priced.quote === undefined
          ? priced.reason
          : priced.quote.timing.expectedSecondsToFill > secondsLeft
            ? 'expected to fill after the deadline'
            : { candidate, sellAmount, quote: priced.quote, amounts: priced.amounts };
      byCandidate.set(sellAmount, result);
    }
    return typeof result === 'string' ? undefined : result;
  };
  const totalOf = (e: Evaluated | undefined) => (e === undefined ? undefined : e.amounts.total);
  // Full evaluation only if the candidate's optimistic lower bound can get under `threshold`
  // (buy units): the expensive part of a quote (a sandwich analysis) is skipped where it cannot win.
  const lowerBounds = new Map<RouteCandidate, Map<bigint, bigint | undefined>>();
  // The candidate's optimistic cost at a size (its exact cost if it has no lower bound, or is
  // already priced), or undefined if it cannot take that size.
  const lowerBoundOf = (candidate: RouteCandidate, sellAmount: bigint): bigint | undefined => {
    if (candidate.quoteLowerBound === undefined || memo.get(candidate)!.has(sellAmount))
      return totalOf(evaluate(candidate, sellAmount));
    let byCandidate = lowerBounds.get(candidate);
    if (byCandidate === undefined) {
      byCandidate = new Map();
      lowerBounds.set(candidate, byCandidate);
    }
    if (!byCandidate.has(sellAmount)) {
      const lb = priceLeg(ctx, {
        candidate,
        sellAmount,
        intentSellAmount: S,
        intentMinBuyAmount: intent.minBuyAmount,
        limitBuyAmount: limitOf(sellAmount),
        lowerBound: true,
      });
      byCandidate.set(sellAmount, lb.quote === undefined ? undefined : lb.amounts.total);
    }
    return byCandidate.get(sellAmount);
  };
  const evaluateBelow = (candidate: RouteCandidate, sellAmount: bigint, threshold: bigint | undefined) => {
    if (threshold !== undefined && candidate.quoteLowerBound !== undefined) {
      const bound = lowerBoundOf(candidate, sellAmount);
      if (bound === undefined || bound >= threshold) return undefined;
    }
    return evaluate(candidate, sellAmount);
  };

  const groups = new Map<string, RouteCandidate[]>();
  for (const c of candidates) groups.set(c.liquiditySource, [...(groups.get(c.liquiditySource) ?? []), c]);
  const groupKeys = [...groups.keys()].sort();
  // Each grid size once (every candidate of a source is priced at each): bigint math allocates.
  const gridSizes: bigint[] = [];
  for (let k = 0; k <= units; k++) gridSizes.push((S * BigInt(k)) / BigInt(units));
  const notional = Number(S) * ctx.midPrice;

  // 0. The best single route, and whether any split on the grid could beat it: the dynamic
  // programme of step 2 run on optimistic costs (each source's cheapest lower bound at each size
  // below the whole). A split's real cost is at least its optimistic one, so when even that
  // does not get under the best single route, steps 1-4 would return that route: it is returned
  // here without pricing the grid (small hedges, most of them, never split, and their grid
  // prices were most of a decision's sandwich analyses). Same plan, same tie-breaks.
  let singleBest: Evaluated | undefined;
  for (const key of groupKeys) {
    for (const c of groups.get(key)!) {
      const e = evaluateBelow(c, S, totalOf(singleBest));
      if (e !== undefined && (singleBest === undefined || totalOf(e)! < totalOf(singleBest)!)) singleBest = e;
    }
  }
  if (singleBest !== undefined && units > 1) {
    // Cheapest first: when every candidate states a cost floor, a split's cost has one without
    // pricing any size (see splitCostFloor); most small hedges stop here.
    const floor = splitCostFloor(
      ctx,
      groupKeys.map((key) => groups.get(key)!),
      S,
    );
    if (floor !== undefined && floor >= singleBest.amounts.total)
      return toPlan(intent, [singleBest], notional);
    // Each source's cheapest optimistic cost at each size short of the whole (a single route
    // is not a split): 0 for none of it.
    const optimistic = groupKeys.map((key) => {
      const row: (bigint | undefined)[] = [0n];
      for (let k = 1; k < units; k++) {
        let cheapest: bigint | undefined;
        for (const c of groups.get(key)!) {
          const lb = lowerBoundOf(c, gridSizes[k]!);
          if (lb !== undefined && (cheapest === undefined || lb < cheapest)) cheapest = lb;
        }
        row.push(cheapest);
      }
      row.push(undefined);
      return row;
    });
    const split = cheapestAllocation(optimistic, units);
    if (split === undefined || split.cost >= singleBest.amounts.total)
      return toPlan(intent, [singleBest], notional);
  }

  // 1. Grid: the best candidate of each liquidity source at each size k/N of the intent.
  const envelope = groupKeys.map((key) => {
    const row: (Evaluated | undefined)[] = [undefined];
    for (let k = 1; k <= units; k++) {
      let best: Evaluated | undefined;
      for (const c of groups.get(key)!) {
        // Candidates come in id order, so a later one must beat the best strictly: prune at ≥.
        const e = evaluateBelow(c, gridSizes[k]!, totalOf(best));
        if (e !== undefined && (best === undefined || totalOf(e)! < totalOf(best)!)) best = e;
      }
      row.push(best);
    }
    return row;
  });

  // 2. The cheapest allocation of the grid's units across the sources.
  const best = cheapestAllocation(
    envelope.map((row) => row.map((e, k) => (k === 0 ? 0n : totalOf(e)))),
    units,
  );
  if (best === undefined) throw noRoute(candidates, S, memo);

  // 3. Legs at exact sizes (the rounding remainder goes to the largest leg), then refinement.
  let legs = best.units
    .map((k, g) => (k === 0 ? undefined : envelope[g]![k]!))
    .filter((e): e is Evaluated => e !== undefined);
  legs = withExactTotal(legs, S, evaluate) ?? legs;
  if (legs.length > 1) legs = refine(legs, S / BigInt(2 * units), refineRounds, evaluate, evaluateBelow);

  // 4. Keep a split only if it clearly beats the best single route.
  const total = legs.reduce((sum, e) => sum + e.amounts.total, 0n);
  if (
    legs.length > 1 &&
    singleBest !== undefined &&
    Number(singleBest.amounts.total - total) <= (notional * minSplitGainBps) / 10_000
  ) {
    legs = [singleBest];
  }
  return toPlan(intent, legs, notional);
}

/**
 * A lower bound on the total cost (buy units) of every split of `S` across `sources` (at least
 * two legs, each in its own source), from the candidates' cost floors; undefined if a candidate
 * has none, or there is one source. A leg's MEV leakage, delay and fill risks are never
 * negative, so it costs at least its shortfall to the mid plus its gas. A source's shortfall at
 * size x is at least r1·x (r1 = mid − its highest maxBuyPerSell) and, where every candidate has
 * a tangent at S, at least A − (S − x)·r2 (A = S·mid − the highest tangent output, r2 = mid − the
 * lowest tangent slope): a convex bound, r1 up to where the lines meet and r2 beyond. The least
 * sum of such bounds over sizes adding up to S takes the cheapest rates first (water-filling);
 * a split adds the gas of at least two sources, the two lowest. Less a unit per source and a
 * float margin.
 */
export function splitCostFloor(ctx: CostContext, sources: RouteCandidate[][], S: bigint): bigint | undefined {
  if (sources.length < 2) return undefined;
  const size = Number(S);
  const mid = ctx.midPrice;
  // Each source's bound as (rate, length) segments, cheapest first within it (r1 ≤ r2).
  const segments: { rate: number; length: number }[] = [];
  let lowestGas: bigint | undefined;
  let secondGas: bigint | undefined;
  for (const candidates of sources) {
    if (candidates.length === 0) continue;
    let maxBuyPerSell = Number.NEGATIVE_INFINITY;
    let gas: bigint | undefined;
    let tangentBuyAmount = Number.NEGATIVE_INFINITY;
    let tangentBuyPerSell = Number.POSITIVE_INFINITY;
    let tangents = true;
    for (const c of candidates) {
      if (c.costFloor === undefined) return undefined;
      maxBuyPerSell = Math.max(maxBuyPerSell, c.costFloor.maxBuyPerSell);
      const g = gasInBuy(c.costFloor.minGasUnits, ctx.gasPriceWei, ctx.nativePriceInBuyPerWei);
      if (gas === undefined || g < gas) gas = g;
      const tangent = tangents ? c.costFloor.outputTangentAt?.(S) : undefined;
      if (tangent === undefined) tangents = false;
      else {
        tangentBuyAmount = Math.max(tangentBuyAmount, tangent.buyAmount);
        tangentBuyPerSell = Math.min(tangentBuyPerSell, tangent.buyPerSell);
      }
    }
    const r1 = mid - maxBuyPerSell;
    const r2 = mid - tangentBuyPerSell;
    // Where r1·x meets A + (x − S)·r2; without a tangent (or a degenerate one), r1 throughout.
    const meet = tangents && r2 > r1 ? (size * r2 - (size * mid - tangentBuyAmount)) / (r2 - r1) : size;
    const knee = Math.min(size, Math.max(0, meet));
    segments.push({ rate: r1, length: knee });
    if (knee < size) segments.push({ rate: r2, length: size - knee });
    if (lowestGas === undefined || gas! < lowestGas) {
      secondGas = lowestGas;
      lowestGas = gas;
    } else if (secondGas === undefined || gas! < secondGas) secondGas = gas;
  }
  if (lowestGas === undefined || secondGas === undefined) return undefined;
  segments.sort((a, b) => a.rate - b.rate);
  let shortfall = 0;
  let left = size;
  for (const { rate, length } of segments) {
    if (left <= 0) break;
    const take = Math.min(left, length);
    shortfall += rate * take;
    left -= take;
  }
  if (!Number.isFinite(shortfall)) return undefined;
  // The float sums' error, far above their ~1e-16 relative rounding.
  const margin = Math.abs(size * mid) * 1e-9 + sources.length;
  return BigInt(Math.floor(shortfall - margin)) + lowestGas + secondGas;
}

function withExactTotal(
  legs: Evaluated[],
  S: bigint,
  evaluate: (c: RouteCandidate, s: bigint) => Evaluated | undefined,
): Evaluated[] | undefined {
  const remainder = S - legs.reduce((sum, e) => sum + e.sellAmount, 0n);
  if (remainder === 0n) return legs;
  let largest = 0;
  for (let i = 1; i < legs.length; i++) if (legs[i]!.sellAmount > legs[largest]!.sellAmount) largest = i;
  const resized = evaluate(legs[largest]!.candidate, legs[largest]!.sellAmount + remainder);
  if (resized === undefined) return undefined;
  return legs.map((e, i) => (i === largest ? resized : e));
}

// Moves `step` of sell amount from one leg to another while that lowers the total, halving the
// step each round: a discrete version of equalising the legs' marginal costs.
function refine(
  legs: Evaluated[],
  initialStep: bigint,
  rounds: number,
  evaluate: (c: RouteCandidate, s: bigint) => Evaluated | undefined,
  evaluateBelow: (c: RouteCandidate, s: bigint, threshold: bigint | undefined) => Evaluated | undefined,
): Evaluated[] {
  let current = legs;
  let step = initialStep;
  for (let round = 0; round < rounds && step > 0n; round++, step /= 2n) {
    for (let improved = true, guard = 0; improved && guard < 8; guard++) {
      improved = false;
      for (let i = 0; i < current.length; i++) {
        for (let j = 0; j < current.length; j++) {
          if (i === j || current[i]!.sellAmount <= step) continue;
          const before = current[i]!.amounts.total + current[j]!.amounts.total;
          const from = evaluate(current[i]!.candidate, current[i]!.sellAmount - step);
          if (from === undefined) continue;
          const to = evaluateBelow(
            current[j]!.candidate,
            current[j]!.sellAmount + step,
            before - from.amounts.total,
          );
          if (to === undefined) continue;
          if (from.amounts.total + to.amounts.total < before) {
            current = current.map((e, k) => (k === i ? from : k === j ? to : e));
            improved = true;
          }
        }
      }
    }
  }
  return current;
}

/**
 * Dynamic programme over sources: the cheapest way to sell `units` grid units, source g taking
 * k of them at cost rows[g][k] (undefined where it cannot), and each source's k. Ties keep the
 * earlier allocation (sources in order, fewer units to the later source first).
 */
function cheapestAllocation(
  rows: (bigint | undefined)[][],
  units: number,
): { cost: bigint; units: number[] } | undefined {
  type State = { cost: bigint; units: number[] };
  let dp: (State | undefined)[] = [{ cost: 0n, units: [] }, ...new Array<undefined>(units).fill(undefined)];
  for (const row of rows) {
    const next: (State | undefined)[] = new Array(units + 1).fill(undefined);
    for (let n = 0; n <= units; n++) {
      for (let k = 0; k <= n; k++) {
        const before = dp[n - k];
        const leg = row[k];
        if (before === undefined || leg === undefined) continue;
        const cost = before.cost + leg;
        if (next[n] === undefined || cost < next[n]!.cost) next[n] = { cost, units: [...before.units, k] };
      }
    }
    dp = next;
  }
  return dp[units];
}

function toPlan(intent: HedgeIntent, evaluated: Evaluated[], notional: number): RoutePlan {
  const legs: RouteLeg[] = evaluated
    .map((e) => ({
      candidateId: e.candidate.id,
      venue: e.candidate.venue,
      liquiditySource: e.candidate.liquiditySource,
      sellAmount: e.sellAmount,
      quote: e.quote,
      cost: costStagesFromAmounts(e.amounts),
    }))
    .sort((a, b) => (a.candidateId < b.candidateId ? -1 : 1));
  const sum = (name: (typeof costStageNames)[number] | 'total'): CostStage => {
    const amount = legs.reduce((s, leg) => s + leg.cost[name].amount, 0n);
    return { amount, bps: notional > 0 ? (Number(amount) / notional) * 10_000 : 0 };
  };
  const minBuyAmount = legs.reduce((s, leg) => s + leg.quote.minBuyAmount, 0n);
  if (
    minBuyAmount < intent.minBuyAmount ||
    legs.reduce((s, leg) => s + leg.sellAmount, 0n) !== intent.sellAmount
  ) {
    // Unreachable by construction (each leg's minimum is ≥ its ceil share of the limit); kept as a guard.
    throw new HedgeRouterError('NO_ROUTE', {
      shortMessage: 'internal: plan would not respect the intent',
      details: { minBuyAmount: minBuyAmount.toString() },
    });
  }
  return {
    intent,
    legs,
    cost: {
      priceImpact: sum('priceImpact'),
      fees: sum('fees'),
      gas: sum('gas'),
      mevLeakage: sum('mevLeakage'),
      delayRisk: sum('delayRisk'),
      fillRisk: sum('fillRisk'),
      total: sum('total'),
    },
    expectedBuyAmount: legs.reduce((s, leg) => s + leg.quote.expectedBuyAmount, 0n),
    minBuyAmount,
  };
}

function noRoute(
  candidates: RouteCandidate[],
  S: bigint,
  memo: Map<RouteCandidate, PricedSizes>,
): HedgeRouterError {
  const reasons = Object.fromEntries(
    candidates.map((c) => {
      const full = memo.get(c)?.get(S);
      return [
        c.id,
        full === undefined ? 'not evaluated' : typeof full === 'string' ? full : 'only as part of a split',
      ];
    }),
  );
  return new HedgeRouterError('NO_ROUTE', {
    field: 'intent',
    shortMessage:
      candidates.length === 0
        ? 'no candidate routes were given'
        : 'no combination of routes can fill the intent at its limit',
    details: { reasons },
  });
}
