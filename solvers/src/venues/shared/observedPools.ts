// Pool states as a venue observes them: plain data (bigints), recorded with each decision so the
// venue's pure `candidatesAt` can price the same candidates again later (the audit).
import { type AmmPool, bigintJson, type V3PoolState } from '@hedge-router/router';
import type { Address } from 'viem';
import { z } from 'zod';

const address = z.custom<Address>(
  (v) => typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v),
  'must be a 0x address',
);
export const addressSchema = address;

/** One V3 pool of the pair with its full state at the observed block. */
export type ObservedPool = {
  address: Address;
  token0: Address;
  token1: Address;
  fee: number;
  state: V3PoolState;
};

export const observedPoolSchema: z.ZodType<ObservedPool, unknown> = z.object({
  address,
  token0: address,
  token1: address,
  fee: z.number(),
  state: z.object({
    sqrtPriceX96: bigintJson,
    tick: z.number(),
    liquidity: bigintJson,
    fee: z.number(),
    tickSpacing: z.number(),
    ticks: z.array(z.object({ index: z.number(), liquidityNet: bigintJson })).readonly(),
  }),
});

// One router pool per state object: the router keys its per-pool float models and swap memos on
// the pool object, so venues observing the same state (the block memo shares it) share them too.
const pools = new WeakMap<V3PoolState, AmmPool>();

/** The router's pool for an observed state (the same object for the same state object). */
export function ammPoolOf(state: V3PoolState): AmmPool {
  let pool = pools.get(state);
  if (!pool) {
    pool = { kind: 'uniswap-v3', state };
    pools.set(state, pool);
  }
  return pool;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * A gas cost in wei converted to base units of `token`, at the pool's price. `wrappedNative` is
 * the pool's WETH: wei and WETH base units are one for one.
 */
export function weiToToken(gasWei: bigint, token: Address, wrappedNative: Address, pool: ObservedPool) {
  if (same(token, wrappedNative)) return gasWei;
  const wethIsToken0 = same(pool.token0, wrappedNative);
  const priceSq = pool.state.sqrtPriceX96 * pool.state.sqrtPriceX96;
  const q192 = 2n ** 192n;
  return wethIsToken0 ? (gasWei * priceSq) / q192 : (gasWei * q192) / priceSq;
}
