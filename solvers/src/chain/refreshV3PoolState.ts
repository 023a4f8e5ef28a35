import type { V3PoolState } from '@hedge-router/router';
import { HedgeRouterError } from '@hedge-router/router';
import type { Address, PublicClient } from 'viem';
import { uniswapV3PoolAbi } from './abis.js';
import { readV3PoolState } from './readV3PoolState.js';

const positionEvents = uniswapV3PoolAbi.filter(
  (item) => item.type === 'event' && (item.name === 'Mint' || item.name === 'Burn'),
);

/**
 * A pool's full state at `blockNumber` (every bitmap word, as `readV3PoolState` with no
 * `wordRadius`), from its full state at an earlier block of the same chain. A pool's initialized
 * ticks and their `liquidityNet` change only when a position is minted or burned (the pool's
 * `_updatePosition`, reached only from `mint` and `burn`, which always log Mint or Burn, even
 * for zero liquidity); swaps move only slot0 and the active liquidity. So when no Mint or Burn
 * was logged by the pool after `previous.blockNumber` up to `blockNumber`, the new state is the
 * old tick list with slot0 and liquidity read again: two small requests instead of a bitmap scan
 * and a read of every tick, and the same `ticks` array (what the router keys its per-pool float
 * models on). Otherwise the whole state is read again.
 *
 * `previous` must have been read at a block of the chain `blockNumber` is on (after a reorg or an
 * evm_revert below it, read afresh): the caller's block memo guarantees it.
 */
export async function refreshV3PoolState(
  client: PublicClient,
  pool: Address,
  previous: { blockNumber: bigint; state: V3PoolState },
  blockNumber: bigint,
): Promise<V3PoolState> {
  if (previous.blockNumber >= blockNumber)
    throw new HedgeRouterError('INVALID_INPUT', {
      field: 'previous',
      shortMessage: 'must be at a lower block than blockNumber',
      details: { previous: previous.blockNumber, blockNumber },
    });
  const [logs, [slot0, liquidity]] = await Promise.all([
    client.getLogs({
      address: pool,
      events: positionEvents,
      fromBlock: previous.blockNumber + 1n,
      toBlock: blockNumber,
      strict: false,
    }),
    client.multicall({
      contracts: [
        { address: pool, abi: uniswapV3PoolAbi, functionName: 'slot0' },
        { address: pool, abi: uniswapV3PoolAbi, functionName: 'liquidity' },
      ],
      allowFailure: false,
      deployless: true,
      blockNumber,
    }),
  ]);
  if (logs.length > 0) return readV3PoolState(client, pool, { blockNumber });
  return {
    sqrtPriceX96: slot0[0],
    tick: slot0[1],
    liquidity,
    fee: previous.state.fee,
    tickSpacing: previous.state.tickSpacing,
    ticks: previous.state.ticks,
  };
}
