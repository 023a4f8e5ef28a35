import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { HedgeIntent } from '@hedge-router/router';
import { startWorld, type World } from '@hedge-router/simulations';
import { erc20Abi, hedgeExecutorAbi, legId } from '@hedge-router/solvers';
import { type Hex, parseEther, parseUnits } from 'viem';
import { startApiServer } from '../support/apiServer.js';
import { type Postgres, postgresBinDir, startPostgres } from '../support/startPostgres.js';
import { ADMIN_TOKEN, signedIntentBody } from './apiFixture.js';

// Kill the API process by SIGKILL in the middle of a submission (before the venue is called,
// and after the transaction is sent but before the ledger records it), restart it, and check
// that every accepted intent ends exactly once: filled, one execution on chain, and the vault's
// balance moved by exactly the intents' sell amounts. On the embedded database and on PostgreSQL.
describe('crash and restart', () => {
  let world: World;
  let postgres: Postgres | undefined;
  let nonce = 1000n;
  before(async () => {
    world = await startWorld({
      descriptorPath: join(mkdtempSync(join(tmpdir(), 'hedge-crash-')), 'world.json'),
    });
    if (postgresBinDir()) postgres = await startPostgres();
    else if (process.env.CI) throw new Error('PostgreSQL is required in CI (.ci/run installs it)');
  });
  after(async () => {
    await postgres?.stop();
    await world?.stop();
  });

  const json = async (url: string, init?: RequestInit) => {
    const res = await fetch(url, init);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  async function crashAndRecover(
    t: { diagnostic: (m: string) => void },
    database: Record<string, string>,
    failpoint: string,
  ) {
    const { public: client } = world.chains.main.clients;
    const { weth } = world.descriptor.chains.main.tokens;
    const vault = world.accounts.vault.address;
    const wethOf = () =>
      client.readContract({ address: weth.address, abi: erc20Abi, functionName: 'balanceOf', args: [vault] });
    const env = {
      ...database,
      WORLD_FILE: world.descriptorPath as string,
      ADMIN_TOKEN,
      WORKER_ID: 'crash-test-worker',
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    const before = await wethOf();

    const first = await startApiServer({ ...env, HEDGE_ROUTER_FAILPOINT: failpoint }, { expectCrash: true });
    await json(`${first.url}/v1/admin/keepers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ vault, keeper: world.accounts.keeper.address }),
    });
    const intents: HedgeIntent[] = [1, 2, 3].map((i) => ({
      vault,
      sellToken: weth.address,
      buyToken: world.descriptor.chains.main.tokens.usd.address,
      sellAmount: parseEther(String(i)),
      minBuyAmount: parseUnits(String(2_900 * i), 6),
      deadline: Math.floor(Date.now() / 1000) + 300,
      nonce: nonce++,
      partialFill: false,
    }));
    const bodies = await Promise.all(
      intents.map((intent) => signedIntentBody(world, intent, world.accounts.keeper.privateKey)),
    );
    const post = (url: string, body: unknown) =>
      json(`${url}/v1/intents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    let acceptedBeforeCrash = 0;
    for (const body of bodies) {
      // The worker may die at its failpoint while a request is in flight: the client then has
      // no answer, and (as any client should) sends the same signed intent again later.
      const res = await post(first.url, body).catch(() => undefined);
      if (res?.status === 202) acceptedBeforeCrash++;
    }
    assert.equal(await first.exited, 'SIGKILL', 'the process died at its failpoint');
    assert.ok(acceptedBeforeCrash >= 1, 'at least one intent was accepted before the crash');

    const second = await startApiServer(env);
    try {
      const ids: string[] = [];
      for (const body of bodies) {
        const res = await post(second.url, body);
        assert.equal(res.status, 202, JSON.stringify(res.body));
        ids.push(res.body.id as string);
      }
      const until = Date.now() + 60_000;
      const views: Record<string, unknown>[] = [];
      for (const id of ids) {
        for (;;) {
          const { body } = await json(`${second.url}/v1/intents/${id}`);
          if (['filled', 'failed', 'expired', 'partially_filled'].includes(body.status as string)) {
            views.push(body);
            break;
          }
          assert.ok(Date.now() < until, `intent ${id} still ${body.status}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      let sold = 0n;
      for (const view of views) {
        assert.equal(view.status, 'filled', JSON.stringify(view));
        const intentHash = view.intentHash as Hex;
        const events = await client.getContractEvents({
          address: world.descriptor.chains.main.executor.address,
          abi: hedgeExecutorAbi,
          eventName: 'HedgeLegExecuted',
          args: { legId: legId(intentHash, 0) },
          fromBlock: 0n,
        });
        assert.equal(events.length, 1, 'executed exactly once on chain');
        sold += BigInt((view.filled as { sellAmount: string }).sellAmount);
      }
      const expected = intents.reduce((sum, x) => sum + x.sellAmount, 0n);
      assert.equal(sold, expected, 'the ledger records each accepted intent once');
      assert.equal(before - (await wethOf()), expected, 'the chain agrees: each sold exactly once');
      t.diagnostic(
        `${failpoint}: ${acceptedBeforeCrash} of 3 intents answered before the crash; all 3 filled exactly once after restart`,
      );
    } finally {
      assert.equal(await second.stop(), 0, 'graceful shutdown');
    }
  }

  for (const failpoint of ['after-begin-submission', 'after-submit']) {
    it(`behavior: embedded SQLite, killed ${failpoint}: every accepted intent ends exactly once`, async (t) => {
      await crashAndRecover(t, { DATA_DIR: mkdtempSync(join(tmpdir(), 'hedge-ledger-')) }, failpoint);
    });
    it(`behavior: PostgreSQL, killed ${failpoint}: every accepted intent ends exactly once`, async (t) => {
      if (!postgres) return t.skip('PostgreSQL is not installed here');
      await crashAndRecover(t, { DATABASE_URL: postgres.url }, failpoint);
    });
  }
});
