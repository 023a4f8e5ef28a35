// TickMath (v3-core libraries/TickMath.sol) in bigint: the same constants, the same shifts and
// the same rounding, so every sqrt price and tick matches the contract bit for bit.
import { HedgeRouterError } from '../../errors/index.js';
import { MAX_SQRT_RATIO, MAX_TICK, MAX_UINT256, MIN_SQRT_RATIO, MIN_TICK } from './constants.js';

// ratio multipliers for bits 1..19 of |tick|: 2^128 / sqrt(1.0001)^(2^i), as in the contract.
const TICK_FACTORS: readonly bigint[] = [
  0xfff97272373d413259a46990580e213an,
  0xfff2e50f5f656932ef12357cf3c7fdccn,
  0xffe5caca7e10e4e61c3624eaa0941cd0n,
  0xffcb9843d60f6159c9db58835c926644n,
  0xff973b41fa98c081472e6896dfb254c0n,
  0xff2ea16466c96a3843ec78b326b52861n,
  0xfe5dee046a99a2a811c461f1969c3053n,
  0xfcbe86c7900a88aedcffc83b479aa3a4n,
  0xf987a7253ac413176f2b074cf7815e54n,
  0xf3392b0822b70005940c7a398e4b70f3n,
  0xe7159475a2c29b7443b29c7fa6e889d9n,
  0xd097f3bdfd2022b8845ad8f792aa5825n,
  0xa9f746462d870fdf8a65dc1f90e061e5n,
  0x70d869a156d2a1b890bb3df62baf32f7n,
  0x31be135f97d08fd981231505542fcfa6n,
  0x9aa508b5b7a84e1c677de54f3e99bc9n,
  0x5d6af8dedb81196699c329225ee604n,
  0x2216e584f5fa1ea926041bedfe98n,
  0x48a170391f7dc42444e8fa2n,
];
const Q32_MASK = (1n << 32n) - 1n;
// A memo of a pure function: swaps keep stepping to the same initialized ticks and word edges,
// and the MEV search re-quotes one pool hundreds of times. Bounded so it cannot grow forever.
const SQRT_RATIO_CACHE_SIZE = 1 << 16;
const sqrtRatioCache = new Map<number, bigint>();

/**
 * sqrt(1.0001^tick) as a Q64.96 (TickMath.getSqrtRatioAtTick). `tick` is an integer in
 * [MIN_TICK, MAX_TICK]; throws PRICE_LIMIT_OUT_OF_RANGE outside it (the contract reverts 'T').
 */
export function getSqrtRatioAtTick(tick: number): bigint {
  const cached = sqrtRatioCache.get(tick);
  if (cached !== undefined) return cached;
  if (!Number.isInteger(tick) || tick < MIN_TICK || tick > MAX_TICK) {
    throw new HedgeRouterError('PRICE_LIMIT_OUT_OF_RANGE', {
      shortMessage: `tick ${tick} is outside [${MIN_TICK}, ${MAX_TICK}]`,
      details: { tick },
    });
  }
  const absTick = tick < 0 ? -tick : tick;
  let ratio =
    (absTick & 1) !== 0 ? 0xfffcb933bd6fad37aa2d162d1a594001n : 0x100000000000000000000000000000000n;
  for (let bit = 1; bit < 20; bit++) {
    if ((absTick & (1 << bit)) !== 0) ratio = (ratio * TICK_FACTORS[bit - 1]!) >> 128n;
  }
  if (tick > 0) ratio = MAX_UINT256 / ratio;
  // Q128.128 → Q64.96, rounding up so that getTickAtSqrtRatio(getSqrtRatioAtTick(t)) == t.
  const sqrtRatioX96 = (ratio >> 32n) + ((ratio & Q32_MASK) === 0n ? 0n : 1n);
  if (sqrtRatioCache.size >= SQRT_RATIO_CACHE_SIZE) sqrtRatioCache.clear();
  sqrtRatioCache.set(tick, sqrtRatioX96);
  return sqrtRatioX96;
}

function mostSignificantBit(x: bigint): bigint {
  let msb = 0n;
  if (x >= 1n << 128n) {
    x >>= 128n;
    msb += 128n;
  }
  if (x >= 1n << 64n) {
    x >>= 64n;
    msb += 64n;
  }
  if (x >= 1n << 32n) {
    x >>= 32n;
    msb += 32n;
  }
  return msb + BigInt(31 - Math.clz32(Number(x)));
}

// ln(sqrt(1.0001)): one tick is a factor sqrt(1.0001) in sqrt price.
const LOG_SQRT_10001 = Math.log(1.0001) / 2;
const LOG_Q96 = 96 * Math.LN2;

/**
 * The greatest tick whose sqrt ratio is ≤ `sqrtPriceX96` (TickMath.getTickAtSqrtRatio).
 * `sqrtPriceX96` must be in [MIN_SQRT_RATIO, MAX_SQRT_RATIO).
 *
 * A double-precision logarithm puts the exact answer within ~1e-9 of a tick for any input (the
 * bigint→double conversion is correctly rounded and Math.log is within an ulp), so when the
 * estimate is farther than 1e-6 from an integer its floor is the contract's answer; otherwise
 * the contract's own fixed-point log2 decides. Both paths return the contract's tick.
 */
export function getTickAtSqrtRatio(sqrtPriceX96: bigint): number {
  if (sqrtPriceX96 < MIN_SQRT_RATIO || sqrtPriceX96 >= MAX_SQRT_RATIO) {
    throw new HedgeRouterError('PRICE_LIMIT_OUT_OF_RANGE', {
      shortMessage: 'sqrtPriceX96 is outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)',
      details: { sqrtPriceX96: sqrtPriceX96.toString() },
    });
  }
  const estimate = (Math.log(Number(sqrtPriceX96)) - LOG_Q96) / LOG_SQRT_10001;
  const floor = Math.floor(estimate);
  if (estimate - floor > 1e-6 && estimate - floor < 1 - 1e-6) return floor;
  return getTickAtSqrtRatioByLog2(sqrtPriceX96);
}

/** The contract's getTickAtSqrtRatio, step for step (fixed-point log2, then a one-tick check). */
export function getTickAtSqrtRatioByLog2(sqrtPriceX96: bigint): number {
  if (sqrtPriceX96 < MIN_SQRT_RATIO || sqrtPriceX96 >= MAX_SQRT_RATIO) {
    throw new HedgeRouterError('PRICE_LIMIT_OUT_OF_RANGE', {
      shortMessage: 'sqrtPriceX96 is outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)',
      details: { sqrtPriceX96: sqrtPriceX96.toString() },
    });
  }
  const ratio = sqrtPriceX96 << 32n;
  const msb = mostSignificantBit(ratio);
  let r = msb >= 128n ? ratio >> (msb - 127n) : ratio << (127n - msb);
  let log2 = (msb - 128n) << 64n;
  for (let i = 0n; i < 14n; i++) {
    r = (r * r) >> 127n;
    const f = r >> 128n;
    log2 |= f << (63n - i);
    r >>= f;
  }
  const logSqrt10001 = log2 * 255738958999603826347141n; // Q128.128
  const tickLow = Number((logSqrt10001 - 3402992956809132418596140100660247210n) >> 128n);
  const tickHigh = Number((logSqrt10001 + 291339464771989622907027621153398088495n) >> 128n);
  if (tickLow === tickHigh) return tickLow;
  return getSqrtRatioAtTick(tickHigh) <= sqrtPriceX96 ? tickHigh : tickLow;
}
