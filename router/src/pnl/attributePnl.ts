import { HedgeRouterError } from '../errors/index.js';
import { requireFinite, requireNonNegative, requirePositive } from '../options/assertInputs.js';
import { blackScholesInto, createOptionGreeks } from '../options/blackScholesInto.js';
import { createBook, type OptionBook, type OptionPosition } from '../options/createBook.js';

export type AttributePnlParameters = {
  /** The options held throughout (or a compiled book). */
  book: OptionBook | readonly OptionPosition[];
  /** Observation times t_0 < … < t_n on the book's clock, years; none after the earliest expiry. */
  timesYears: ArrayLike<number>;
  /** Spot at each time, USD per unit (n + 1 values). */
  spots: ArrayLike<number>;
  /** Mark vol at each time (n + 1 values), or one vol for the whole path. */
  vols: ArrayLike<number> | number;
  /** Hedge held over [t_i, t_(i+1)] after rebalancing at t_i, units (n values). */
  hedges: ArrayLike<number>;
  /** Hedge held before the first rebalance at t_0, units. Default 0. */
  initialHedge?: number;
  /** Continuously compounded rate on cash, per year. */
  rate: number;
  /** Yield earned on the hedge (dividend / funding), per year. */
  dividendYield: number;
  /** Proportional one-way cost of each hedge trade, fraction of notional. Default 0. */
  oneWayCost?: number;
  /** Or: the cost of each rebalance in USD (n values), e.g. from the router's quotes; replaces oneWayCost. */
  tradeCostsUsd?: ArrayLike<number>;
};

/** A hedged book's P&L over a path, USD, split into parts that sum to `totalUsd`. */
export type PnlAttribution = {
  /** Change of wealth (options + hedge + cash), computed from the wealth itself, not from the parts. */
  totalUsd: number;
  /** Σ (book Δ + hedge)·dS: what the unhedged delta earned. */
  deltaUsd: number;
  /** Σ ½Γ·dS²: the gamma P&L. */
  gammaUsd: number;
  /** Σ Θ·dt: time decay. */
  thetaUsd: number;
  /** Σ vega·dσ: re-marking of the vol. */
  vegaUsd: number;
  /** Interest on cash and the yield on the hedge. */
  carryUsd: number;
  /** Hedge trading costs (≤ 0). */
  costsUsd: number;
  /** Everything else: the higher-order terms of the book's revaluation (cross, speed, volga…). */
  residualUsd: number;
  /** Units of the underlying traded, Σ|h_i − h_(i−1)|. */
  unitsTraded: number;
};

/**
 * Attributes a hedged option book's P&L along one path (REFERENCES.md: the per-step gamma
 * P&L is ½ΓS²σ²δt(Z² − 1) when hedged at the realised vol). At each t_i the hedge is moved
 * from h_(i−1) to h_i at S_i, paying the trade and its cost from cash; over the step the book
 * is revalued at (S_(i+1), t_(i+1), σ_(i+1)), cash earns `rate` and the hedge its yield. Each
 * step's revaluation is split with the Greeks at its start; the residual is what the Taylor
 * terms miss, so delta + gamma + theta + vega + carry + costs + residual = total, where the
 * total comes independently from the wealth at both ends. Throws INVALID_INPUT naming the
 * field for mismatched lengths, unordered times or times after an expiry.
 */
export function attributePnl(params: AttributePnlParameters): PnlAttribution {
  const book = 'size' in params.book ? params.book : createBook({ positions: params.book });
  const { timesYears, spots, hedges } = params;
  const n = timesYears.length - 1;
  if (n < 1) throw invalid('timesYears', 'needs at least two times');
  if (spots.length !== n + 1) throw invalid('spots', `needs ${n + 1} values, one per time`);
  if (hedges.length !== n) throw invalid('hedges', `needs ${n} values, one per step`);
  const volAt =
    typeof params.vols === 'number'
      ? () => params.vols as number
      : (i: number) => (params.vols as ArrayLike<number>)[i]!;
  if (typeof params.vols !== 'number' && params.vols.length !== n + 1)
    throw invalid('vols', `needs ${n + 1} values or one number`);
  const rate = requireFinite(params.rate, 'rate');
  const dividendYield = requireFinite(params.dividendYield, 'dividendYield');
  const oneWayCost = requireNonNegative(params.oneWayCost ?? 0, 'oneWayCost');
  const tradeCosts = params.tradeCostsUsd;
  if (tradeCosts && tradeCosts.length !== n)
    throw invalid('tradeCostsUsd', `needs ${n} values, one per step`);
  let earliestExpiry = Number.POSITIVE_INFINITY;
  for (let j = 0; j < book.size; j++) earliestExpiry = Math.min(earliestExpiry, book.expiry[j]!);
  for (let i = 0; i <= n; i++) {
    requireFinite(timesYears[i]!, `timesYears[${i}]`);
    requirePositive(spots[i]!, `spots[${i}]`);
    requireNonNegative(volAt(i), typeof params.vols === 'number' ? 'vols' : `vols[${i}]`);
    if (i > 0 && !(timesYears[i]! > timesYears[i - 1]!))
      throw invalid(`timesYears[${i}]`, 'times must increase');
    if (i < n) requireFinite(hedges[i]!, `hedges[${i}]`);
    if (tradeCosts && i < n) requireNonNegative(tradeCosts[i]!, `tradeCostsUsd[${i}]`);
  }
  if (timesYears[n]! > earliestExpiry * (1 + 1e-12)) {
    throw invalid(
      `timesYears[${n}]`,
      `the path runs past an option's expiry (${earliestExpiry}); attribute up to it`,
    );
  }

  const g = createOptionGreeks();
  const greeksAt = (i: number) => {
    let value = 0;
    let delta = 0;
    let gamma = 0;
    let vega = 0;
    let theta = 0;
    for (let j = 0; j < book.size; j++) {
      const tau = Math.max(book.expiry[j]! - timesYears[i]!, 0);
      blackScholesInto(
        g,
        book.isCall[j] === 1,
        spots[i]!,
        book.strike[j]!,
        tau,
        rate,
        dividendYield,
        volAt(i),
      );
      const q = book.quantity[j]!;
      value += q * g.price;
      delta += q * g.delta;
      gamma += q * g.gamma;
      vega += q * g.vega;
      theta += q * g.theta;
    }
    return { value, delta, gamma, vega, theta };
  };

  const result: PnlAttribution = {
    totalUsd: 0,
    deltaUsd: 0,
    gammaUsd: 0,
    thetaUsd: 0,
    vegaUsd: 0,
    carryUsd: 0,
    costsUsd: 0,
    residualUsd: 0,
    unitsTraded: 0,
  };
  let hedge = requireFinite(params.initialHedge ?? 0, 'initialHedge');
  let cash = 0;
  let start = greeksAt(0);
  const wealthBefore = start.value + hedge * spots[0]!;
  for (let i = 0; i < n; i++) {
    const spot = spots[i]!;
    const next = hedges[i]!;
    const traded = next - hedge;
    const cost = tradeCosts ? tradeCosts[i]! : oneWayCost * Math.abs(traded) * spot;
    cash -= traded * spot + cost;
    result.costsUsd -= cost;
    result.unitsTraded += Math.abs(traded);
    hedge = next;

    const dt = timesYears[i + 1]! - timesYears[i]!;
    const dS = spots[i + 1]! - spot;
    const carry = cash * Math.expm1(rate * dt) + hedge * spot * Math.expm1(dividendYield * dt);
    cash += carry;
    result.carryUsd += carry;

    const end = greeksAt(i + 1);
    const dVol = volAt(i + 1) - volAt(i);
    const delta = (start.delta + hedge) * dS;
    const gamma = 0.5 * start.gamma * dS * dS;
    const theta = start.theta * dt;
    const vega = start.vega * dVol;
    result.deltaUsd += delta;
    result.gammaUsd += gamma;
    result.thetaUsd += theta;
    result.vegaUsd += vega;
    result.residualUsd += end.value - start.value - (start.delta * dS + gamma + theta + vega);
    start = end;
  }
  result.totalUsd = start.value + hedge * spots[n]! + cash - wealthBefore;
  return result;
}

function invalid(field: string, shortMessage: string): HedgeRouterError {
  return new HedgeRouterError('INVALID_INPUT', { shortMessage, field });
}
