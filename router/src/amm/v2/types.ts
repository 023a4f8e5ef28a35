/**
 * A constant-product (Uniswap V2 style) pool as plain data, from `getReserves()` and the pair's
 * fee. Treated as immutable: swaps return new states.
 */
export type V2PoolState = {
  /** Reserve of token0, in token0 base units (uint112 on chain). */
  readonly reserve0: bigint;
  /** Reserve of token1, in token1 base units. */
  readonly reserve1: bigint;
  /** Swap fee in hundredths of a bip (pips): 3000 = 0.30 % (Uniswap V2), 2500 = 0.25 %. */
  readonly fee: number;
};
