// Constants of Uniswap V3 (v3-core TickMath, FixedPoint96, uint widths). Kept in one place so
// every overflow check below reads against the same bounds the contracts use.

/** 2^96: the fixed-point scale of sqrtPriceX96 (FixedPoint96.Q96). */
export const Q96 = 1n << 96n;
/** 2^128, used by the TickMath reductions. */
export const Q128 = 1n << 128n;
export const MAX_UINT128 = (1n << 128n) - 1n;
export const MAX_UINT160 = (1n << 160n) - 1n;
export const MAX_UINT256 = (1n << 256n) - 1n;
/** int256 bounds: amountSpecified is an int256 in UniswapV3Pool.swap. */
export const MAX_INT256 = (1n << 255n) - 1n;

/** The lowest and highest ticks (TickMath.MIN_TICK / MAX_TICK): price range [2^-128, 2^128]. */
export const MIN_TICK = -887272;
export const MAX_TICK = 887272;
/** getSqrtRatioAtTick(MIN_TICK) and getSqrtRatioAtTick(MAX_TICK). */
export const MIN_SQRT_RATIO = 4295128739n;
export const MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342n;

/** Fees are in hundredths of a bip (pips): 3000 = 0.30 %. */
export const FEE_DENOMINATOR_PIPS = 1_000_000n;
