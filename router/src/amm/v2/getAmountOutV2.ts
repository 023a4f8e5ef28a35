import { HedgeRouterError } from '../../errors/index.js';
import { FEE_DENOMINATOR_PIPS } from '../v3/constants.js';

export type GetAmountOutV2Parameters = {
  /** Input, in base units of the token sold. */
  amountIn: bigint;
  /** Reserve of the token sold, in its base units. */
  reserveIn: bigint;
  /** Reserve of the token bought, in its base units. */
  reserveOut: bigint;
  /** Fee in pips (3000 = 0.30 %). */
  fee: number;
};

/**
 * Output of a constant-product swap, exactly as UniswapV2Library.getAmountOut generalised to any
 * fee: floor(in·(1e6 − fee)·rOut / (rIn·1e6 + in·(1e6 − fee))). With fee 3000 this is the same
 * rational as the library's 997/1000 form, so the same floor. Base units in and out.
 */
export function getAmountOutV2({ amountIn, reserveIn, reserveOut, fee }: GetAmountOutV2Parameters): bigint {
  if (amountIn <= 0n)
    throw new HedgeRouterError('INVALID_INPUT', { field: 'amountIn', shortMessage: 'must be positive' });
  if (reserveIn <= 0n || reserveOut <= 0n) {
    throw new HedgeRouterError('INSUFFICIENT_LIQUIDITY', { shortMessage: 'pool has an empty reserve' });
  }
  const amountInWithFee = amountIn * (FEE_DENOMINATOR_PIPS - BigInt(fee));
  return (amountInWithFee * reserveOut) / (reserveIn * FEE_DENOMINATOR_PIPS + amountInWithFee);
}
