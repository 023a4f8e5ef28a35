import type { AmmPool, HedgeIntent, V3PoolState } from '@hedge-router/router';
import type { Address, PublicClient } from 'viem';
import { blockMemoOf } from '../../chain/blockMemo.js';
import { readV3PoolState } from '../../chain/readV3PoolState.js';
import { refreshV3PoolState } from '../../chain/refreshV3PoolState.js';
import { ammPoolOf, type ObservedPool } from './observedPools.js';

/** One Uniswap V3 pool of the pair a venue trades. */
export type V3PoolRef = { address: Address; fee: number; token0: Address; token1: Address };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The configured pools that trade exactly the intent's pair. */
export function poolsForIntent(
  pools: readonly V3PoolRef[],
  intent: Pick<HedgeIntent, 'sellToken' | 'buyToken'>,
): V3PoolRef[] {
  return pools.filter(
    (p) =>
      (same(p.token0, intent.sellToken) && same(p.token1, intent.buyToken)) ||
      (same(p.token1, intent.sellToken) && same(p.token0, intent.buyToken)),
  );
}

/** One pool's state at a block, and the same state as the router's pool (one object per state). */
export type V3PoolAtBlock = { state: V3PoolState; pool: AmmPool };

/**
 * One pool's full state at a block. Through a client with a block memo (the api's), it is read
 * once per block and shared by every quote and venue that needs it, as one `AmmPool` object: the
 * router keys its per-pool float models and swap memos on that object, so they too are built
 * once per pool state, not per quote. A pool known at an earlier block is refreshed (slot0 and
 * liquidity, the tick list kept unless a position changed: see refreshV3PoolState).
 */
export function readV3PoolAtBlock(
  client: PublicClient,
  address: Address,
  blockNumber: bigint,
): Promise<V3PoolAtBlock> {
  const atBlock = (state: V3PoolState): V3PoolAtBlock => ({ state, pool: ammPoolOf(state) });
  const memo = blockMemoOf(client);
  if (!memo) return readV3PoolState(client, address, { blockNumber }).then(atBlock);
  return memo.memoAtBlock<V3PoolAtBlock>(
    blockNumber,
    `uniswap-v3-pool:${address.toLowerCase()}`,
    (previous) =>
      (previous
        ? refreshV3PoolState(
            client,
            address,
            { blockNumber: previous.blockNumber, state: previous.value.state },
            blockNumber,
          )
        : readV3PoolState(client, address, { blockNumber })
      ).then((state) =>
        // Unchanged since the previous block (no swap, no position change): keep its objects.
        previous && sameState(previous.value.state, state) ? previous.value : atBlock(state),
      ),
  );
}

const sameState = (a: V3PoolState, b: V3PoolState) =>
  a.sqrtPriceX96 === b.sqrtPriceX96 &&
  a.tick === b.tick &&
  a.liquidity === b.liquidity &&
  a.ticks === b.ticks;

/** The head block as the market reads need it. */
export type HeadBlock = { number: bigint; baseFeePerGas: bigint | null };

/** Reads every pool of the pair at one block (the head, unless given), with that block's base fee. */
export async function readV3Market(client: PublicClient, pools: readonly V3PoolRef[], head?: HeadBlock) {
  const block = head ?? (await client.getBlock({ blockTag: 'latest' }));
  const states = await Promise.all(
    pools.map(async (ref) => ({ ref, ...(await readV3PoolAtBlock(client, ref.address, block.number)) })),
  );
  return { blockNumber: block.number, baseFeePerGas: block.baseFeePerGas ?? 0n, states };
}

/**
 * `build` at the head block, once per (block, key) through the client's block memo (shared by
 * every caller at that block, dropped with it and on a rewind); each call without one. For what
 * depends on the block and a few fields of a request only, such as a venue's candidates for a
 * pair: a quote then costs a lookup, not the reads, conversions and objects of the build. The
 * value is shared: callers must not change it.
 */
export async function atHeadBlock<T>(
  client: PublicClient,
  key: string,
  build: (head: HeadBlock) => Promise<T>,
): Promise<T> {
  const head = await client.getBlock({ blockTag: 'latest' });
  const memo = blockMemoOf(client);
  return memo ? memo.memoAtBlock(head.number, key, () => build(head)) : build(head);
}

/** Every pool of the pair at one block, as a venue records them (refs with their states). */
export async function observeV3Pools(
  client: PublicClient,
  pools: readonly V3PoolRef[],
  head?: HeadBlock,
): Promise<{ blockNumber: bigint; baseFeePerGas: bigint; pools: ObservedPool[] }> {
  const market = await readV3Market(client, pools, head);
  return {
    blockNumber: market.blockNumber,
    baseFeePerGas: market.baseFeePerGas,
    pools: market.states.map(({ ref, state }) => ({ ...ref, state })),
  };
}
