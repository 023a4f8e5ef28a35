// FullMath (v3-core libraries/FullMath.sol) in bigint. The contract does 512-bit intermediate
// arithmetic to get floor(a·b/c) exactly; bigint is arbitrary precision, so the only thing left
// to reproduce is where the contract reverts: a zero denominator or a result above uint256.
import { HedgeRouterError } from '../../errors/index.js';
import { MAX_UINT256 } from './constants.js';

function overflow(op: string, a: bigint, b: bigint, denominator: bigint): never {
  throw new HedgeRouterError('POOL_MATH_OVERFLOW', {
    shortMessage: `${op}: result does not fit in uint256 or denominator is zero`,
    details: { a: a.toString(), b: b.toString(), denominator: denominator.toString() },
  });
}

/**
 * floor(a × b / denominator), exactly as FullMath.mulDiv: reverts (throws POOL_MATH_OVERFLOW)
 * when the denominator is 0 or the result exceeds 2^256 − 1. Inputs are uint256 values.
 */
export function mulDiv(a: bigint, b: bigint, denominator: bigint): bigint {
  if (denominator === 0n) overflow('mulDiv', a, b, denominator);
  const result = (a * b) / denominator;
  if (result > MAX_UINT256) overflow('mulDiv', a, b, denominator);
  return result;
}

/** ceil(a × b / denominator), exactly as FullMath.mulDivRoundingUp (same revert conditions). */
export function mulDivRoundingUp(a: bigint, b: bigint, denominator: bigint): bigint {
  if (denominator === 0n) overflow('mulDivRoundingUp', a, b, denominator);
  const product = a * b;
  let result = product / denominator;
  // A multiplication is much cheaper than a second bigint division (`%`).
  if (result * denominator !== product) result += 1n;
  if (result > MAX_UINT256) overflow('mulDivRoundingUp', a, b, denominator);
  return result;
}

/** ceil(x / y) for uint256 (UnsafeMath.divRoundingUp; the contract returns 0 for y = 0, we throw). */
export function divRoundingUp(x: bigint, y: bigint): bigint {
  if (y === 0n) overflow('divRoundingUp', x, 1n, y);
  const q = x / y;
  return q * y !== x ? q + 1n : q;
}
