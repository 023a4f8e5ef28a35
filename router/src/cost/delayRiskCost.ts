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

// Φ via the complementary error function (Numerical Recipes erfc, |error| < 1.2e-7): enough for a probability of revert.
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}
