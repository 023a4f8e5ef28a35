import { blackScholesInto, createOptionGreeks, type OptionBook } from '@hedge-router/router';

/** A book's BSM value and Greeks at one (spot, time), USD; theta per year. */
export type BookGreeks = { value: number; delta: number; gamma: number; theta: number };

const scratch = createOptionGreeks();

/**
 * Values `book` at `spot` (USD) and `timeYears` on its clock at `vol`, through the router's
 * BSM kernel, summing quantity × price / delta / gamma / theta in book order. An option at or
 * past expiry is worth its payoff (the kernel's zero-variance limit). Writes into `out`.
 */
export function bookValueAt(
  out: BookGreeks,
  book: OptionBook,
  spot: number,
  timeYears: number,
  vol: number,
  rate: number,
  dividendYield: number,
): BookGreeks {
  let value = 0;
  let delta = 0;
  let gamma = 0;
  let theta = 0;
  for (let j = 0; j < book.size; j++) {
    const tau = book.expiry[j]! - timeYears;
    blackScholesInto(
      scratch,
      book.isCall[j] === 1,
      spot,
      book.strike[j]!,
      tau > 0 ? tau : 0,
      rate,
      dividendYield,
      vol,
    );
    const q = book.quantity[j]!;
    value += q * scratch.price;
    delta += q * scratch.delta;
    gamma += q * scratch.gamma;
    theta += q * scratch.theta;
  }
  out.value = value;
  out.delta = delta;
  out.gamma = gamma;
  out.theta = theta;
  return out;
}
