import { requireFinite, requireNonNegative, requirePositive } from '../options/assertInputs.js';

export type WhalleyWilmottBandParameters = {
  /** Gamma of the position being hedged, units of the underlying per USD (sign ignored). */
  gamma: number;
  /** Spot, USD per unit. */
  spot: number;
  /** One-way proportional cost, a fraction of notional (0.001 = 10 bps). */
  oneWayCost: number;
  /** Exponential-utility risk aversion γ, per USD. */
  riskAversion: number;
  /** Continuously compounded rate, per year. */
  rate: number;
  /** Time to expiry, years. */
  timeToExpiry: number;
};

/**
 * Whalley and Wilmott (1997) asymptotic no-trade band: the hedge may sit within ±H of the
 * BSM delta, H = (3 e^(−r(T−t)) k S Γ² / (2γ))^(1/3), in units of the underlying. It is the
 * band that minimises cost + (γ/2)·variance for a delta diffusing at |Γ|Sσ (the σ cancels).
 * Unchecked kernel: `whalleyWilmottBand` validates and calls it.
 */
export function whalleyWilmottHalfWidth(
  gamma: number,
  spot: number,
  oneWayCost: number,
  riskAversion: number,
  rate: number,
  timeToExpiry: number,
): number {
  return Math.cbrt(
    (3 * Math.exp(-rate * timeToExpiry) * oneWayCost * spot * gamma * gamma) / (2 * riskAversion),
  );
}

/** Validated `whalleyWilmottHalfWidth`: the half-width H in units of the underlying. */
export function whalleyWilmottBand(params: WhalleyWilmottBandParameters): number {
  return whalleyWilmottHalfWidth(
    requireFinite(params.gamma, 'gamma'),
    requirePositive(params.spot, 'spot'),
    requireNonNegative(params.oneWayCost, 'oneWayCost'),
    requirePositive(params.riskAversion, 'riskAversion'),
    requireFinite(params.rate, 'rate'),
    requireNonNegative(params.timeToExpiry, 'timeToExpiry'),
  );
}
