import type { OptionBook } from '../options/createBook.js';

/**
 * What a hedge policy sees at one decision time. Plain numbers, so a backtester can keep one
 * object per worker and overwrite its fields each step (nothing allocated per decision).
 */
export type HedgeState = {
  /** Spot, USD per unit of the underlying. */
  spot: number;
  /** Current hedge, units of the underlying held (negative = short). */
  hedge: number;
  /** Now, in years on the book's clock (see `OptionPosition.expiry`). */
  timeYears: number;
  /** When the hedge last traded, years on the same clock; −Infinity if never. */
  lastRebalanceYears: number;
  /** Annualised vol the book's deltas are computed at (implied, or the hedger's choice). */
  vol: number;
  /** Annualised forecast of realised vol (EWMA, GARCH, HAR); used by the adaptive band. */
  forecastVol: number;
  /** Continuously compounded rate, per year. */
  rate: number;
  /** Continuous dividend / funding yield of the underlying, per year. */
  dividendYield: number;
  /**
   * Live one-way cost of trading one unit of the underlying now, USD per unit (fees, impact,
   * gas and MEV leakage from the router's quote, divided by the size). Used by the adaptive
   * band; the textbook bands take a fixed proportional cost as a policy parameter instead.
   */
  costPerUnit: number;
};

/** Why a policy decided what it did (stable numeric codes; `hedgeReasonText` has the words). */
export const HedgeReason = {
  /** The hedge is inside the no-trade band: hold. */
  insideBand: 0,
  /** Outside the band: trade to its nearest edge. */
  toEdge: 1,
  /** Outside the band: trade to its centre. */
  toCentre: 2,
  /** A scheduled rebalance is due: trade to the target delta. */
  scheduled: 3,
  /** No rebalance is due yet: hold. */
  notDue: 4,
} as const;
export type HedgeReason = (typeof HedgeReason)[keyof typeof HedgeReason];

/**
 * A policy's answer, written into a caller-owned object. Hedge amounts are units of the
 * underlying. The band is where the hedge may sit without trading; `centre` is the policy's
 * ideal hedge (minus the book's delta at the policy's vol).
 */
export type HedgeDecision = {
  /** The hedge to hold after this decision. */
  target: number;
  /** target − current hedge: positive buys, negative sells, 0 holds. */
  trade: number;
  lower: number;
  upper: number;
  centre: number;
  /** The book's delta (units) and gamma (units per USD) the policy used. */
  bookDelta: number;
  bookGamma: number;
  reason: HedgeReason;
};

export type HedgePolicyKind = 'interval' | 'band' | 'whalley-wilmott' | 'zakamouline' | 'leland' | 'adaptive';

/**
 * The one shape of every hedge policy: state in, decision out. `decide` is the hot path
 * (unchecked, allocation-free, returns `out`); the API wraps it with `planHedge`, which
 * validates the state and explains the decision in words.
 */
export type HedgePolicy = {
  readonly kind: HedgePolicyKind;
  readonly book: OptionBook;
  decide(state: HedgeState, out: HedgeDecision): HedgeDecision;
};

/** A fresh decision object to reuse as `out`. */
export function createHedgeDecision(): HedgeDecision {
  return {
    target: 0,
    trade: 0,
    lower: 0,
    upper: 0,
    centre: 0,
    bookDelta: 0,
    bookGamma: 0,
    reason: HedgeReason.insideBand,
  };
}
