import { HedgeRouterError } from '../errors/index.js';
import { requirePositive } from '../options/assertInputs.js';

export type LogReturnsParameters = {
  /** Prices in time order, USD (any positive unit), at least two. */
  prices: ArrayLike<number>;
};

/** Log returns ln(P_i / P_(i−1)), one fewer than the prices. Throws naming `prices[i]` if one is not positive and finite. */
export function logReturns({ prices }: LogReturnsParameters): Float64Array {
  if (prices.length < 2) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'needs at least two prices',
      field: 'prices',
    });
  }
  const out = new Float64Array(prices.length - 1);
  let previous = requirePositive(prices[0]!, 'prices[0]');
  for (let i = 1; i < prices.length; i++) {
    const price = requirePositive(prices[i]!, `prices[${i}]`);
    out[i - 1] = Math.log(price / previous);
    previous = price;
  }
  return out;
}
