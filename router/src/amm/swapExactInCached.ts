import { objectCache } from './objectCache.js';
import type { AmmPool, AmmSwap } from './pool.js';
import { type SwapExactInParameters, swapExactIn } from './swapExactIn.js';
import { enableV3SwapPath } from './v3/v3SwapPath.js';

// Pool states are immutable, so a swap on one is a pure function of (pool, direction, amount):
// candidates that share a pool (public, protected, bundle) and the lower-bound and full quotes
// of one candidate reuse each other's swaps within a route decision (a dozen or so sizes per
// pool). Kept small on purpose: every entry still alive at a scavenge is copied and then
// promoted, so a long memo of past decisions' swaps (which a new decision, with its own sizes,
// rarely hits) made each young-generation GC pause several times longer. Two generations of
// ENTRIES_PER_GENERATION: a full young generation becomes the old one, so the recent sizes of
// the current decision are never all dropped at once. Dropped with the pool.
const ENTRIES_PER_GENERATION = 48;
type Generations = { young: Map<bigint, AmmSwap>; old: Map<bigint, AmmSwap> };
// On the pool object, not in a WeakMap: see objectCache.
const cache = objectCache<AmmPool, Generations>('swapMemo');

/**
 * swapExactIn with a memo keyed by the pool object: same result, computed once per (pool,
 * direction, amount) while it is recent. Use it for swaps from a pool state that is quoted repeatedly.
 */
export function swapExactInCached(pool: AmmPool, params: SwapExactInParameters): AmmSwap {
  let generations = cache.get(pool);
  if (generations === undefined) {
    generations = { young: new Map(), old: new Map() };
    cache.set(pool, generations);
    // A pool quoted repeatedly: its swaps (and the sandwiches run from it) share a step table.
    if (pool.kind === 'uniswap-v3') enableV3SwapPath(pool.state);
  }
  // One key space for both directions: the sign carries the direction.
  const key = params.zeroForOne ? params.amountIn : -params.amountIn;
  let swap = generations.young.get(key);
  if (swap === undefined) {
    swap = generations.old.get(key) ?? swapExactIn(pool, params);
    if (generations.young.size >= ENTRIES_PER_GENERATION) {
      generations.old = generations.young;
      generations.young = new Map();
    }
    generations.young.set(key, swap);
  }
  return swap;
}
