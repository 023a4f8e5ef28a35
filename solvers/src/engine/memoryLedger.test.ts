import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HedgeIntent } from '@hedge-router/router';
import { createMemoryLedger } from './memoryLedger.js';

const intent: HedgeIntent = {
  vault: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  sellToken: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
  buyToken: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
  sellAmount: 10n ** 18n,
  minBuyAmount: 1n,
  deadline: 1_900_000_000,
  nonce: 1n,
  partialFill: false,
};

describe('memory ledger', () => {
  it('behavior: transitions are conditional and each is kept as an event', async () => {
    const ledger = createMemoryLedger();
    const { id } = ledger.insertIntent({
      chainId: 1,
      intentHash: '0x01',
      intent,
      signature: '0x',
      signer: '0xAB',
    });
    assert.equal(await ledger.transition(id, 'routing', { from: ['received'] }), true);
    assert.equal(await ledger.transition(id, 'routing', { from: ['received'] }), false, 'no longer received');
    assert.equal(await ledger.transition(id, 'filled', { reason: 'done', detail: { legs: 1 } }), true);
    assert.equal(ledger.getIntent(id)?.status, 'filled');
    assert.deepEqual(
      ledger.events(id).map((e) => e.status),
      ['received', 'routing', 'filled'],
    );
  });

  it('behavior: a pair is leased both or neither, and a lease is renewed only by its holder', async () => {
    let t = 1_000_000;
    const ledger = createMemoryLedger(() => new Date(t));
    const a = ledger.insertIntent({ chainId: 1, intentHash: '0x01', intent, signature: '0x', signer: '0x1' });
    const b = ledger.insertIntent({
      chainId: 1,
      intentHash: '0x02',
      intent: { ...intent, nonce: 2n },
      signature: '0x',
      signer: '0x1',
    });
    assert.equal(await ledger.claimPair([a.id, b.id], 'w1', 1_000), true);
    assert.equal(await ledger.claimPair([a.id, b.id], 'w2', 1_000), false, 'already leased');
    assert.deepEqual(
      await ledger.listWaitingIntents(new Date(0).toISOString()),
      [],
      'leased intents do not wait',
    );
    assert.equal(await ledger.renewLease(a.id, 'w2', 1_000), false);
    assert.equal(await ledger.renewLease(a.id, 'w1', 1_000), true);
    t += 2_000;
    assert.equal(await ledger.claimPair([a.id, b.id], 'w2', 1_000), true, 'expired leases can be taken');
  });

  it('behavior: records are copies: changing one read changes nothing stored', async () => {
    const ledger = createMemoryLedger();
    const { id } = ledger.insertIntent({
      chainId: 1,
      intentHash: '0x01',
      intent,
      signature: '0x',
      signer: '0x1',
    });
    const read = ledger.getIntent(id);
    assert.ok(read);
    read.intent.sellAmount = 0n;
    assert.equal(ledger.getIntent(id)?.intent.sellAmount, 10n ** 18n);
  });
});
