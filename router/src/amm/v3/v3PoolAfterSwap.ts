import type { V3PoolState, V3SwapResult } from './types.js';

/**
 * The pool state after a swap simulated on `pool` (price, tick and active liquidity move; the
 * initialized ticks and their liquidityNet do not). Lets a caller chain swaps in one block,
 * e.g. a sandwich: front-run, victim, back-run.
 */
export function v3PoolAfterSwap(pool: V3PoolState, swap: V3SwapResult): V3PoolState {
  return {
    ...pool,
    sqrtPriceX96: swap.sqrtPriceX96After,
    tick: swap.tickAfter,
    liquidity: swap.liquidityAfter,
  };
}
