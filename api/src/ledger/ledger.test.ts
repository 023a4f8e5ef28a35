import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LIVE_STATUSES } from '@hedge-router/solvers';
import { createLedger, type Ledger } from './ledger.js';
import { type LedgerDb, openLedgerDb } from './openLedgerDb.js';

describe('ledger (embedded SQLite)', () => {
  let handle: LedgerDb;
  let ledger: Ledger;
  let t = Date.parse('2026-11-24T00:00:00Z');
  before(async () => {
    handle = await openLedgerDb({ dataDir: ':memory:' });
    ledger = createLedger(handle.db, handle.dialect, () => new Date(t));
  });
  after(async () => {
    await handle?.close();
  });

  const intent = (nonce: string, hash = `0xhash${nonce}`) => ({
    chainId: 31337,
    intent: {
      vault: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const,
      sellToken: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2' as const,
      buyToken: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' as const,
      sellAmount: 10n ** 18n,
      minBuyAmount: 1n,
      deadline: 1_900_000_000,
      nonce: BigInt(nonce),
      partialFill: false,
    },
    intentHash: hash,
    signature: '0xsig',
    signer: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  });
  const lockedBy = async (id: string) =>
    (await ledger.db.selectFrom('intents').select('locked_by').where('id', '=', id).executeTakeFirstOrThrow())
      .locked_by;

  it('behavior: stores an intent once; the identical intent again is idempotent, a different one with the nonce conflicts', async () => {
    const first = await ledger.insertIntent(intent('1'));
    assert.equal(first.created, true);
    const again = await ledger.insertIntent(intent('1'));
    assert.deepEqual(again, { id: first.id, created: false, duplicate: 'same' });
    const other = await ledger.insertIntent(intent('1', '0xother'));
    assert.deepEqual(other, { id: first.id, created: false, duplicate: 'conflict' });
    const events = await ledger.eventsAfter(0);
    assert.equal(events.filter((e) => e.intent_id === first.id).length, 1, 'one received event, not three');
  });

  it('behavior: a claimed intent is not claimed again until its lease passes', async () => {
    const { id } = await ledger.insertIntent(intent('2'));
    const claimedA = await ledger.claimIntents('worker-a', 10_000, 10);
    assert.ok(claimedA.some((r) => r.id === id));
    const claimedB = await ledger.claimIntents('worker-b', 10_000, 10);
    assert.equal(claimedB.length, 0);
    t += 11_000;
    const claimedAfter = await ledger.claimIntents('worker-b', 10_000, 10);
    assert.ok(claimedAfter.some((r) => r.id === id));
    assert.equal(await lockedBy(id), 'worker-b');
    assert.equal(await ledger.renewLease(id, 'worker-a', 10_000), false, 'the old holder lost it');
  });

  it('behavior: transitions are conditional and each writes an event; terminal intents are never claimed', async () => {
    const { id } = await ledger.insertIntent(intent('3'));
    assert.equal(await ledger.transition(id, 'routing', { from: ['received'] }), true);
    assert.equal(await ledger.transition(id, 'routing', { from: ['received'] }), false);
    assert.equal(await ledger.transition(id, 'filled', { reason: 'done' }), true);
    const row = await ledger.getIntent(id);
    assert.equal(row?.status, 'filled');
    assert.equal(row?.statusReason, 'done');
    assert.equal(row?.intent.nonce, 3n, 'the intent decodes to its typed form');
    t += 60_000;
    const claimed = await ledger.claimIntents('worker-c', 10_000, 100);
    assert.ok(!claimed.some((r) => r.id === id));
    const statuses = (await ledger.eventsAfter(0)).filter((e) => e.intent_id === id).map((e) => e.status);
    assert.deepEqual(statuses, ['received', 'routing', 'filled']);
  });

  it('behavior: a partially filled intent is terminal: never claimed again, its status written once (issue 15: it was re-run in a loop)', async () => {
    const { id } = await ledger.insertIntent(intent('4'));
    assert.equal(await ledger.transition(id, 'partially_filled', { from: ['received'] }), true);
    t += 60_000;
    const claimed = await ledger.claimIntents('worker-d', 10_000, 100);
    assert.ok(!claimed.some((r) => r.id === id));
    assert.equal(
      await ledger.transition(id, 'failed', { from: [...LIVE_STATUSES] }),
      false,
      'no second terminal status',
    );
  });

  it('behavior: an intent backing off after a failure is claimed by no worker, its own included, until the backoff ends', async () => {
    const { id } = await ledger.insertIntent(intent('5'));
    const mine = (rows: { id: string }[]) => rows.some((r) => r.id === id);
    assert.ok(mine(await ledger.claimIntents('worker-e', 10_000, 100)));
    await ledger.backOff(id, 'worker-e', 5_000);
    assert.ok(
      !mine(await ledger.claimIntents('worker-e', 10_000, 100)),
      'not at once by the worker that failed',
    );
    assert.ok(!mine(await ledger.claimIntents('worker-f', 10_000, 100)), 'nor by another');
    t += 5_001;
    assert.ok(mine(await ledger.claimIntents('worker-f', 10_000, 100)), 'after the backoff, any worker');
    await ledger.releaseLease(id, 'worker-f');
  });

  it('behavior: lists newest first with a cursor that pages through everything exactly once', async () => {
    const nonceOf = new Map<string, string>();
    for (let i = 10; i < 25; i++) {
      t += 1000;
      const { id } = await ledger.insertIntent(intent(String(i)));
      nonceOf.set(id, String(i));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await ledger.listIntents({ limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...page.intents.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    assert.equal(new Set(seen).size, seen.length);
    assert.equal(seen.length, 20, 'the 15 listed here and the 5 intents of the tests before');
    assert.equal(nonceOf.get(seen[0] ?? ''), '24');
  });
  it('behavior: netting: a new intent is held for the window; a pair is claimed both or neither', async () => {
    t += 600_000;
    const a = await ledger.insertIntent(intent('901'));
    const b = await ledger.insertIntent(intent('902'));
    // Inside the window the lifecycle worker leaves them to netting.
    // Both arrive at the same instant, so the ledger's order between them (by id) is arbitrary.
    const mine = (rows: { id: string }[]) =>
      rows
        .map((r) => r.id)
        .filter((id) => id === a.id || id === b.id)
        .sort();
    const both = [a.id, b.id].sort();
    assert.deepEqual(mine(await ledger.claimIntents('w', 10_000, 10, { holdReceivedForMs: 1_500 })), []);
    const waiting = await ledger.listWaitingIntents(new Date(t - 1_500).toISOString());
    assert.deepEqual(mine(waiting), both);
    assert.equal(await ledger.claimPair([a.id, b.id], 'w:netting', 10_000), true);
    assert.equal(await ledger.claimPair([a.id, b.id], 'other:netting', 10_000), false, 'already taken');
    await ledger.releaseLease(b.id, 'w:netting');
    // One of the two is still leased: the other alone is not taken, and stays free.
    assert.equal(await ledger.claimPair([a.id, b.id], 'other:netting', 10_000), false);
    assert.equal(await lockedBy(b.id), null, 'rolled back');
    await ledger.releaseLease(a.id, 'w:netting');
    t += 2_000;
    // After the window the worker takes them.
    const claimed = await ledger.claimIntents('w', 10_000, 1_000, { holdReceivedForMs: 1_500 });
    assert.deepEqual(mine(claimed), both);
    for (const id of [a.id, b.id]) await ledger.releaseLease(id, 'w');
    t += 60_000;
  });
});
