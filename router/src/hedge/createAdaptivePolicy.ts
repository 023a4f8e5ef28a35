import { HedgeRouterError } from '../errors/index.js';
import { requireNonNegative, requirePositive } from '../options/assertInputs.js';
import { bookDeltaGammaInto, createBookDeltaGamma } from '../options/bookDeltaGammaInto.js';
import type { OptionBook } from '../options/createBook.js';
import { applyBand } from './applyBand.js';
import type { HedgePolicy } from './types.js';
import { whalleyWilmottHalfWidth } from './whalleyWilmottBand.js';

export type CreateAdaptivePolicyParameters = {
  book: OptionBook;
  /** Exponential-utility risk aversion γ, per USD. */
  riskAversion: number;
  /** Floor of the half-width, units of the underlying (e.g. the venue's minimum trade). Default 0. */
  minHalfWidth?: number;
  /** Cap of the half-width, units of the underlying (a risk limit). Default unbounded. */
  maxHalfWidth?: number;
  /** Where a trade goes once the hedge leaves the band. Default 'edge'. */
  tradeTo?: 'edge' | 'centre';
};

/**
 * A band that follows live inputs: half-width H = (3 e^(−rτ) c Γ_f² / (2γ))^(1/3), units of the
 * underlying: the Whalley-Wilmott optimum (`whalleyWilmottHalfWidth` with one-way cost c/S)
 * with the router's live cost per unit c (`state.costPerUnit`, USD per unit, so gas and impact
 * count, not only a fixed bps fee), τ the time to the book's last expiry, and the book's gamma
 * Γ_f (units per USD) at the forecast vol (`state.forecastVol`), clamped to
 * [minHalfWidth, maxHalfWidth].
 *
 * - Cost: H ∝ c^(1/3), so a venue 8× cheaper gives a band half as wide.
 * - Forecast vol: σ enters only through Γ_f (in the asymptotic trade-off the turnover cost and
 *   the residual variance both scale with σ², so σ cancels), and H ∝ |Γ_f|^(2/3). For one
 *   option ∂ln Γ/∂σ = (d1·d2 − 1)/σ, so near the money (d1·d2 < 1) a higher forecast LOWERS
 *   gamma and NARROWS the band (at the money roughly as σ^(−2/3)); far from the money
 *   (d1·d2 > 1) it raises gamma and widens the band. For a book it is the sum of its gammas.
 *   The reasoning: more vol smears the option's convexity over a wider range of spot, so
 *   near the strike the delta moves less per dollar and needs less room; the variance a band
 *   of width H leaves grows with σ² but so does the cost of keeping it narrow.
 *
 * The centre is minus the book's delta at `state.vol` (the forecast moves the width only).
 */
export function createAdaptivePolicy({
  book,
  riskAversion,
  minHalfWidth = 0,
  maxHalfWidth = Number.POSITIVE_INFINITY,
  tradeTo = 'edge',
}: CreateAdaptivePolicyParameters): HedgePolicy {
  requirePositive(riskAversion, 'riskAversion');
  requireNonNegative(minHalfWidth, 'minHalfWidth');
  if (!(maxHalfWidth >= minHalfWidth)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'must be ≥ minHalfWidth',
      field: 'maxHalfWidth',
      details: { minHalfWidth, maxHalfWidth },
    });
  }
  const toCentre = tradeTo === 'centre';
  const greeks = createBookDeltaGamma();
  return {
    kind: 'adaptive',
    book,
    decide(state, out) {
      const { spot, timeYears, vol, forecastVol, rate, dividendYield } = state;
      bookDeltaGammaInto(greeks, book, spot, timeYears, forecastVol, forecastVol, rate, dividendYield);
      const forecastGamma = greeks.gamma;
      if (forecastVol !== vol)
        bookDeltaGammaInto(greeks, book, spot, timeYears, vol, vol, rate, dividendYield);
      const horizon = book.lastExpiry - timeYears;
      let halfWidth = 0;
      if (horizon > 0) {
        const optimal = whalleyWilmottHalfWidth(
          forecastGamma,
          spot,
          state.costPerUnit / spot,
          riskAversion,
          rate,
          horizon,
        );
        halfWidth = Math.min(Math.max(optimal, minHalfWidth), maxHalfWidth);
      }
      out.bookDelta = greeks.delta;
      out.bookGamma = forecastGamma;
      return applyBand(out, state.hedge, -greeks.delta, halfWidth, toCentre);
    },
  };
}
