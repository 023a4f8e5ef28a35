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
 * A band that follows live inputs: half-width H = (3 e^(−rτ) c Γ_f² / (2γ))^(1/3), the
 * Whalley-Wilmott optimum with the router's live cost per unit c (`state.costPerUnit`, USD,
 * so gas and impact count, not only a fixed bps fee) and the book's gamma Γ_f at the forecast
 * vol (`state.forecastVol`), clamped to [minHalfWidth, maxHalfWidth]. A cheap venue narrows
 * the band as c^(1/3); a rising vol forecast lowers near-the-money gamma and widens it less
 * than proportionally (in the diffusion approximation σ cancels except through Γ: turnover
 * and residual variance both scale with σ²). The centre is minus the book's delta at
 * `state.vol`.
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
