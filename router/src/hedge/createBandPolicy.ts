import { requireNonNegative } from '../options/assertInputs.js';
import { bookDeltaGammaInto, createBookDeltaGamma } from '../options/bookDeltaGammaInto.js';
import type { OptionBook } from '../options/createBook.js';
import { applyBand } from './applyBand.js';
import type { HedgePolicy } from './types.js';

export type CreateBandPolicyParameters = {
  book: OptionBook;
  /** Half-width of the no-trade band around the delta-neutral hedge, units of the underlying. */
  halfWidth: number;
  /** Where a trade goes once the hedge leaves the band. Default 'edge'. */
  tradeTo?: 'edge' | 'centre';
};

/** A fixed delta band: hold while |hedge + book delta| ≤ halfWidth, else trade to the edge (or centre). */
export function createBandPolicy({
  book,
  halfWidth,
  tradeTo = 'edge',
}: CreateBandPolicyParameters): HedgePolicy {
  requireNonNegative(halfWidth, 'halfWidth');
  const toCentre = tradeTo === 'centre';
  const greeks = createBookDeltaGamma();
  return {
    kind: 'band',
    book,
    decide(state, out) {
      bookDeltaGammaInto(
        greeks,
        book,
        state.spot,
        state.timeYears,
        state.vol,
        state.vol,
        state.rate,
        state.dividendYield,
      );
      out.bookDelta = greeks.delta;
      out.bookGamma = greeks.gamma;
      return applyBand(out, state.hedge, -greeks.delta, halfWidth, toCentre);
    },
  };
}
