import type { HedgeIntent } from '@hedge-router/router';
import type { Address, PublicClient } from 'viem';
import { readV3PoolState } from '../../chain/readV3PoolState.js';

/** One Uniswap V3 pool of the pair a venue trades. */
export type V3PoolRef = { address: Address; fee: number; token0: Address; token1: Address };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The configured pools that trade exactly the intent's pair. */
export function poolsForIntent(pools: readonly V3PoolRef[], intent: HedgeIntent): V3PoolRef[] {
  return pools.filter(
    (p) =>
      (same(p.token0, intent.sellToken) && same(p.token1, intent.buyToken)) ||
      (same(p.token1, intent.sellToken) && same(p.token0, intent.buyToken)),
  );
}

/** Reads every pool of the pair at one block, with the chain's current base fee. */
export async function readV3Market(client: PublicClient, pools: readonly V3PoolRef[]) {
  const block = await client.getBlock({ blockTag: 'latest' });
  const states = await Promise.all(
    pools.map(async (ref) => ({
      ref,
      state: await readV3PoolState(client, ref.address, { blockNumber: block.number }),
    })),
  );
  return { blockNumber: block.number, baseFeePerGas: block.baseFeePerGas ?? 0n, states };
}

/**
 * A gas cost in wei converted to base units of `token`, at the pool's price. `wrappedNative` is
 * the pool's WETH: wei and WETH base units are one for one.
 */
export function weiToToken(
  gasWei: bigint,
  token: Address,
  wrappedNative: Address,
  pool: V3PoolRef,
  sqrtPriceX96: bigint,
) {
  if (same(token, wrappedNative)) return gasWei;
  const wethIsToken0 = same(pool.token0, wrappedNative);
  const priceSq = sqrtPriceX96 * sqrtPriceX96;
  const q192 = 2n ** 192n;
  return wethIsToken0 ? (gasWei * priceSq) / q192 : (gasWei * q192) / priceSq;
}
