import { requireFinite, requireNonNegative, requirePositive } from '../options/assertInputs.js';

export type ZakamoulineBandParameters = {
  /** Gamma of the position, units per USD; negative for a short-gamma position. */
  gamma: number;
  /** Spot, USD per unit. */
  spot: number;
  /** Annualised vol. */
  vol: number;
  /** Proportional cost λ, fraction of notional (0.001 = 10 bps). */
  oneWayCost: number;
  /** Exponential-utility risk aversion γ, per USD. */
  riskAversion: number;
  /** Continuously compounded rate, per year. */
  rate: number;
  /** Time to expiry T − t, years, > 0. */
  timeToExpiry: number;
};

export type ZakamoulineBand = {
  /** H0 + H1, units of the underlying. */
  halfWidth: number;
  /** The vol at which the band's centre delta is computed: σ_m = σ√(1 ∓ K), floored at 0. */
  adjustedVol: number;
};

/**
 * Zakamouline (2006) fitted band under proportional costs: H0 = λ/(γSσ²τ),
 * H1 = 1.12 λ^0.31 τ^0.05 (e^(−rτ)/σ)^0.25 (|Γ|/γ)^0.5,
 * K = −4.76 λ^0.78 τ^(−0.02) (e^(−rτ)/σ)^0.25 (γS²|Γ|)^0.15, and the centre delta at
 * σ_m² = σ²(1 − K) for a short-gamma position, σ²(1 + K) for a long one. Unchecked kernel.
 */
export function zakamoulineBandInto(
  out: ZakamoulineBand,
  gamma: number,
  spot: number,
  vol: number,
  oneWayCost: number,
  riskAversion: number,
  rate: number,
  timeToExpiry: number,
): ZakamoulineBand {
  const absGamma = Math.abs(gamma);
  const scale = (Math.exp(-rate * timeToExpiry) / vol) ** 0.25;
  const h0 = oneWayCost / (riskAversion * spot * vol * vol * timeToExpiry);
  const h1 = 1.12 * oneWayCost ** 0.31 * timeToExpiry ** 0.05 * scale * Math.sqrt(absGamma / riskAversion);
  const k =
    -4.76 *
    oneWayCost ** 0.78 *
    timeToExpiry ** -0.02 *
    scale *
    (riskAversion * spot * spot * absGamma) ** 0.15;
  const factor = gamma < 0 ? 1 - k : 1 + k;
  out.halfWidth = h0 + h1;
  out.adjustedVol = factor > 0 ? vol * Math.sqrt(factor) : 0;
  return out;
}

/** Validated Zakamouline band: half-width (units of the underlying) and the adjusted vol. */
export function zakamoulineBand(params: ZakamoulineBandParameters): ZakamoulineBand {
  return zakamoulineBandInto(
    { halfWidth: 0, adjustedVol: 0 },
    requireFinite(params.gamma, 'gamma'),
    requirePositive(params.spot, 'spot'),
    requirePositive(params.vol, 'vol'),
    requireNonNegative(params.oneWayCost, 'oneWayCost'),
    requirePositive(params.riskAversion, 'riskAversion'),
    requireFinite(params.rate, 'rate'),
    requirePositive(params.timeToExpiry, 'timeToExpiry'),
  );
}
