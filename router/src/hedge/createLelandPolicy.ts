import { requireNonNegative, requirePositive } from '../options/assertInputs.js';
import { bookDeltaGammaInto, createBookDeltaGamma } from '../options/bookDeltaGammaInto.js';
import type { OptionBook } from '../options/createBook.js';
import { lelandAdjustedVol } from './lelandVol.js';
import { type HedgePolicy, HedgeReason } from './types.js';

export type CreateLelandPolicyParameters = {
  book: OptionBook;
  /** Rebalance interval δt, years, > 0 (Leland's adjustment depends on it). */
  intervalYears: number;
  /** One-way proportional cost, fraction of notional (0.001 = 10 bps). */
  oneWayCost: number;
};

/**
 * Leland (1985): rebalance every `intervalYears` to the BSM delta computed at the
 * cost-adjusted vol, σ√(1 + Le) for short positions and σ√(1 − Le) for long ones (see
 * `lelandVol`), so a short option's replication cost, costs included, matches its premium at
 * the adjusted vol.
 */
export function createLelandPolicy({
  book,
  intervalYears,
  oneWayCost,
}: CreateLelandPolicyParameters): HedgePolicy {
  requirePositive(intervalYears, 'intervalYears');
  requireNonNegative(oneWayCost, 'oneWayCost');
  const greeks = createBookDeltaGamma();
  return {
    kind: 'leland',
    book,
    decide(state, out) {
      const volShort = lelandAdjustedVol(state.vol, oneWayCost, intervalYears, 1);
      const volLong = lelandAdjustedVol(state.vol, oneWayCost, intervalYears, -1);
      bookDeltaGammaInto(
        greeks,
        book,
        state.spot,
        state.timeYears,
        volLong,
        volShort,
        state.rate,
        state.dividendYield,
      );
      const centre = -greeks.delta;
      out.bookDelta = greeks.delta;
      out.bookGamma = greeks.gamma;
      out.centre = centre;
      out.lower = centre;
      out.upper = centre;
      if (state.timeYears - state.lastRebalanceYears >= intervalYears * (1 - 1e-9)) {
        out.target = centre;
        out.reason = HedgeReason.scheduled;
      } else {
        out.target = state.hedge;
        out.reason = HedgeReason.notDue;
      }
      out.trade = out.target - state.hedge;
      return out;
    },
  };
}
