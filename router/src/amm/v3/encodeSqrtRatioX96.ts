/** Integer square root (floor) by Newton's method. */
export function sqrtBigInt(value: bigint): bigint {
  if (value < 0n) throw new RangeError('square root of a negative number');
  if (value < 2n) return value;
  // Newton from above converges monotonically to floor(sqrt(value)): start at a power of two
  // that is certainly ≥ the root (a float guess can sit below it and break the invariant).
  let x = 1n << BigInt(Math.ceil((value.toString(16).length * 4) / 2));
  for (;;) {
    const y = (x + value / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  return x;
}

/**
 * sqrt(amount1 / amount0) as a Q64.96, floored (the v3-core tests' encodePriceSqrt and the SDK's
 * encodeSqrtRatioX96): the sqrtPriceX96 of a pool whose price is amount1 token1 units per amount0 token0 units.
 */
export function encodeSqrtRatioX96(amount1: bigint, amount0: bigint): bigint {
  return sqrtBigInt((amount1 << 192n) / amount0);
}
