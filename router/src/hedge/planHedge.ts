import { HedgeRouterError } from '../errors/index.js';
import { requireFinite, requireNonNegative, requirePositive } from '../options/assertInputs.js';
import {
  createHedgeDecision,
  type HedgePolicy,
  type HedgePolicyKind,
  HedgeReason,
  type HedgeState,
} from './types.js';

export type PlanHedgeParameters = {
  policy: HedgePolicy;
  /** The state; `lastRebalanceYears` defaults to −Infinity, `forecastVol` to `vol`, `costPerUnit` to 0. */
  state: Omit<HedgeState, 'lastRebalanceYears' | 'forecastVol' | 'costPerUnit'> &
    Partial<Pick<HedgeState, 'lastRebalanceYears' | 'forecastVol' | 'costPerUnit'>>;
};

/** A policy's decision for people and JSON: every amount in units of the underlying. */
export type HedgePlan = {
  policy: HedgePolicyKind;
  currentHedge: number;
  targetHedge: number;
  /** targetHedge − currentHedge: buy if positive, sell if negative. */
  trade: number;
  side: 'buy' | 'sell' | 'hold';
  band: { lower: number; upper: number; centre: number };
  /** The book's delta (units) and gamma (units per USD) the policy used. */
  bookDelta: number;
  bookGamma: number;
  /** Book delta + target hedge: the net delta left after the trade. */
  netDeltaAfter: number;
  reasonCode: HedgeReason;
  reason: string;
};

const fmt = (x: number) =>
  Math.abs(x) >= 1e-4 || x === 0 ? Number(x.toPrecision(6)).toString() : x.toExponential(3);

/** The words for a decision (what `planHedge` puts in `reason`). */
export function hedgeReasonText(
  d: {
    reason: HedgeReason;
    target: number;
    trade: number;
    lower: number;
    upper: number;
    centre: number;
  },
  currentHedge: number,
): string {
  const band = `[${fmt(d.lower)}, ${fmt(d.upper)}]`;
  const move = `${d.trade > 0 ? 'buy' : 'sell'} ${fmt(Math.abs(d.trade))}`;
  switch (d.reason) {
    case HedgeReason.insideBand:
      return `hedge ${fmt(currentHedge)} is inside the no-trade band ${band}: hold`;
    case HedgeReason.toEdge:
      return `hedge ${fmt(currentHedge)} is ${currentHedge < d.lower ? 'below' : 'above'} the band ${band}: ${move} to its nearest edge ${fmt(d.target)}`;
    case HedgeReason.toCentre:
      return `hedge ${fmt(currentHedge)} is outside the band ${band}: ${move} to its centre ${fmt(d.centre)}`;
    case HedgeReason.scheduled:
      return d.trade === 0
        ? `scheduled rebalance: already at the target ${fmt(d.target)}`
        : `scheduled rebalance: ${move} to the target ${fmt(d.target)}`;
    case HedgeReason.notDue:
      return `no rebalance due yet: hold ${fmt(currentHedge)} (target at the next one would be ${fmt(d.centre)})`;
  }
}

/**
 * Runs a policy once for the API: validates the state (throwing NON_FINITE_INPUT /
 * INVALID_INPUT with the field, e.g. `state.spot`), decides, and returns a `HedgePlan` with
 * the target, the band, the trade and the reason in words. The backtester calls
 * `policy.decide` directly instead; both run the same code.
 */
export function planHedge({ policy, state }: PlanHedgeParameters): HedgePlan {
  const full: HedgeState = {
    spot: requirePositive(state.spot, 'state.spot'),
    hedge: requireFinite(state.hedge, 'state.hedge'),
    timeYears: requireFinite(state.timeYears, 'state.timeYears'),
    lastRebalanceYears: state.lastRebalanceYears ?? Number.NEGATIVE_INFINITY,
    vol: requireNonNegative(state.vol, 'state.vol'),
    forecastVol: requireNonNegative(state.forecastVol ?? state.vol, 'state.forecastVol'),
    rate: requireFinite(state.rate, 'state.rate'),
    dividendYield: requireFinite(state.dividendYield, 'state.dividendYield'),
    costPerUnit: requireNonNegative(state.costPerUnit ?? 0, 'state.costPerUnit'),
  };
  if (Number.isNaN(full.lastRebalanceYears) || full.lastRebalanceYears === Number.POSITIVE_INFINITY) {
    throw new HedgeRouterError('NON_FINITE_INPUT', {
      shortMessage: 'must be a time in years or −Infinity (never rebalanced)',
      field: 'state.lastRebalanceYears',
    });
  }
  const d = policy.decide(full, createHedgeDecision());
  return {
    policy: policy.kind,
    currentHedge: full.hedge,
    targetHedge: d.target,
    trade: d.trade,
    side: d.trade > 0 ? 'buy' : d.trade < 0 ? 'sell' : 'hold',
    band: { lower: d.lower, upper: d.upper, centre: d.centre },
    bookDelta: d.bookDelta,
    bookGamma: d.bookGamma,
    netDeltaAfter: d.bookDelta + d.target,
    reasonCode: d.reason,
    reason: hedgeReasonText(d, full.hedge),
  };
}
