import type { OptionBook } from './createBook.js';
import { normalCdfGivenExp } from './normalCdfGivenExp.js';
import { ONE_OVER_SQRT_TWO_PI } from './normalPdf.js';

/** Net delta (units of the underlying) and gamma (units per USD) of a book's options. */
export type BookDeltaGamma = { delta: number; gamma: number };

/** A fresh `BookDeltaGamma` to reuse as `out`. */
export function createBookDeltaGamma(): BookDeltaGamma {
  return { delta: 0, gamma: 0 };
}

/**
 * The hot path of every hedge policy: the book's net BSM delta and gamma at `spot` (USD) and
 * time `timeYears` on the book's clock, written into `out` without allocating. Long positions
 * (quantity > 0) use `volLong`, short ones `volShort` (annualised), so Leland's and
 * Zakamouline's adjusted vols fit the same loop; pass the same vol twice otherwise. Expired
 * positions (expiry ≤ timeYears) contribute nothing: their payoff is settled, not hedged.
 * Unchecked: callers validated the book (createBook) and pass finite numbers, spot > 0.
 */
export function bookDeltaGammaInto(
  out: BookDeltaGamma,
  book: OptionBook,
  spot: number,
  timeYears: number,
  volLong: number,
  volShort: number,
  rate: number,
  dividendYield: number,
): BookDeltaGamma {
  let delta = 0;
  let gamma = 0;
  const { isCall, strike, expiry, quantity } = book;
  for (let i = 0; i < book.size; i++) {
    const tau = expiry[i]! - timeYears;
    if (!(tau > 0)) continue;
    const q = quantity[i]!;
    const vol = q >= 0 ? volLong : volShort;
    const carry = dividendYield === 0 ? 1 : Math.exp(-dividendYield * tau);
    const sd = vol * Math.sqrt(tau);
    const k = strike[i]!;
    if (!(sd > 0)) {
      // Zero variance: delta steps at the forward strike, gamma is zero.
      const forwardGap = spot * carry - k * Math.exp(-rate * tau);
      const step = forwardGap > 0 ? 1 : forwardGap === 0 ? 0.5 : 0;
      delta += q * carry * (isCall[i] === 1 ? step : step - 1);
      continue;
    }
    const d1 = (Math.log(spot / k) + (rate - dividendYield) * tau) / sd + 0.5 * sd;
    // One exp serves the density (gamma) and the CDF (delta).
    const e = Math.exp(-0.5 * d1 * d1);
    const n1 = normalCdfGivenExp(d1, e);
    delta += q * carry * (isCall[i] === 1 ? n1 : n1 - 1);
    gamma += (q * carry * ONE_OVER_SQRT_TWO_PI * e) / (spot * sd);
  }
  out.delta = delta;
  out.gamma = gamma;
  return out;
}
