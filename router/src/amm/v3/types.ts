/** One initialized tick of a V3 pool: its index and the liquidity added when crossed upward. */
export type V3Tick = {
  /** Tick index, a multiple of the pool's tickSpacing in [MIN_TICK, MAX_TICK]. */
  readonly index: number;
  /** int128 liquidityNet from `ticks(index)`: added to active liquidity when the price crosses it upward. */
  readonly liquidityNet: bigint;
};

/**
 * The state of a Uniswap V3 pool needed to simulate swaps, as plain data a chain reader fills
 * from `slot0()`, `liquidity()`, `fee()`, `tickSpacing()`, `tickBitmap` and `ticks()`.
 * Treated as immutable: swaps return new states that share the `ticks` array.
 */
export type V3PoolState = {
  /** slot0.sqrtPriceX96: sqrt(token1 per token0, in base units) as a Q64.96. */
  readonly sqrtPriceX96: bigint;
  /** slot0.tick (may be one below getTickAtSqrtRatio(sqrtPriceX96) right after a downward cross). */
  readonly tick: number;
  /** Active liquidity (uint128). */
  readonly liquidity: bigint;
  /** Swap fee in hundredths of a bip (pips): 500 = 0.05 %, 3000 = 0.30 %, 10000 = 1 %. */
  readonly fee: number;
  readonly tickSpacing: number;
  /**
   * Every initialized tick (every set bit of the tick bitmap, including ticks whose liquidityNet
   * is 0), sorted by index ascending. Ticks outside the range a reader fetched are simply
   * absent: swaps that would walk past them are then wrong, so fetch enough words.
   */
  readonly ticks: readonly V3Tick[];
};

/** What one simulated V3 swap did: amounts, the price and tick it ended at, the liquidity then. */
export type V3SwapResult = {
  /** Input actually taken by the pool, fee included, in input-token base units. */
  amountIn: bigint;
  /** Output paid by the pool, in output-token base units. */
  amountOut: bigint;
  /** LP fee (including any protocol share), in input-token base units; part of amountIn. */
  feeAmount: bigint;
  sqrtPriceX96After: bigint;
  tickAfter: number;
  liquidityAfter: bigint;
  /** Number of initialized ticks crossed (each costs gas on chain). */
  initializedTicksCrossed: number;
  /**
   * True when the swap stopped at the price limit (or the end of the tick range) before using the
   * whole specified amount: an exact-input swap then took less than asked, an exact-output one paid out less.
   */
  hitPriceLimit: boolean;
};
