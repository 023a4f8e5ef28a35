import type { BacktestContext } from './backtestContext.js';
import { type BookGreeks, bookValueAt } from './bookValueAt.js';
import { backtestCostStages } from './costModel.js';
import { normalCdfInto, normalCdfPdfInto } from './normalCdfTable.js';
import type { PathResults } from './pathResults.js';

const STAGES = backtestCostStages.length;
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

// Paths run in blocks: the hedge loop goes step by step across a block of paths, in three short
// loops per step (the deltas, the policy and cash, the attribution). One path's step is a long
// chain of dependent operations (table look-up, polynomial, policy, cash); across a block the
// iterations are independent, so the CPU can overlap them, and each step's constants are
// loaded once per block. (Measured on a shared 2-core VM: a few percent over a path-by-path
// loop, within the noise; the branch-free |x| and the table/exp kernels were the large gains.)
const BLOCK = 32;

/**
 * The specialised loop for the common case: a one-option book under the interval, fixed-band
 * or Whalley-Wilmott policy. It computes what `runPathsGeneric` computes (the same trades, costs,
 * carry and attribution, step for step) with the per-step work cut to the bone, which makes it
 * agree with the generic loop to ~1e-15 of the notional rather than bit for bit (tested):
 * - everything that depends only on the step (1/(σ√τ), σ√τ/2, (r − q)τ, e^(−qτ), r·K·e^(−rτ),
 *   the theta and gamma factors, the band's e^(−r·horizon) factor) is tabulated once;
 * - ln(S/K) is the market's running log spot minus ln K (`fillPath`'s `logOut`): no Math.log;
 * - N(d1) and n(d1) (and N(d2) for the attribution) come from one look-up each in a piecewise
 *   Taylor table (`normalCdfTable`, rounding-level absolute error): no exp, no erfc;
 * - the policy rule (interval, or `applyBand`'s band) is inline, the state of a block of paths
 *   lives in Float64Arrays, and nothing is allocated per path or per step;
 * - paths run BLOCK at a time, step-major inside the block (see BLOCK).
 * The book's value at t = 0 (the premium) and at the horizon use the router's exact BSM kernel.
 * Throws if the context is not one it handles (`fastPolicyOf` says which are).
 */
export function runPathsFast(
  ctx: BacktestContext,
  from: number,
  out: PathResults,
  { attribution = true }: { attribution?: boolean } = {},
): void {
  const policy = fastPolicyOf(ctx);
  // Callers pick this path by fastPolicyOf: a context it does not handle is the caller's bug.
  if (!policy)
    throw new Error('runPathsFast: needs a one-option book and an interval, band or whalley-wilmott policy');
  const { book, market, costs, steps, timesYears, cashGrowth, hedgeYield, vol, rate, dividendYield } = ctx;
  const dt = ctx.dtYears;
  const strike = book.strike[0]!;
  const quantity = book.quantity[0]!;
  const isCall = book.isCall[0] === 1;
  const expiry = book.expiry[0]!;
  const logStrike = Math.log(strike);

  // Per-step tables (τ = expiry − t_i > 0 at every hedging step: expiry ≥ the horizon).
  const invSd = new Float64Array(steps); // 1/(σ√τ)
  const shift = new Float64Array(steps); // ((r − q)τ − ln K)/(σ√τ) + σ√τ/2: d1 = ln S/(σ√τ) + that
  const sd = new Float64Array(steps); // σ√τ
  const qCarry = new Float64Array(steps); // quantity·e^(−qτ): the position's delta per N(d1)
  const gammaFactor = new Float64Array(steps); // quantity·e^(−qτ)/(σ√τ): Γ = that·n(d1)/S
  const decayFactor = new Float64Array(steps); // −quantity·e^(−qτ)·σ/(2√τ): θ's decay = that·S·n(d1)
  const rateStrikePv = new Float64Array(steps); // quantity·r·K·e^(−rτ)
  const yieldCarry = new Float64Array(steps); // quantity·q·e^(−qτ)
  const bandFactor = new Float64Array(steps); // 3·e^(−r·horizon)·k of the Whalley-Wilmott band
  for (let i = 0; i < steps; i++) {
    const tau = expiry - timesYears[i]!;
    const root = Math.sqrt(tau);
    const sdi = vol * root;
    const ci = Math.exp(-dividendYield * tau);
    sd[i] = sdi;
    invSd[i] = 1 / sdi;
    shift[i] = ((rate - dividendYield) * tau - logStrike) / sdi + 0.5 * sdi;
    qCarry[i] = quantity * ci;
    gammaFactor[i] = (quantity * ci) / sdi;
    decayFactor[i] = (-quantity * ci * vol) / (2 * root);
    rateStrikePv[i] = quantity * rate * strike * Math.exp(-rate * tau);
    yieldCarry[i] = quantity * dividendYield * ci;
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

  // A block's paths (path-major: path b at b·(steps + 1)) and its per-path state.
  const row = steps + 1;
  const spots = new Float64Array(BLOCK * row);
  const logs = new Float64Array(BLOCK * row);
  const spotRows: Float64Array[] = [];
  const logRows: Float64Array[] = [];
  const stageRows: Float64Array[] = [];
  const stages = new Float64Array(BLOCK * STAGES);
  // The same block step-major (step i of path b at i·BLOCK + b): the step loops read it in order.
  const spotsByStep = new Float64Array(BLOCK * row);
  const logsByStep = new Float64Array(BLOCK * row);
  for (let b = 0; b < BLOCK; b++) {
    spotRows.push(spots.subarray(b * row, (b + 1) * row));
    logRows.push(logs.subarray(b * row, (b + 1) * row));
    stageRows.push(stages.subarray(b * STAGES, (b + 1) * STAGES));
  }
  const premium = new Float64Array(BLOCK);
  const cash = new Float64Array(BLOCK);
  const hedges = new Float64Array(BLOCK);
  const last = new Float64Array(BLOCK);
  const paid = new Float64Array(BLOCK);
  const trades = new Float64Array(BLOCK);
  const units = new Float64Array(BLOCK);
  const deltaPnl = new Float64Array(BLOCK);
  const gammaPnl = new Float64Array(BLOCK);
  const thetaPnl = new Float64Array(BLOCK);
  const carryPnl = new Float64Array(BLOCK);
  const d1s = new Float64Array(BLOCK);
  const n1s = new Float64Array(BLOCK); // N(d1)
  const pdfs = new Float64Array(BLOCK); // n(d1)
  const n2s = new Float64Array(BLOCK); // N(d2)
  const ends: BookGreeks = { value: 0, delta: 0, gamma: 0, theta: 0 };
  let premiumSpot = Number.NaN;
  let premiumValue = 0;

  for (let first = 0; first < out.count; first += BLOCK) {
    const n = Math.min(BLOCK, out.count - first);
    for (let b = 0; b < n; b++) {
      market.fillPath(from + first + b, spotRows[b]!, logRows[b]!);
      // Simulated paths all start at the scenario's spot: value the book once per starting spot.
      const start = spots[b * row]!;
      if (start !== premiumSpot) {
        bookValueAt(ends, book, start, 0, vol, rate, dividendYield);
        premiumSpot = start;
        premiumValue = ends.value;
      }
      premium[b] = premiumValue;
      cash[b] = -premiumValue;
    }
    for (let i = 0; i <= steps; i++)
      for (let b = 0; b < n; b++) {
        spotsByStep[i * BLOCK + b] = spots[b * row + i]!;
        logsByStep[i * BLOCK + b] = logs[b * row + i]!;
      }
    hedges.fill(0);
    last.fill(Number.NEGATIVE_INFINITY);
    paid.fill(0);
    trades.fill(0);
    units.fill(0);
    deltaPnl.fill(0);
    gammaPnl.fill(0);
    thetaPnl.fill(0);
    carryPnl.fill(0);
    stages.fill(0);

    for (let i = 0; i < steps; i++) {
      const t = timesYears[i]!;
      const inv = invSd[i]!;
      const sh = shift[i]!;
      const qc = qCarry[i]!;
      const gf = gammaFactor[i]!;
      const sdi = sd[i]!;
      const df = decayFactor[i]!;
      const rk = rateStrikePv[i]!;
      const yc = yieldCarry[i]!;
      const bf = bandFactor[i]!;
      for (let b = 0; b < n; b++) d1s[b] = logsByStep[i * BLOCK + b]! * inv + sh;
      normalCdfPdfInto(d1s, n, n1s, pdfs);

      for (let b = 0; b < n; b++) {
        const spot = spotsByStep[i * BLOCK + b]!;
        const n1 = n1s[b]!;
        const positionDelta = qc * (isCall ? n1 : n1 - 1);
        const hedge = hedges[b]!;
        // The policy's decision (createIntervalPolicy / applyBand, inline).
        let target: number;
        let scheduled = false;
        if (kind === 0) {
          if (t - last[b]! >= dueAfter) {
            target = -positionDelta;
            scheduled = true;
          } else target = hedge;
        } else {
          let halfWidth = fixedHalfWidth;
          if (kind === 2) {
            const gamma = (gf * pdfs[b]!) / spot;
            halfWidth = Math.cbrt((bf * spot * gamma * gamma) / twoGamma);
          }
          const centre = -positionDelta + 0;
          const lower = centre - halfWidth;
          const upper = centre + halfWidth;
          target =
            hedge < lower ? (toCentre ? centre : lower) : hedge > upper ? (toCentre ? centre : upper) : hedge;
        }
        const trade = target - hedge;
        let c = cash[b]!;
        if (trade !== 0) {
          const size = Math.abs(trade); // branch-free: the trade's sign is a coin flip
          let cost: number;
          if (proportional) {
            // proportionalCostModel's costUsd, inline; its only stage, fees, is `paid` (set below).
            cost = oneWay * size * spot;
          } else {
            cost = costs.costUsd(trade, spot);
            costs.addStages(trade, spot, stageRows[b]!);
          }
          c -= trade * spot + cost;
          paid[b]! += cost;
          trades[b]! += 1;
          units[b]! += size;
        }
        if (trade !== 0 || scheduled) last[b] = t;
        hedges[b] = target;
        const carried = c * cashGrowth + target * spot * hedgeYield;
        cash[b] = c + carried;
        carryPnl[b]! += carried;
      }

      if (!attribution) continue;
      // The attribution's Greeks (blackScholesInto's formulas, times the quantity) at d1.
      normalCdfInto(d1s, sdi, n, n2s); // N(d2), d2 = d1 − σ√τ
      for (let b = 0; b < n; b++) {
        const at = i * BLOCK + b;
        const spot = spotsByStep[at]!;
        const n1 = n1s[b]!;
        const pdf = pdfs[b]!;
        const n2 = n2s[b]!;
        const decay = df * spot * pdf;
        const gamma = (gf * pdf) / spot;
        let delta: number;
        let theta: number;
        if (isCall) {
          delta = qc * n1;
          theta = decay - rk * n2 + yc * spot * n1;
        } else {
          delta = qc * (n1 - 1);
          theta = decay + rk * (1 - n2) - yc * spot * (1 - n1);
        }
        const dS = spotsByStep[at + BLOCK]! - spot;
        deltaPnl[b]! += (delta + hedges[b]!) * dS;
        gammaPnl[b]! += 0.5 * gamma * dS * dS;
        thetaPnl[b]! += theta * dt;
      }
    }

    for (let b = 0; b < n; b++) {
      const j = first + b;
      const end = spots[b * row + steps]!;
      bookValueAt(ends, book, end, timesYears[steps]!, vol, rate, dividendYield);
      const pnl = cash[b]! + hedges[b]! * end + ends.value;
      out.pnl[j] = pnl;
      out.costs[j] = paid[b]!;
      out.trades[j] = trades[b]!;
      out.unitsTraded[j] = units[b]!;
      out.premium[j] = premium[b]!;
      out.carry[j] = carryPnl[b]!;
      if (attribution) {
        out.delta[j] = deltaPnl[b]!;
        out.gamma[j] = gammaPnl[b]!;
        out.theta[j] = thetaPnl[b]!;
        out.residual[j] = pnl - (deltaPnl[b]! + gammaPnl[b]! + thetaPnl[b]! + carryPnl[b]! - paid[b]!);
      } else {
        // Without attribution the Greeks' parts are NaN, not a misleading 0.
        out.delta[j] = out.gamma[j] = out.theta[j] = out.residual[j] = Number.NaN;
      }
      if (proportional) stages[b * STAGES + 1] = paid[b]!;
      for (let s = 0; s < STAGES; s++) out.stages[j * STAGES + s] = stages[b * STAGES + s]!;
    }
  }
}
