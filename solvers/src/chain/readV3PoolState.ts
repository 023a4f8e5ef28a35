import type { V3PoolState } from '@hedge-router/router';
import type { Address, PublicClient } from 'viem';
import { uniswapV3PoolAbi } from './abis.js';

export type ReadV3PoolStateOptions = {
  /** Read every value at this block, so the state is one consistent snapshot. Default: latest. */
  blockNumber?: bigint;
  /**
   * Scan only this many tick-bitmap words either side of the current one (a word covers 256
   * tick spacings: ±2.6% of price per word at spacing 10, ±16% at 60). Default: every word, so
   * a simulated swap of any size crosses exactly the ticks the pool would.
   */
  wordRadius?: number;
};

const MIN_TICK = -887272;
const MAX_TICK = 887272;
// viem splits a multicall into eth_calls of at most this many bytes of *inner* calldata. A
// deployless call is init code (Multicall3's ~5.6 KB + the ABI-encoded calls, ~7× the inner
// calldata for 36-byte calls) and must stay under EIP-3860's 48 KiB: 4,000 bytes is ~110 calls
// per eth_call, so a full bitmap scan of a spacing-10 pool is 7 parallel eth_calls.
const MULTICALL_BATCH_BYTES = 4_000;

/**
 * Reads a Uniswap V3 pool's state from the chain into the router's `V3PoolState`: slot0,
 * liquidity, fee and tick spacing, then the tick bitmap words, then `liquidityNet` of every
 * initialized tick, all at one block. Three round trips in all, each a multicall done as a
 * deployless eth_call (viem), so it needs no Multicall3 contract and works against any RPC.
 */
export async function readV3PoolState(
  client: PublicClient,
  pool: Address,
  options: ReadV3PoolStateOptions = {},
): Promise<V3PoolState> {
  const blockNumber = options.blockNumber ?? (await client.getBlockNumber({ cacheTime: 0 }));
  const multicall = <T>(contracts: readonly unknown[]) =>
    client.multicall({
      contracts: contracts as never,
      allowFailure: false,
      deployless: true,
      blockNumber,
      batchSize: MULTICALL_BATCH_BYTES,
    }) as Promise<T>;
  const read = (functionName: string, args?: readonly unknown[]) => ({
    address: pool,
    abi: uniswapV3PoolAbi,
    functionName,
    ...(args ? { args } : {}),
  });

  const [slot0, liquidity, fee, tickSpacing] = await multicall<
    [readonly [bigint, number, number, number, number, number, boolean], bigint, number, number]
  >([read('slot0'), read('liquidity'), read('fee'), read('tickSpacing')]);
  const [sqrtPriceX96, tick] = slot0;

  // Word positions of compressed ticks (tick / spacing, floored) within the valid range.
  const compress = (t: number) => Math.floor(t / tickSpacing);
  const minWord = compress(MIN_TICK) >> 8;
  const maxWord = compress(MAX_TICK) >> 8;
  const currentWord = compress(tick) >> 8;
  const radius = options.wordRadius ?? Number.POSITIVE_INFINITY;
  const words: number[] = [];
  for (let w = Math.max(minWord, currentWord - radius); w <= Math.min(maxWord, currentWord + radius); w++)
    words.push(w);
  const bitmaps = await multicall<bigint[]>(words.map((w) => read('tickBitmap', [w])));

  const initialized: number[] = [];
  bitmaps.forEach((bitmap, i) => {
    if (bitmap === 0n) return;
    const word = words[i] as number;
    for (let bit = 0; bit < 256; bit++) {
      if ((bitmap >> BigInt(bit)) & 1n) initialized.push(((word << 8) + bit) * tickSpacing);
    }
  });
  const tickInfos = await multicall<(readonly [bigint, bigint, ...unknown[]])[]>(
    initialized.map((t) => read('ticks', [t])),
  );
  const ticks = initialized
    .map((index, i) => ({ index, liquidityNet: (tickInfos[i] as readonly [bigint, bigint])[1] }))
    .sort((a, b) => a.index - b.index);

  return { sqrtPriceX96, tick, liquidity, fee, tickSpacing, ticks };
}
