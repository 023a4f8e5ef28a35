import type { AmmPool, AmmSwap } from './pool.js';
import { type SwapExactInParameters, swapExactIn } from './swapExactIn.js';

// Pool states are immutable, so a swap on one is a pure function of (pool, direction, amount):
// candidates that share a pool (public, protected, bundle) and the sandwich search's front-runs
// from the current state reuse each other's swaps. Bounded per pool; dropped with the pool.
const MAX_ENTRIES_PER_POOL = 512;
const cache = new WeakMap<AmmPool, Map<bigint, AmmSwap>>();

/**
 * swapExactIn with a memo keyed by the pool object: same result, computed once per (pool,
 * direction, amount). Use it for swaps from a pool state that is quoted repeatedly.
 */
export function swapExactInCached(pool: AmmPool, params: SwapExactInParameters): AmmSwap {
  let byAmount = cache.get(pool);
  if (byAmount === undefined) {
    byAmount = new Map();
    cache.set(pool, byAmount);
  }
  // One key space for both directions: the sign carries the direction.
  const key = params.zeroForOne ? params.amountIn : -params.amountIn;
  let swap = byAmount.get(key);
  if (swap === undefined) {
    swap = swapExactIn(pool, params);
    if (byAmount.size >= MAX_ENTRIES_PER_POOL) byAmount.clear();
    byAmount.set(key, swap);
  }
  return swap;
}
