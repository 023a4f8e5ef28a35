import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDeps, loadConfig, readDeployment, startWorker } from '@hedge-router/api';
import type { HedgeIntent } from '@hedge-router/router';
import { hedgeIntentTypedData } from '@hedge-router/router';
import { startWorld, type World } from '@hedge-router/simulations';
import { hedgeExecutorAbi, legId } from '@hedge-router/solvers';
import { type Hex, hashTypedData, parseEther, parseUnits } from 'viem';
import { type Postgres, postgresBinDir, startPostgres } from '../support/startPostgres.js';
import { ADMIN_TOKEN } from './apiFixture.js';

// Two workers with their own connection pools on one PostgreSQL ledger: claims never overlap
// (row locks with SKIP LOCKED), and every intent is executed exactly once.
describe('several workers on one PostgreSQL ledger', () => {
  let world: World;
  let postgres: Postgres | undefined;
  before(async () => {
    world = await startWorld({
      descriptorPath: join(mkdtempSync(join(tmpdir(), 'hedge-multi-')), 'world.json'),
    });
    if (postgresBinDir()) postgres = await startPostgres();
    else if (process.env.CI) throw new Error('PostgreSQL is required in CI (.ci/run installs it)');
  });
  after(async () => {
    await postgres?.stop();
    await world?.stop();
  });

  it('behavior: two workers share the intents, each executed exactly once', async (t) => {
    if (!postgres) return t.skip('PostgreSQL is not installed here');
    const config = (id: string) =>
      loadConfig({
        ADMIN_TOKEN,
        DATABASE_URL: postgres?.url,
        WORLD_FILE: world.descriptorPath ?? '',
        WORKER_ID: id,
        LOG_LEVEL: 'silent',
        QUOTE_WORKERS: '0',
      });
    const deployment = readDeployment(world.descriptorPath ?? '');
    const a = await createDeps(config('worker-a'), deployment);
    const b = await createDeps(config('worker-b'), deployment);
    const { weth, usd } = world.descriptor.chains.main.tokens;
    const hashes: Hex[] = [];
    for (let i = 0; i < 8; i++) {
      const intent: HedgeIntent = {
        vault: world.accounts.vault.address,
        sellToken: weth.address,
        buyToken: usd.address,
        sellAmount: parseEther('0.5'),
        minBuyAmount: parseUnits('1450', 6),
        deadline: Math.floor(Date.now() / 1000) + 300,
        nonce: BigInt(5000 + i),
        partialFill: false,
      };
      const intentHash = hashTypedData(
        hedgeIntentTypedData({ intent, chainId: world.descriptor.chains.main.chainId }),
      );
      hashes.push(intentHash);
      await a.ledger.insertIntent({
        chainId: 31337,
        intent,
        intentHash,
        signature: '0x',
        signer: world.accounts.keeper.address,
      });
    }
    const claimed = new Map<string, string[]>();
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    const spy = (deps: typeof a, id: string) => {
      const claim = deps.ledger.claimIntents.bind(deps.ledger);
      deps.ledger.claimIntents = async (...args) => {
        const rows = await claim(...args);
        claimed.set(id, [...(claimed.get(id) ?? []), ...rows.map((r) => r.id)]);
        return rows;
      };
    };
    spy(a, 'a');
    spy(b, 'b');
    const workers = [
      startWorker(a, { workerId: 'worker-a', log, pollMs: 20, concurrency: 2 }),
      startWorker(b, { workerId: 'worker-b', log, pollMs: 20, concurrency: 2 }),
    ];
    try {
      const until = Date.now() + 60_000;
      for (;;) {
        const rows = await a.ledger.db.selectFrom('intents').select(['status']).execute();
        if (rows.every((r) => r.status === 'filled')) break;
        assert.ok(Date.now() < until, `statuses: ${rows.map((r) => r.status).join(',')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await a.ledgerDb.close();
      await b.ledgerDb.close();
    }
    const byA = new Set(claimed.get('a'));
    const byB = new Set(claimed.get('b'));
    assert.ok(byA.size > 0 && byB.size > 0, `both workers took work (a ${byA.size}, b ${byB.size})`);
    for (const hash of hashes) {
      const events = await world.chains.main.clients.public.getContractEvents({
        address: world.descriptor.chains.main.executor.address,
        abi: hedgeExecutorAbi,
        eventName: 'HedgeLegExecuted',
        args: { legId: legId(hash, 0) },
        fromBlock: 0n,
      });
      assert.equal(events.length, 1);
    }
  });
});
