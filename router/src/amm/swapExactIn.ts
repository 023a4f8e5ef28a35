import { HedgeRouterError } from '../errors/index.js';
import type { AmmPool, AmmSwap } from './pool.js';
import { getAmountOutV2 } from './v2/getAmountOutV2.js';
import { FEE_DENOMINATOR_PIPS } from './v3/constants.js';
import { mulDivRoundingUp } from './v3/fullMath.js';
import { swapV3 } from './v3/swapV3.js';
import { v3PoolAfterSwap } from './v3/v3PoolAfterSwap.js';

export type SwapExactInParameters = {
  /** true: sell token0 for token1; false: sell token1 for token0. */
  zeroForOne: boolean;
  /** Input in base units of the token sold (> 0). */
  amountIn: bigint;
};

/**
 * Simulates an exact-input swap on either pool kind and returns the amounts and the pool after
 * it, so swaps can be chained (a sandwich is three). Exact integer math of each pool kind.
 */
export function swapExactIn(pool: AmmPool, { zeroForOne, amountIn }: SwapExactInParameters): AmmSwap {
  if (pool.kind === 'uniswap-v3') {
    const swap = swapV3(pool.state, { zeroForOne, amountSpecified: amountIn });
    return {
      amountIn: swap.amountIn,
      amountOut: swap.amountOut,
      feeAmount: swap.feeAmount,
      poolAfter: { kind: 'uniswap-v3', state: v3PoolAfterSwap(pool.state, swap) },
      ticksCrossed: swap.initializedTicksCrossed,
    };
  }
  if (pool.kind === 'uniswap-v2') {
    const { reserve0, reserve1, fee } = pool.state;
    const [reserveIn, reserveOut] = zeroForOne ? [reserve0, reserve1] : [reserve1, reserve0];
    const amountOut = getAmountOutV2({ amountIn, reserveIn, reserveOut, fee });
    // The pair keeps the whole input (fee included) in its reserves; the fee is its LPs' share.
    const newIn = reserveIn + amountIn;
    const newOut = reserveOut - amountOut;
    return {
      amountIn,
      amountOut,
      feeAmount: mulDivRoundingUp(amountIn, BigInt(fee), FEE_DENOMINATOR_PIPS),
      poolAfter: {
        kind: 'uniswap-v2',
        state: { fee, reserve0: zeroForOne ? newIn : newOut, reserve1: zeroForOne ? newOut : newIn },
      },
      ticksCrossed: 0,
    };
  }
  throw new HedgeRouterError('INVALID_INPUT', { field: 'pool.kind', shortMessage: 'unknown pool kind' });
}
