import type { AmmPool } from './pool.js';

const Q192 = 2 ** 192;

/**
 * The pool's marginal price before fees, as token1 base units per token0 base unit (a float: for
 * costs and statistics, never for amounts). V3: sqrtPriceX96²/2^192; V2: reserve1/reserve0.
 */
export function poolMidPrice(pool: AmmPool): number {
  if (pool.kind === 'uniswap-v3') {
    const sqrt = Number(pool.state.sqrtPriceX96);
    return (sqrt * sqrt) / Q192;
  }
  return Number(pool.state.reserve1) / Number(pool.state.reserve0);
}
