// SqrtPriceMath (v3-core libraries/SqrtPriceMath.sol) in bigint. The contract picks between two
// formulas depending on whether an intermediate product overflows uint256; those branches round
// differently, so they are reproduced here exactly rather than "simplified" by bigint's range.
import { HedgeRouterError } from '../../errors/index.js';
import { MAX_UINT160, MAX_UINT256, Q96 } from './constants.js';
import { divRoundingUp, mulDiv, mulDivRoundingUp } from './fullMath.js';

function fail(shortMessage: string, details: Record<string, unknown>): never {
  throw new HedgeRouterError('POOL_MATH_OVERFLOW', { shortMessage, details });
}

// liquidity << 96 for the last liquidity seen: a swap step shifts the same range's liquidity
// two or three times, and every shift is a fresh 224-bit allocation.
let lastLiquidity = -1n;
let lastLiquidityX96 = 0n;
function liquidityX96(liquidity: bigint): bigint {
  if (liquidity !== lastLiquidity) {
    lastLiquidityX96 = liquidity << 96n;
    lastLiquidity = liquidity;
  }
  return lastLiquidityX96;
}

function toUint160(x: bigint): bigint {
  if (x > MAX_UINT160) fail('sqrt price does not fit in uint160', { value: x.toString() });
  return x;
}

/**
 * Next sqrt price after adding (`add`) or removing `amount` of token0 at `liquidity`, rounded up
 * (SqrtPriceMath.getNextSqrtPriceFromAmount0RoundingUp). Q64.96 in and out; amount in token0 base units.
 */
export function getNextSqrtPriceFromAmount0RoundingUp(
  sqrtPX96: bigint,
  liquidity: bigint,
  amount: bigint,
  add: boolean,
): bigint {
  if (amount === 0n) return sqrtPX96;
  const numerator1 = liquidityX96(liquidity);
  const product = amount * sqrtPX96;
  if (add) {
    // Solidity: `(product = amount * sqrtPX96) / amount == sqrtPX96` is false exactly when the
    // product wraps around 2^256; then the denominator check guards numerator1 + product.
    if (product <= MAX_UINT256) {
      const denominator = numerator1 + product;
      if (denominator <= MAX_UINT256) return mulDivRoundingUp(numerator1, sqrtPX96, denominator);
    }
    const sum = numerator1 / sqrtPX96 + amount;
    if (sum > MAX_UINT256)
      fail('getNextSqrtPriceFromAmount0RoundingUp: add overflow', { amount: amount.toString() });
    return divRoundingUp(numerator1, sum);
  }
  if (product > MAX_UINT256 || numerator1 <= product) {
    fail('getNextSqrtPriceFromAmount0RoundingUp: output exceeds the virtual reserve of token0', {
      amount: amount.toString(),
    });
  }
  return toUint160(mulDivRoundingUp(numerator1, sqrtPX96, numerator1 - product));
}

/**
 * Next sqrt price after adding or removing `amount` of token1 at `liquidity`, rounded down
 * (SqrtPriceMath.getNextSqrtPriceFromAmount1RoundingDown). Q64.96 in and out; amount in token1 base units.
 */
export function getNextSqrtPriceFromAmount1RoundingDown(
  sqrtPX96: bigint,
  liquidity: bigint,
  amount: bigint,
  add: boolean,
): bigint {
  if (add) {
    // (amount << 96) / L and mulDiv(amount, Q96, L) are the same number in bigint; the contract
    // only switches formulas to avoid overflow.
    const quotient = amount <= MAX_UINT160 ? (amount << 96n) / liquidity : mulDiv(amount, Q96, liquidity);
    const next = sqrtPX96 + quotient;
    if (next > MAX_UINT256) fail('getNextSqrtPriceFromAmount1RoundingDown: add overflow', {});
    return toUint160(next);
  }
  const quotient =
    amount <= MAX_UINT160
      ? divRoundingUp(amount << 96n, liquidity)
      : mulDivRoundingUp(amount, Q96, liquidity);
  if (sqrtPX96 <= quotient) {
    fail('getNextSqrtPriceFromAmount1RoundingDown: output exceeds the virtual reserve of token1', {
      amount: amount.toString(),
    });
  }
  return sqrtPX96 - quotient;
}

function requirePositive(sqrtPX96: bigint, liquidity: bigint): void {
  if (sqrtPX96 <= 0n || liquidity <= 0n) {
    fail('sqrt price and liquidity must be positive', {
      sqrtPX96: sqrtPX96.toString(),
      liquidity: liquidity.toString(),
    });
  }
}

/**
 * Next sqrt price (Q64.96) after `amountIn` of the input token enters at `liquidity`, rounded so
 * the pool never gives more than it should (SqrtPriceMath.getNextSqrtPriceFromInput).
 */
export function getNextSqrtPriceFromInput(
  sqrtPX96: bigint,
  liquidity: bigint,
  amountIn: bigint,
  zeroForOne: boolean,
): bigint {
  requirePositive(sqrtPX96, liquidity);
  return zeroForOne
    ? getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountIn, true)
    : getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountIn, true);
}

/**
 * Next sqrt price (Q64.96) after `amountOut` of the output token leaves at `liquidity`
 * (SqrtPriceMath.getNextSqrtPriceFromOutput).
 */
export function getNextSqrtPriceFromOutput(
  sqrtPX96: bigint,
  liquidity: bigint,
  amountOut: bigint,
  zeroForOne: boolean,
): bigint {
  requirePositive(sqrtPX96, liquidity);
  return zeroForOne
    ? getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountOut, false)
    : getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountOut, false);
}

/**
 * token0 between two sqrt prices at `liquidity`: L·2^96·(√B − √A)/(√A·√B), rounded up or down
 * (SqrtPriceMath.getAmount0Delta, unsigned form). Result in token0 base units.
 */
export function getAmount0Delta(
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  liquidity: bigint,
  roundUp: boolean,
): bigint {
  if (sqrtRatioAX96 > sqrtRatioBX96) {
    const lower = sqrtRatioBX96;
    sqrtRatioBX96 = sqrtRatioAX96;
    sqrtRatioAX96 = lower;
  }
  if (sqrtRatioAX96 <= 0n) fail('getAmount0Delta: sqrt price must be positive', {});
  const numerator1 = liquidityX96(liquidity);
  const numerator2 = sqrtRatioBX96 - sqrtRatioAX96;
  return roundUp
    ? divRoundingUp(mulDivRoundingUp(numerator1, numerator2, sqrtRatioBX96), sqrtRatioAX96)
    : mulDiv(numerator1, numerator2, sqrtRatioBX96) / sqrtRatioAX96;
}

/**
 * token1 between two sqrt prices at `liquidity`: L·(√B − √A)/2^96, rounded up or down
 * (SqrtPriceMath.getAmount1Delta, unsigned form). Result in token1 base units.
 */
export function getAmount1Delta(
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  liquidity: bigint,
  roundUp: boolean,
): bigint {
  const product =
    liquidity *
    (sqrtRatioAX96 > sqrtRatioBX96 ? sqrtRatioAX96 - sqrtRatioBX96 : sqrtRatioBX96 - sqrtRatioAX96);
  // mulDiv(·, ·, Q96) is a shift; rounding up adds one when any of the low 96 bits is set.
  // (uint128 × uint160 < 2^288, and the quotient < 2^192: no uint256 overflow to check.)
  const floor = product >> 96n;
  return roundUp && (product & Q96_MASK) !== 0n ? floor + 1n : floor;
}

const Q96_MASK = Q96 - 1n;
