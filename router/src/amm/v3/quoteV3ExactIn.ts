import { HedgeRouterError } from '../../errors/index.js';
import { swapV3 } from './swapV3.js';
import type { V3PoolState, V3SwapResult } from './types.js';

export type QuoteV3ExactInParameters = {
  /** true: sell token0 for token1; false: sell token1 for token0. */
  zeroForOne: boolean;
  /** Input in base units of the token sold, fee included (> 0). */
  amountIn: bigint;
  /** Optional Q64.96 price limit, as in UniswapV3Pool.swap. */
  sqrtPriceLimitX96?: bigint | undefined;
};

/**
 * Exact-input quote on a V3 pool, bit-exact with QuoterV2.quoteExactInputSingle: the output in
 * base units of the token bought, the price and tick after, the fee paid. If the pool runs out
 * of range (or hits the limit) before taking all of `amountIn`, `amountIn` in the result is what
 * it took and `hitPriceLimit` is true.
 */
export function quoteV3ExactIn(
  pool: V3PoolState,
  { zeroForOne, amountIn, sqrtPriceLimitX96 }: QuoteV3ExactInParameters,
): V3SwapResult {
  if (amountIn <= 0n) {
    throw new HedgeRouterError('INVALID_INPUT', { field: 'amountIn', shortMessage: 'must be positive' });
  }
  return swapV3(pool, { zeroForOne, amountSpecified: amountIn, sqrtPriceLimitX96 });
}
