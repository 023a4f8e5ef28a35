import { requireNonNegative, requirePositive } from '../options/assertInputs.js';
import { bookDeltaGammaInto, createBookDeltaGamma } from '../options/bookDeltaGammaInto.js';
import type { OptionBook } from '../options/createBook.js';
import { applyBand } from './applyBand.js';
import type { HedgePolicy } from './types.js';
import { type ZakamoulineBand, zakamoulineBandInto } from './zakamoulineBand.js';

export type CreateZakamoulinePolicyParameters = {
  book: OptionBook;
  /** Exponential-utility risk aversion γ, per USD. */
  riskAversion: number;
  /** Proportional cost λ, fraction of notional. */
  oneWayCost: number;
};

/**
 * Zakamouline's band: the book's net gamma at `state.vol` sets H0 + H1 and the vol
 * adjustment (short or long by the sign of the net gamma); the centre is minus the book's
 * delta at the adjusted vol; trades go to the nearest edge.
 */
export function createZakamoulinePolicy({
  book,
  riskAversion,
  oneWayCost,
}: CreateZakamoulinePolicyParameters): HedgePolicy {
  requirePositive(riskAversion, 'riskAversion');
  requireNonNegative(oneWayCost, 'oneWayCost');
  const greeks = createBookDeltaGamma();
  const band: ZakamoulineBand = { halfWidth: 0, adjustedVol: 0 };
  return {
    kind: 'zakamouline',
    book,
    decide(state, out) {
      const { spot, timeYears, vol, rate, dividendYield } = state;
      bookDeltaGammaInto(greeks, book, spot, timeYears, vol, vol, rate, dividendYield);
      out.bookGamma = greeks.gamma;
      const horizon = book.lastExpiry - timeYears;
      if (!(horizon > 0) || !(vol > 0)) {
        out.bookDelta = greeks.delta;
        return applyBand(out, state.hedge, -greeks.delta, 0, false);
      }
      zakamoulineBandInto(band, greeks.gamma, spot, vol, oneWayCost, riskAversion, rate, horizon);
      bookDeltaGammaInto(
        greeks,
        book,
        spot,
        timeYears,
        band.adjustedVol,
        band.adjustedVol,
        rate,
        dividendYield,
      );
      out.bookDelta = greeks.delta;
      return applyBand(out, state.hedge, -greeks.delta, band.halfWidth, false);
    },
  };
}
