import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '@hedge-router/api';
import { startWorld, type World } from '@hedge-router/simulations';
import type { FastifyInstance } from 'fastify';
import { parseEther } from 'viem';
import { approveSwapRouter, swapOnPool } from '../support/poolActions.js';
import { ADMIN_TOKEN, type ApiHarness, startApi } from './apiFixture.js';
import { quoteBodies } from './quoteBodies.js';

// Quotes computed on worker threads (QUOTE_WORKERS) must be the answers the event loop computes:
// the same JSON for the same body at the same block, the same 4xx for the same bad body; a new
// block is seen (read per request, or pushed over a newHeads subscription); a worker that dies fails its quotes in flight with 503, never a hang or a 500,
// and is replaced.
describe('POST /v1/quotes on quote worker threads', () => {
  let world: World;
  let onLoop: ApiHarness;
  let onWorkers: ApiHarness;

  before(async () => {
    // Automine: the chain stays at one block until a transaction of the test is mined.
    world = await startWorld({
      descriptorPath: join(mkdtempSync(join(tmpdir(), 'hedge-qw-')), 'world.json'),
    });
    await approveSwapRouter(world);
    onLoop = await startApi(world);
    onWorkers = await startApi(world, { QUOTE_WORKERS: '2' });
  });
  after(async () => {
    await onWorkers?.close();
    await onLoop?.close();
    await world?.stop();
  });

  const bodies = () => {
    const { weth, usd } = world.descriptor.chains.main.tokens;
    const weths = (amount: string, more: object = {}) => ({
      chainId: 31337,
      sellToken: weth.address,
      buyToken: usd.address,
      sellAmount: parseEther(amount).toString(),
      ...more,
    });
    // One venue allowed (the allow-list crosses the thread boundary too), and more than the
    // pools can take (an answer without a route, not a failure).
    return quoteBodies(world, [weths('41.3', { venues: ['public-amm'] }), weths('5000000')]);
  };
  const quote = (app: FastifyInstance, body: object) =>
    app.inject({ method: 'POST', url: '/v1/quotes', payload: body });

  it('behavior: the workers answer exactly what the event loop answers, at the same block', async () => {
    assert.equal(onWorkers.deps.quoteWorkers?.size, 2);
    assert.equal(onLoop.deps.quoteWorkers, undefined);
    for (const body of bodies()) {
      const [loop, workers] = await Promise.all([quote(onLoop.app, body), quote(onWorkers.app, body)]);
      assert.equal(workers.statusCode, 200, workers.body);
      assert.equal(workers.headers['content-type'], loop.headers['content-type']);
      assert.equal(workers.body, loop.body, `same JSON for ${JSON.stringify(body)}`);
    }
    const last = await quote(onWorkers.app, bodies()[6] as object);
    assert.equal(last.json().best, null, 'no route for 5M WETH');
  });

  it('behavior: a body the chain cannot serve gets the same 422 naming the field', async () => {
    const { weth, usd } = world.descriptor.chains.main.tokens;
    const cases = [
      {
        field: 'chainId',
        body: { chainId: 1, sellToken: weth.address, buyToken: usd.address, sellAmount: '1' },
      },
      {
        field: 'sellToken',
        body: { chainId: 31337, sellToken: `0x${'12'.repeat(20)}`, buyToken: usd.address, sellAmount: '1' },
      },
      {
        field: 'buyToken',
        body: { chainId: 31337, sellToken: weth.address, buyToken: weth.address, sellAmount: '1' },
      },
    ];
    for (const { field, body } of cases) {
      const [loop, workers] = await Promise.all([quote(onLoop.app, body), quote(onWorkers.app, body)]);
      assert.equal(workers.statusCode, 422, workers.body);
      assert.deepEqual(workers.json(), loop.json());
      assert.equal(workers.json().fields[0].field, field);
    }
  });

  it('behavior: a swap in a new block is seen by the workers', async () => {
    const body = bodies()[0] as object;
    const before = (await quote(onWorkers.app, body)).json();
    const { weth } = world.descriptor.chains.main.tokens;
    const pool = world.descriptor.chains.main.pools[0];
    assert.ok(pool);
    await swapOnPool(world, pool, weth.address, parseEther('300'));
    const after = (await quote(onWorkers.app, body)).json();
    assert.ok(BigInt(after.blockNumber) > BigInt(before.blockNumber), 'a later block');
    assert.notEqual(after.best.expectedBuyAmount, before.best.expectedBuyAmount, 'the new price');
    assert.equal((await quote(onLoop.app, body)).body, JSON.stringify(after));
  });

  it('robustness: a worker that dies fails its quotes in flight with 503 and is replaced', async () => {
    const pool = onWorkers.deps.quoteWorkers;
    assert.ok(pool);
    const body = bodies()[2] as object;
    const inFlight = Array.from({ length: 8 }, () => quote(onWorkers.app, body));
    await pool.restartWorker(0);
    const answers = await Promise.all(inFlight);
    for (const a of answers)
      assert.ok(a.statusCode === 200 || a.statusCode === 503, `${a.statusCode} ${a.body}`);
    const failed = answers.filter((a) => a.statusCode === 503);
    for (const a of failed) assert.equal(a.json().error, 'UNAVAILABLE');
    // The replacement starts within a second or so; until then the other worker answers.
    const deadline = Date.now() + 20_000;
    let ok = 0;
    while (ok < 6 && Date.now() < deadline) {
      const res = await quote(onWorkers.app, body);
      assert.ok(res.statusCode === 200 || res.statusCode === 503, res.body);
      if (res.statusCode === 200) ok++;
    }
    assert.equal(ok, 6, 'quotes are answered again');
    while (pool.running < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(pool.running, 2, 'the dead worker was replaced');
  });

  it('behavior: with CHAIN_WS_URL the workers follow pushed heads and read no head per quote', async () => {
    const wsUrl = world.descriptor.chains.main.rpcUrl.replace(/^http/, 'ws');
    const following = await startApi(world, { QUOTE_WORKERS: '1', CHAIN_WS_URL: wsUrl });
    try {
      const pool = following.deps.quoteWorkers;
      assert.ok(pool);
      const body = bodies()[1] as object;
      const { weth } = world.descriptor.chains.main.tokens;
      const pair = world.descriptor.chains.main.pools[0];
      assert.ok(pair);
      const seen = async (block: bigint) => {
        const deadline = Date.now() + 5_000;
        for (;;) {
          const answer = await quote(following.app, body);
          assert.equal(answer.statusCode, 200, answer.body);
          if (BigInt(answer.json().blockNumber) >= block) return answer;
          assert.ok(Date.now() < deadline, `block ${block} not seen within 5 s`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      // The subscription starts with the worker; the chain makes a block only when asked
      // (automine): one block at a time until one is pushed (the first quotes may read).
      const deadline = Date.now() + 5_000;
      while (!(await pool.stats()).followingHeads) {
        assert.ok(Date.now() < deadline, 'the workers follow pushed heads within 5 s');
        await world.chains.main.blocks.mine(1);
        await new Promise((r) => setTimeout(r, 50));
      }
      await swapOnPool(world, pair, weth.address, parseEther('25'));
      await seen(await world.chains.main.clients.public.getBlockNumber({ cacheTime: 0 }));
      const before = await pool.stats();
      for (let i = 0; i < 20; i++) {
        const [ws, loop] = await Promise.all([quote(following.app, body), quote(onLoop.app, body)]);
        assert.equal(ws.body, loop.body, 'the same answer as a head read per request');
      }
      assert.equal((await pool.stats()).headFetches - before.headFetches, 0, 'no head read');
      // The next block is pushed too: seen without a read.
      await swapOnPool(world, pair, weth.address, parseEther('25'));
      const next = await world.chains.main.clients.public.getBlockNumber({ cacheTime: 0 });
      const answer = await seen(next);
      assert.equal(answer.body, (await quote(onLoop.app, body)).body);
      assert.equal((await pool.stats()).headFetches - before.headFetches, 0, 'still no head read');
    } finally {
      await following.close();
    }
  });

  it('config: QUOTE_WORKERS must be auto or a whole number', () => {
    const base = { ADMIN_TOKEN, WORLD_FILE: world.descriptorPath ?? '' };
    assert.equal(loadConfig({ ...base, QUOTE_WORKERS: '3' }).QUOTE_WORKERS, 3);
    assert.ok(loadConfig({ ...base }).QUOTE_WORKERS >= 0);
    for (const bad of ['-1', 'many', '1.5', '65'])
      assert.throws(
        () => loadConfig({ ...base, QUOTE_WORKERS: bad }),
        (e: unknown) => e instanceof ConfigError && /QUOTE_WORKERS: must be 'auto'/.test(e.message),
      );
    assert.throws(
      () => loadConfig({ ...base, CHAIN_WS_URL: 'http://127.0.0.1:8545' }),
      (e: unknown) => e instanceof ConfigError && /CHAIN_WS_URL: must be a ws/.test(e.message),
    );
  });
});
