import { requireNonNegative, requirePositive } from '../options/assertInputs.js';
import { bookDeltaGammaInto, createBookDeltaGamma } from '../options/bookDeltaGammaInto.js';
import type { OptionBook } from '../options/createBook.js';
import { applyBand } from './applyBand.js';
import type { HedgePolicy } from './types.js';
import { whalleyWilmottHalfWidth } from './whalleyWilmottBand.js';

export type CreateWhalleyWilmottPolicyParameters = {
  book: OptionBook;
  /** Exponential-utility risk aversion γ, per USD. */
  riskAversion: number;
  /** One-way proportional cost, fraction of notional (0.001 = 10 bps). */
  oneWayCost: number;
};

/**
 * The Whalley-Wilmott band around the BSM delta at `state.vol`, with the book's net gamma
 * and the time to its last expiry (the horizon of the hedging programme) in the formula;
 * trades go to the nearest edge. A book with no live options unwinds its hedge.
 */
export function createWhalleyWilmottPolicy({
  book,
  riskAversion,
  oneWayCost,
}: CreateWhalleyWilmottPolicyParameters): HedgePolicy {
  requirePositive(riskAversion, 'riskAversion');
  requireNonNegative(oneWayCost, 'oneWayCost');
  const greeks = createBookDeltaGamma();
  return {
    kind: 'whalley-wilmott',
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
      const horizon = book.lastExpiry - state.timeYears;
      const halfWidth =
        horizon > 0
          ? whalleyWilmottHalfWidth(greeks.gamma, state.spot, oneWayCost, riskAversion, state.rate, horizon)
          : 0;
      out.bookDelta = greeks.delta;
      out.bookGamma = greeks.gamma;
      return applyBand(out, state.hedge, -greeks.delta, halfWidth, false);
    },
  };
}
