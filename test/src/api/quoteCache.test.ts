import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type AppDeps, buildApp, createVenues, readDeployment } from '@hedge-router/api';
import { startWorld, type World } from '@hedge-router/simulations';
import type { FastifyInstance } from 'fastify';
import { parseEther, parseUnits } from 'viem';
import { approveSwapRouter, mintAroundPrice, swapOnPool } from '../support/poolActions.js';
import { type ApiHarness, startApi } from './apiFixture.js';
import { quoteBodies } from './quoteBodies.js';

type CacheStats = { hits: number; misses: number };
const statsOf = (deps: AppDeps) =>
  (deps.chain.client as unknown as { blockCacheStats: () => CacheStats }).blockCacheStats();

// A quote is a function of the chain at a block and the request: the service's per-block caches
// (pool states read once per block and refreshed from the previous block's, shared by every
// quote and venue) must give exactly the answer computed from scratch at the same block, and a
// new block must be seen by the next quote.
describe('POST /v1/quotes with per-block caches', () => {
  let world: World;
  let api: ApiHarness;
  let fresh: FastifyInstance;

  before(async () => {
    // Automine: the chain stays at one block until a transaction of the test is mined.
    world = await startWorld({
      descriptorPath: join(mkdtempSync(join(tmpdir(), 'hedge-qc-')), 'world.json'),
    });
    await approveSwapRouter(world);
    api = await startApi(world);
    // The same service without any cache: a plain viem client (no block memo), its own venues.
    const chain = { ...api.deps.chain, client: world.chains.main.clients.public };
    const deployment = readDeployment(world.descriptorPath as string);
    fresh = await buildApp({ ...api.deps, chain, venues: createVenues(api.deps.config, deployment, chain) });
  });
  after(async () => {
    await fresh?.close();
    await api?.close();
    await world?.stop();
  });

  const bodies = () => quoteBodies(world);
  const quote = async (app: FastifyInstance, body: object) => {
    const res = await app.inject({ method: 'POST', url: '/v1/quotes', payload: body });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { blockNumber: string; best: { expectedBuyAmount: string } | null };
  };
  /** Every body quoted through the caches twice (the second from them) and from scratch: all equal. */
  const assertCachedEqualsFresh = async () => {
    const answers = [];
    for (const body of bodies()) {
      const first = await quote(api.app, body);
      const missesAfterFirst = statsOf(api.deps).misses;
      const second = await quote(api.app, body);
      assert.equal(statsOf(api.deps).misses, missesAfterFirst, 'the second quote reads nothing new');
      const scratch = await quote(fresh, body);
      assert.deepEqual(first, scratch, `cached = fresh for ${JSON.stringify(body)}`);
      assert.deepEqual(second, scratch);
      assert.ok(first.best, 'a route is found');
      answers.push(first);
    }
    return answers;
  };

  it('behavior: a quote from the caches equals one computed from scratch at the same block', async () => {
    const answers = await assertCachedEqualsFresh();
    assert.equal(new Set(answers.map((a) => a.blockNumber)).size, 1, 'all at one block');
  });

  it('behavior: a swap in a new block is seen by the next quote (the refreshed state equals a fresh read)', async () => {
    const before = await assertCachedEqualsFresh();
    const { weth } = world.descriptor.chains.main.tokens;
    const pool = world.descriptor.chains.main.pools[0];
    assert.ok(pool);
    await swapOnPool(world, pool, weth.address, parseEther('300'));
    // One block later, so each pool is refreshed from the previous block's state: one small
    // multicall (slot0, liquidity) per pool, no bitmap or tick reads.
    const missesBefore = statsOf(api.deps).misses;
    const firstAfterSwap = await quote(api.app, bodies()[0] as object);
    const pools = world.descriptor.chains.main.pools.length;
    assert.equal(statsOf(api.deps).misses - missesBefore, pools, 'refreshed, not read again');
    assert.deepEqual(firstAfterSwap, await quote(fresh, bodies()[0] as object));
    const afterSwap = await assertCachedEqualsFresh();
    for (const [i, answer] of afterSwap.entries()) {
      assert.ok(BigInt(answer.blockNumber) > BigInt(before[i]?.blockNumber ?? 0), 'a later block');
      assert.notEqual(answer.best?.expectedBuyAmount, before[i]?.best?.expectedBuyAmount, 'the new price');
    }
  });

  it('behavior: a position minted in a new block is seen by the next quote (ticks read again)', async () => {
    const before = await assertCachedEqualsFresh();
    const pool = world.descriptor.chains.main.pools[0];
    assert.ok(pool);
    const wethIsToken0 =
      pool.token0.toLowerCase() === world.descriptor.chains.main.tokens.weth.address.toLowerCase();
    const [weth, usd] = [parseEther('50'), parseUnits('150000', 6)];
    await mintAroundPrice(world, pool, {
      ticksBelow: 2,
      ticksAbove: 2,
      ...(wethIsToken0 ? { amount0: weth, amount1: usd } : { amount0: usd, amount1: weth }),
    });
    const afterMint = await assertCachedEqualsFresh();
    assert.ok(
      afterMint.some((a, i) => a.best?.expectedBuyAmount !== before[i]?.best?.expectedBuyAmount),
      'the new liquidity changes some quote',
    );
  });
});
