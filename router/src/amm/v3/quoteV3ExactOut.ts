import { HedgeRouterError } from '../../errors/index.js';
import { swapV3 } from './swapV3.js';
import type { V3PoolState, V3SwapResult } from './types.js';

export type QuoteV3ExactOutParameters = {
  /** true: sell token0 for token1; false: sell token1 for token0. */
  zeroForOne: boolean;
  /** Output wanted, in base units of the token bought (> 0). */
  amountOut: bigint;
  /** Optional Q64.96 price limit, as in UniswapV3Pool.swap. */
  sqrtPriceLimitX96?: bigint | undefined;
};

/**
 * Exact-output quote on a V3 pool, bit-exact with QuoterV2.quoteExactOutputSingle: the input
 * needed (fee included) in base units of the token sold. If the pool cannot pay `amountOut`
 * before its range or the limit ends, `amountOut` in the result is what it can pay and
 * `hitPriceLimit` is true.
 */
export function quoteV3ExactOut(
  pool: V3PoolState,
  { zeroForOne, amountOut, sqrtPriceLimitX96 }: QuoteV3ExactOutParameters,
): V3SwapResult {
  if (amountOut <= 0n) {
    throw new HedgeRouterError('INVALID_INPUT', { field: 'amountOut', shortMessage: 'must be positive' });
  }
  return swapV3(pool, { zeroForOne, amountSpecified: -amountOut, sqrtPriceLimitX96 });
}
