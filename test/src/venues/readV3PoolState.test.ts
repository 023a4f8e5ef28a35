import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { quoteV3ExactIn } from '@hedge-router/router';
import { startWorld, type World } from '@hedge-router/simulations';
import { quoterV2Abi, readV3PoolState } from '@hedge-router/solvers';
import { parseEther, parseUnits } from 'viem';

// The chain reader and the router's exact math together must reproduce the chain to the wei:
// for random swaps of every size, quoteV3ExactIn on the state read equals QuoterV2 on chain.
describe('readV3PoolState', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ descriptorPath: null });
  });
  after(async () => {
    await world?.stop();
  });

  it('behavior: reads every initialized tick of the seeded pools', async () => {
    const { pools } = world.descriptor.chains.main;
    for (const pool of pools) {
      const state = await readV3PoolState(world.chains.main.clients.public, pool.address);
      const expected = new Set(pool.positions.flatMap((p) => [p.tickLower, p.tickUpper]));
      assert.deepEqual(
        state.ticks.map((t) => t.index),
        [...expected].sort((a, b) => a - b),
      );
      assert.equal(state.fee, pool.fee);
      assert.equal(state.tickSpacing, pool.tickSpacing);
      // liquidityNet sums to zero over a pool's ticks: every position adds and removes the same L
      assert.equal(
        state.ticks.reduce((sum, t) => sum + t.liquidityNet, 0n),
        0n,
      );
    }
  });

  it('behavior: quoteV3ExactIn on the state read equals QuoterV2 to the base unit, both directions, tiny to range-crossing sizes', async () => {
    const client = world.chains.main.clients.public;
    const { pools, tokens, uniswapV3 } = world.descriptor.chains.main;
    const sizes = {
      weth: ['0.001', '1', '40', '1000', '5000'].map((x) => parseEther(x)),
      usd: ['1', '3000', '120000', '3000000', '12000000'].map((x) => parseUnits(x, 6)),
    };
    for (const pool of pools) {
      const state = await readV3PoolState(client, pool.address);
      for (const [tokenIn, tokenOut, amounts] of [
        [tokens.weth.address, tokens.usd.address, sizes.weth],
        [tokens.usd.address, tokens.weth.address, sizes.usd],
      ] as const) {
        for (const amountIn of amounts) {
          const { result } = await client.simulateContract({
            address: uniswapV3.quoterV2,
            abi: quoterV2Abi,
            functionName: 'quoteExactInputSingle',
            args: [{ tokenIn, tokenOut, amountIn, fee: pool.fee, sqrtPriceLimitX96: 0n }],
          });
          const zeroForOne = tokenIn.toLowerCase() === pool.token0.toLowerCase();
          const ours = quoteV3ExactIn(state, { zeroForOne, amountIn });
          assert.equal(ours.amountOut, result[0], `${pool.label} ${amountIn} ${zeroForOne ? '0→1' : '1→0'}`);
          assert.equal(ours.sqrtPriceX96After, result[1]);
        }
      }
    }
  });

  it('behavior: a bounded word radius reads fewer ticks but the same ones near the price', async () => {
    const client = world.chains.main.clients.public;
    const pool = world.descriptor.chains.main.pools[0];
    assert.ok(pool);
    const full = await readV3PoolState(client, pool.address);
    const near = await readV3PoolState(client, pool.address, { wordRadius: 2 });
    assert.ok(near.ticks.length < full.ticks.length);
    assert.deepEqual(
      near.ticks,
      full.ticks.filter((t) => Math.abs(t.index - full.tick) < 2 * 256 * pool.tickSpacing),
    );
  });
});
