import { HedgeRouterError } from '../../errors/index.js';
import { FEE_DENOMINATOR_PIPS } from '../v3/constants.js';

export type GetAmountInV2Parameters = {
  /** Output wanted, in base units of the token bought. */
  amountOut: bigint;
  /** Reserve of the token sold, in its base units. */
  reserveIn: bigint;
  /** Reserve of the token bought, in its base units. */
  reserveOut: bigint;
  /** Fee in pips (3000 = 0.30 %). */
  fee: number;
};

/**
 * Input needed for an exact output on a constant-product pool, exactly as
 * UniswapV2Library.getAmountIn generalised to any fee: floor(rIn·out·1e6 / ((rOut − out)·(1e6 − fee))) + 1.
 * Throws INSUFFICIENT_LIQUIDITY when `amountOut` ≥ the output reserve. Base units in and out.
 */
export function getAmountInV2({ amountOut, reserveIn, reserveOut, fee }: GetAmountInV2Parameters): bigint {
  if (amountOut <= 0n)
    throw new HedgeRouterError('INVALID_INPUT', { field: 'amountOut', shortMessage: 'must be positive' });
  if (reserveIn <= 0n || amountOut >= reserveOut) {
    throw new HedgeRouterError('INSUFFICIENT_LIQUIDITY', {
      shortMessage: 'output would drain the pool',
      details: { amountOut: amountOut.toString(), reserveOut: reserveOut.toString() },
    });
  }
  return (
    (reserveIn * amountOut * FEE_DENOMINATOR_PIPS) /
      ((reserveOut - amountOut) * (FEE_DENOMINATOR_PIPS - BigInt(fee))) +
    1n
  );
}
