import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readLedgerForAudit } from '@hedge-router/api';
import type { HedgeIntent } from '@hedge-router/router';
import { auditRecords, ledgerAuditRecords, startWorld, type World } from '@hedge-router/simulations';
import { parseEther, parseUnits } from 'viem';
import { ADMIN_TOKEN, type ApiHarness, signedIntentBody, startApi } from '../api/apiFixture.js';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');

// Route audits from the API's own ledger: intents go through the real API and worker on the
// local world (SQLite ledger in a temp DATA_DIR), then the ledger is read back read-only and
// every intent is re-quoted at the pool states recorded with its decision.
describe('route audit from the API ledger', () => {
  let world: World;
  let api: ApiHarness | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'hedge-audit-ledger-'));

  before(async () => {
    world = await startWorld({ descriptorPath: join(dataDir, 'world.json') });
  });
  after(async () => {
    await api?.close();
    await world?.stop();
  });

  it('behavior: every intent the API filled is audited: regret and prediction error per stage, from the recorded state', async () => {
    api = await startApi(world, { DATA_DIR: dataDir });
    const admin = await api.app.inject({
      method: 'POST',
      url: '/v1/admin/keepers',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      payload: { vault: world.accounts.vault.address, keeper: world.accounts.keeper.address },
    });
    assert.equal(admin.statusCode, 201, admin.body);
    const { weth, usd } = world.descriptor.chains.main.tokens;
    const sizes = ['5', '40', '120'];
    const ids: string[] = [];
    // One at a time: each decision sees the pool the previous fill left (no arbitrageur here),
    // so its prediction is exact and the audit's errors must be near zero.
    const worker = api.startWorker();
    try {
      for (const [i, size] of sizes.entries()) {
        const intent: HedgeIntent = {
          vault: world.accounts.vault.address,
          sellToken: weth.address,
          buyToken: usd.address,
          sellAmount: parseEther(size),
          minBuyAmount: parseUnits(String(Number(size) * 2900), 6),
          deadline: Math.floor(Date.now() / 1000) + 120,
          nonce: BigInt(i + 1),
          partialFill: false,
        };
        const payload = await signedIntentBody(world, intent, world.accounts.keeper.privateKey);
        const res: { statusCode: number; body: string; json: () => { id: string } } = await (
          api as ApiHarness
        ).app.inject({ method: 'POST', url: '/v1/intents', payload });
        assert.equal(res.statusCode, 202, res.body);
        const id = res.json().id;
        ids.push(id);
        for (let n = 0; ; n++) {
          const row = await api.deps.ledger.getIntent(id);
          if (row?.status === 'filled') break;
          assert.ok(n < 600 && !['failed', 'expired'].includes(row?.status ?? ''), `${id}: ${row?.status}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      await worker.stop();
    }

    // Read-only, while the API still has the file open, as the CLI would.
    const histories = await readLedgerForAudit({ dataDir });
    assert.equal(histories.length, sizes.length);
    const { records, skipped } = ledgerAuditRecords(histories);
    assert.deepEqual(skipped, []);
    const report = auditRecords(records.map((raw) => ({ raw, where: raw.intentId })));
    assert.equal(report.summary.count, sizes.length);
    for (const a of report.intents) {
      assert.ok(ids.includes(a.intentId));
      assert.equal(a.status, 'filled');
      assert.ok(Number.isFinite(a.regretBps), `${a.intentId} regret ${a.regretBps}`);
      for (const stage of ['impact', 'fees', 'gas', 'mev', 'delay', 'total'] as const)
        assert.ok(Number.isFinite(a.predictionErrorBps[stage]), `${a.intentId} ${stage}`);
      // The re-quote at the recorded pool states finds the venue the API chose (ids match), and
      // on a quiet automining world the fill matches the prediction: impact and fees are exact.
      assert.ok(
        a.chosen.every((id) => a.best.candidateIds.includes(id) || a.regretBps < 0.5),
        JSON.stringify(a),
      );
      assert.ok(Math.abs(a.predictionErrorBps.impact) < 0.5, `impact error ${a.predictionErrorBps.impact}`);
      assert.ok(Math.abs(a.predictionErrorBps.fees) < 0.01, `fees error ${a.predictionErrorBps.fees}`);
      assert.ok(a.realisedTotalBps > 0);
    }
    // Larger hedges cost more (impact), as the recorded states say.
    const bySize = ids.map((id) => report.intents.find((a) => a.intentId === id)!.realisedTotalBps);
    assert.ok(bySize[2]! > bySize[0]!, JSON.stringify(bySize));

    // The CLI's path: the API's ledger export as a process, its lines decoded, the same audit.
    const cli = spawnSync(
      process.execPath,
      [join(repoRoot, 'simulations', 'bin', 'hedge-router.mjs'), 'audit', '--data-dir', dataDir, '--json'],
      { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(cli.status, 0, cli.stderr);
    const fromCli = JSON.parse(cli.stdout) as typeof report;
    assert.deepEqual(
      fromCli.intents.map((a) => [a.intentId, a.realisedTotalBps, a.regretBps]),
      report.intents.map((a) => [a.intentId, a.realisedTotalBps, a.regretBps]),
    );
  });

  it('error: no ledger in the directory names the field', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'hedge-empty-'));
    await assert.rejects(readLedgerForAudit({ dataDir: empty }), /dataDir: no ledger/);
    const cli = spawnSync(
      process.execPath,
      [join(repoRoot, 'simulations', 'bin', 'hedge-router.mjs'), 'audit', '--data-dir', empty],
      { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 },
    );
    assert.notEqual(cli.status, 0);
    assert.match(cli.stderr, /--data-dir: dataDir: no ledger/);
  });
});
