import { normalCdf } from '../options/normalCdf.js';
import { SECONDS_PER_YEAR } from '../units/time.js';

export type DelayRiskCostParameters = {
  /** Notional of the unhedged position, buy-token base units (size · S). */
  notionalInBuy: number;
  /** Annualised volatility σ. */
  annualVolatility: number;
  /** Seconds the position stays unhedged. */
  seconds: number;
  /** λ per buy-token base unit. */
  riskAversionPerBuyUnit: number;
};

/**
 * The cost of staying unhedged for `seconds`: λ·(notional·σ)²·τ (Almgren and Chriss 2000), τ in
 * years, in buy-token base units as a float.
 */
export function delayRiskCost({
  notionalInBuy,
  annualVolatility,
  seconds,
  riskAversionPerBuyUnit,
}: DelayRiskCostParameters): number {
  const sd = notionalInBuy * annualVolatility;
  return riskAversionPerBuyUnit * sd * sd * (seconds / SECONDS_PER_YEAR);
}

/** P(a price move over `seconds` at annual vol σ stays within `tolerance` adversely): Φ(tol / (σ√τ)). */
export function probabilityWithinTolerance({
  tolerance,
  annualVolatility,
  seconds,
}: {
  tolerance: number;
  annualVolatility: number;
  seconds: number;
}): number {
  const sd = annualVolatility * Math.sqrt(seconds / SECONDS_PER_YEAR);
  if (sd <= 0) return tolerance >= 0 ? 1 : 0;
  return normalCdf(tolerance / sd);
}
