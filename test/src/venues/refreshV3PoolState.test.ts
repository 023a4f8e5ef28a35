import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startWorld, type World } from '@hedge-router/simulations';
import { readV3PoolState, refreshV3PoolState } from '@hedge-router/solvers';
import { parseEther, parseUnits } from 'viem';
import { approveSwapRouter, mintAroundPrice, swapOnPool } from '../support/poolActions.js';

// refreshV3PoolState must give exactly what a full read gives at the same block, whether the
// ticks were kept (only swaps since) or changed (a position minted since).
describe('refreshV3PoolState', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ descriptorPath: null });
    await approveSwapRouter(world);
  });
  after(async () => {
    await world?.stop();
  });

  const amounts = (pool: { token0: string }) => {
    const wethIsToken0 =
      pool.token0.toLowerCase() === world.descriptor.chains.main.tokens.weth.address.toLowerCase();
    const [weth, usd] = [parseEther('1'), parseUnits('3000', 6)];
    return wethIsToken0 ? { amount0: weth, amount1: usd } : { amount0: usd, amount1: weth };
  };

  it('behavior: after swaps only, the refreshed state equals a full read and keeps the same tick list', async () => {
    const client = world.chains.main.clients.public;
    const pool = world.descriptor.chains.main.pools[0];
    assert.ok(pool);
    const at = await client.getBlockNumber({ cacheTime: 0 });
    const before = await readV3PoolState(client, pool.address, { blockNumber: at });
    await swapOnPool(world, pool, world.descriptor.chains.main.tokens.weth.address, parseEther('25'));
    await swapOnPool(world, pool, world.descriptor.chains.main.tokens.usd.address, parseUnits('20000', 6));
    const now = await client.getBlockNumber({ cacheTime: 0 });
    const refreshed = await refreshV3PoolState(client, pool.address, { blockNumber: at, state: before }, now);
    const full = await readV3PoolState(client, pool.address, { blockNumber: now });
    assert.deepEqual(refreshed, full);
    assert.notEqual(refreshed.sqrtPriceX96, before.sqrtPriceX96, 'the swaps moved the price');
    assert.equal(refreshed.ticks, before.ticks, 'the same array: no position changed');
  });

  it('behavior: after a mint, the refreshed state equals a full read with the new ticks', async () => {
    const client = world.chains.main.clients.public;
    const pool = world.descriptor.chains.main.pools[1];
    assert.ok(pool);
    const at = await client.getBlockNumber({ cacheTime: 0 });
    const before = await readV3PoolState(client, pool.address, { blockNumber: at });
    await mintAroundPrice(world, pool, { ticksBelow: 3, ticksAbove: 5, ...amounts(pool) });
    const now = await client.getBlockNumber({ cacheTime: 0 });
    const refreshed = await refreshV3PoolState(client, pool.address, { blockNumber: at, state: before }, now);
    const full = await readV3PoolState(client, pool.address, { blockNumber: now });
    assert.deepEqual(refreshed, full);
    assert.equal(refreshed.ticks.length, before.ticks.length + 2, 'two new initialized ticks');
  });

  it('error: a previous state that is not from an earlier block is refused, naming the field', async () => {
    const client = world.chains.main.clients.public;
    const pool = world.descriptor.chains.main.pools[0];
    assert.ok(pool);
    const now = await client.getBlockNumber({ cacheTime: 0 });
    const state = await readV3PoolState(client, pool.address, { blockNumber: now });
    await assert.rejects(
      refreshV3PoolState(client, pool.address, { blockNumber: now, state }, now),
      /previous: must be at a lower block/,
    );
  });
});
