import { requireNonNegative } from '../options/assertInputs.js';
import { bookDeltaGammaInto, createBookDeltaGamma } from '../options/bookDeltaGammaInto.js';
import type { OptionBook } from '../options/createBook.js';
import { type HedgePolicy, HedgeReason } from './types.js';

export type CreateIntervalPolicyParameters = {
  book: OptionBook;
  /** Rebalance every this many years (0: at every decision, e.g. every backtest step). */
  intervalYears: number;
};

// Clocks built as i·δt drift by ulps; a rebalance due "now" must not slip to the next step.
const DUE_TOLERANCE = 1e-9;

/**
 * Fixed-interval hedging: every `intervalYears` the hedge goes all the way to minus the book's
 * BSM delta at `state.vol`; in between it holds. The band reported is the single point
 * target. The Derman-Kamal discrete-hedging error applies to this policy.
 */
export function createIntervalPolicy({ book, intervalYears }: CreateIntervalPolicyParameters): HedgePolicy {
  requireNonNegative(intervalYears, 'intervalYears');
  const greeks = createBookDeltaGamma();
  return {
    kind: 'interval',
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
      const centre = -greeks.delta;
      out.bookDelta = greeks.delta;
      out.bookGamma = greeks.gamma;
      out.centre = centre;
      out.lower = centre;
      out.upper = centre;
      if (state.timeYears - state.lastRebalanceYears >= intervalYears * (1 - DUE_TOLERANCE)) {
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
