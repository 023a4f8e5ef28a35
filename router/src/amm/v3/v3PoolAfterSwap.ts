import type { V3PoolState, V3SwapResult } from './types.js';

/**
 * The pool state after a swap simulated on `pool` (price, tick and active liquidity move; the
 * initialized ticks and their liquidityNet do not). Lets a caller chain swaps in one block,
 * e.g. a sandwich: front-run, victim, back-run.
 */
export function v3PoolAfterSwap(pool: V3PoolState, swap: V3SwapResult): V3PoolState {
  // An explicit literal (not a spread) keeps one object shape for every state: hot in the MEV search.
  return {
    sqrtPriceX96: swap.sqrtPriceX96After,
    tick: swap.tickAfter,
    liquidity: swap.liquidityAfter,
    fee: pool.fee,
    tickSpacing: pool.tickSpacing,
    ticks: pool.ticks,
  };
}
