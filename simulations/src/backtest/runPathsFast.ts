import { normalCdfGivenExp } from '@hedge-router/router';
import type { BacktestContext } from './backtestContext.js';
import { type BookGreeks, bookValueAt } from './bookValueAt.js';
import { backtestCostStages } from './costModel.js';
import type { PathResults } from './pathResults.js';

const STAGES = backtestCostStages.length;
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327;
// The interval policy's tolerance on "due" (router/src/hedge/createIntervalPolicy.ts).
const DUE_TOLERANCE = 1e-9;

type FastPolicy =
  | { kind: 'interval'; intervalYears: number }
  | { kind: 'band'; halfWidth: number; toCentre: boolean }
  | { kind: 'whalley-wilmott'; riskAversion: number; oneWayCost: number };

/** The policy in the fast loop's terms, or undefined when only the generic loop can run it. */
export function fastPolicyOf(ctx: BacktestContext): FastPolicy | undefined {
  if (ctx.book.size !== 1) return undefined;
  const h = ctx.scenario.hedge;
  switch (h.policy) {
    case 'interval':
      return { kind: 'interval', intervalYears: h.intervalYears };
    case 'band':
      return { kind: 'band', halfWidth: h.halfWidth, toCentre: h.tradeTo === 'centre' };
    case 'whalley-wilmott':
      return { kind: 'whalley-wilmott', riskAversion: h.riskAversion, oneWayCost: h.oneWayCost };
    default:
      return undefined;
  }
}

/**
 * The specialised loop for the common case: a one-option book under the interval, fixed-band
 * or Whalley-Wilmott policy. It computes exactly what `runPathsGeneric` computes, with the same
 * floating-point operations in the same order, so the results are identical bit for bit
 * (tested): everything that depends only on the step (time to expiry, σ√τ, discount factors,
 * the band's e^(−rτ) factor) is tabulated once for all paths, and per step the loop does one
 * log and one exp for d1 and e^(−d1²/2), shared by the policy's delta and gamma (as
 * `bookDeltaGammaInto` does) and by the attribution's Greeks (as `blackScholesInto` does), plus
 * the band rule of `applyBand` inline: no objects, no calls through the policy.
 * Throws if the context is not one it handles (`fastPolicyOf` says which are).
 */
export function runPathsFast(
  ctx: BacktestContext,
  from: number,
  out: PathResults,
  { attribution = true }: { attribution?: boolean } = {},
): void {
  const policy = fastPolicyOf(ctx);
  if (!policy)
    throw new Error('runPathsFast: needs a one-option book and an interval, band or whalley-wilmott policy');
  const { book, market, costs, steps, timesYears, cashGrowth, hedgeYield, vol, rate, dividendYield } = ctx;
  const dt = ctx.dtYears;
  const strike = book.strike[0]!;
  const quantity = book.quantity[0]!;
  const isCall = book.isCall[0] === 1;
  const expiry = book.expiry[0]!;

  // Per-step tables, computed with the expressions the router's kernels use.
  const sd = new Float64Array(steps);
  const sqrtT = new Float64Array(steps);
  const driftTau = new Float64Array(steps);
  const qCarry = new Float64Array(steps); // quantity × e^(−qτ) as bookDeltaGammaInto forms it
  const carry = new Float64Array(steps); // e^(−qτ) as blackScholesInto forms it
  const strikePv = new Float64Array(steps);
  const bandFactor = new Float64Array(steps); // 3·e^(−r·horizon)·k of the Whalley-Wilmott band
  for (let i = 0; i < steps; i++) {
    const tau = expiry - timesYears[i]!;
    const root = Math.sqrt(tau);
    sqrtT[i] = root;
    sd[i] = vol * root;
    driftTau[i] = (rate - dividendYield) * tau;
    qCarry[i] = quantity * (dividendYield === 0 ? 1 : Math.exp(-dividendYield * tau));
    carry[i] = Math.exp(-dividendYield * tau);
    strikePv[i] = strike * Math.exp(-rate * tau);
    if (policy.kind === 'whalley-wilmott') {
      const horizon = book.lastExpiry - timesYears[i]!;
      bandFactor[i] = 3 * Math.exp(-rate * horizon) * policy.oneWayCost;
    }
  }
  const kind = policy.kind === 'interval' ? 0 : policy.kind === 'band' ? 1 : 2;
  const dueAfter = policy.kind === 'interval' ? policy.intervalYears * (1 - DUE_TOLERANCE) : 0;
  const fixedHalfWidth = policy.kind === 'band' ? policy.halfWidth : 0;
  const toCentre = policy.kind === 'band' && policy.toCentre;
  const twoGamma = policy.kind === 'whalley-wilmott' ? 2 * policy.riskAversion : 1;

  const proportional = costs.kind === 'proportional';
  const oneWay = costs.oneWay;
  const spots = new Float64Array(steps + 1);
  const ends: BookGreeks = { value: 0, delta: 0, gamma: 0, theta: 0 };
  const stageSums = new Float64Array(STAGES);
  for (let j = 0; j < out.count; j++) {
    market.fillPath(from + j, spots);
    stageSums.fill(0);
    bookValueAt(ends, book, spots[0]!, 0, vol, rate, dividendYield);
    const premium = ends.value;
    let cash = -premium;
    let hedge = 0;
    let last = Number.NEGATIVE_INFINITY;
    let paid = 0;
    let trades = 0;
    let units = 0;
    let deltaPnl = 0;
    let gammaPnl = 0;
    let thetaPnl = 0;
    let carryPnl = 0;
    let fees = 0;
    for (let i = 0; i < steps; i++) {
      const spot = spots[i]!;
      const sdi = sd[i]!;
      const d1 = (Math.log(spot / strike) + driftTau[i]!) / sdi + 0.5 * sdi;
      const e = Math.exp(-0.5 * d1 * d1);
      const n1 = normalCdfGivenExp(d1, e);
      const qc = qCarry[i]!;
      const policyDelta = qc * (isCall ? n1 : n1 - 1);

      // The policy's decision (createIntervalPolicy / applyBand, inline).
      let target: number;
      let scheduled = false;
      if (kind === 0) {
        if (timesYears[i]! - last >= dueAfter) {
          target = -policyDelta;
          scheduled = true;
        } else target = hedge;
      } else {
        let halfWidth = fixedHalfWidth;
        if (kind === 2) {
          const policyGamma = (qc * ONE_OVER_SQRT_TWO_PI * e) / (spot * sdi);
          halfWidth = Math.cbrt((bandFactor[i]! * spot * policyGamma * policyGamma) / twoGamma);
        }
        const centre = -policyDelta + 0;
        const lower = centre - halfWidth;
        const upper = centre + halfWidth;
        target =
          hedge < lower ? (toCentre ? centre : lower) : hedge > upper ? (toCentre ? centre : upper) : hedge;
      }
      const trade = target - hedge;
      if (trade !== 0) {
        const size = trade < 0 ? -trade : trade;
        let cost: number;
        if (proportional) {
          // proportionalCostModel's costUsd and addStages, inline (same expression).
          cost = oneWay * size * spot;
          fees += cost;
        } else {
          cost = costs.costUsd(trade, spot);
          costs.addStages(trade, spot, stageSums);
        }
        cash -= trade * spot + cost;
        paid += cost;
        trades++;
        units += size;
      }
      if (trade !== 0 || scheduled) last = timesYears[i]!;
      hedge = target;
      const carried = cash * cashGrowth + hedge * spot * hedgeYield;
      cash += carried;
      carryPnl += carried;

      if (!attribution) continue;
      // The attribution's Greeks, as blackScholesInto computes them.
      const ci = carry[i]!;
      const kPv = strikePv[i]!;
      const spotPv = spot * ci;
      const pdf = ONE_OVER_SQRT_TWO_PI * e;
      const decay = (-spotPv * pdf * vol) / (2 * sqrtT[i]!);
      const e2 = (e * spotPv) / kPv;
      const gamma = quantity * ((ci * pdf) / (spot * sdi));
      let delta: number;
      let theta: number;
      if (isCall) {
        const n2 = normalCdfGivenExp(d1 - sdi, e2);
        delta = quantity * (ci * n1);
        theta = quantity * (decay - rate * kPv * n2 + dividendYield * spotPv * n1);
      } else {
        const m1 = normalCdfGivenExp(-d1, e);
        const m2 = normalCdfGivenExp(-(d1 - sdi), e2);
        delta = quantity * (-ci * m1);
        theta = quantity * (decay + rate * kPv * m2 - dividendYield * spotPv * m1);
      }
      const dS = spots[i + 1]! - spot;
      deltaPnl += (delta + hedge) * dS;
      gammaPnl += 0.5 * gamma * dS * dS;
      thetaPnl += theta * dt;
    }
    bookValueAt(ends, book, spots[steps]!, timesYears[steps]!, vol, rate, dividendYield);
    const pnl = cash + hedge * spots[steps]! + ends.value;
    out.pnl[j] = pnl;
    out.costs[j] = paid;
    out.trades[j] = trades;
    out.unitsTraded[j] = units;
    out.delta[j] = deltaPnl;
    out.gamma[j] = gammaPnl;
    out.theta[j] = thetaPnl;
    out.carry[j] = carryPnl;
    // Without attribution the Greeks' parts are NaN, not a misleading 0.
    out.residual[j] = attribution ? pnl - (deltaPnl + gammaPnl + thetaPnl + carryPnl - paid) : Number.NaN;
    if (!attribution) out.delta[j] = out.gamma[j] = out.theta[j] = Number.NaN;
    out.premium[j] = premium;
    if (proportional) stageSums[1] = fees;
    out.stages.set(stageSums, j * STAGES);
  }
}
