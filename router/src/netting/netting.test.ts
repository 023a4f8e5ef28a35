import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crossOppositeIntents } from './crossOppositeIntents.js';
import { nettingSavings } from './nettingSavings.js';
import { createNettingWindow } from './nettingWindow.js';

// 3,000 USDC (6 decimals) per WETH (18): 3000e6 / 1e18 USDC units per wei.
const MID = { numerator: 3_000_000_000n, denominator: 10n ** 18n };
const weth = (n: number) => BigInt(n) * 10n ** 18n;
const usdc = (n: number) => BigInt(n) * 10n ** 6n;

describe('netting: crossOppositeIntents', () => {
  it('behavior: crosses the smaller side fully at the mid and leaves the rest of the larger to route', () => {
    const r = crossOppositeIntents(
      { sellAmount: weth(40), minBuyAmount: usdc(118_000) },
      { sellAmount: usdc(30_000), minBuyAmount: weth(9) },
      MID,
    );
    assert.ok(r);
    assert.equal(r.aSells, weth(10));
    assert.equal(r.bSells, usdc(30_000));
    assert.equal(r.remainderA.sellAmount, weth(30));
    assert.equal(r.remainderB.sellAmount, 0n);
    assert.equal(r.aMinBuy, usdc(29_500)); // 10/40 of 118,000
    assert.equal(r.remainderA.minBuyAmount + r.aMinBuy, usdc(118_000), 'limits add up');
  });
  it('behavior: exact integers, the smaller side gets at most one unit less than the exact mid value', () => {
    const mid = { numerator: 2_999_123_457n, denominator: 10n ** 18n };
    const r = crossOppositeIntents(
      { sellAmount: 1_234_567_890_123_456_789n, minBuyAmount: 1n },
      { sellAmount: usdc(1_000_000), minBuyAmount: 1n },
      mid,
    );
    assert.ok(r);
    const exactNumerator = r.aSells * mid.numerator;
    assert.ok(r.bSells * mid.denominator <= exactNumerator);
    assert.ok((r.bSells + 1n) * mid.denominator > exactNumerator);
  });
  it('error: no cross when the mid is below a side’s limit price, or a side is empty', () => {
    assert.equal(
      crossOppositeIntents(
        { sellAmount: weth(1), minBuyAmount: usdc(3_100) },
        { sellAmount: usdc(3_000), minBuyAmount: 1n },
        MID,
      ),
      undefined,
    );
    assert.equal(
      crossOppositeIntents(
        { sellAmount: 0n, minBuyAmount: 0n },
        { sellAmount: usdc(1), minBuyAmount: 0n },
        MID,
      ),
      undefined,
    );
    assert.throws(
      () =>
        crossOppositeIntents(
          { sellAmount: 1n, minBuyAmount: 0n },
          { sellAmount: 1n, minBuyAmount: 0n },
          { numerator: 0n, denominator: 1n },
        ),
      /mid/,
    );
  });
});

describe('netting: savings and the window', () => {
  it('behavior: savings = external total cost − netting cost (shortfall to mid + gas share)', () => {
    const s = nettingSavings({
      crossedBuyAmount: usdc(30_000),
      midValueInBuy: usdc(30_000),
      gasShareInBuy: usdc(1),
      externalExpectedBuyAmount: usdc(29_980),
      externalTotalCostInBuy: usdc(21),
    });
    assert.equal(s.savedInBuy, usdc(20));
    assert.equal(s.extraBuyAmount, usdc(20));
    assert.ok(Math.abs(s.savedBps - 6.6667) < 1e-3);
  });
  it('behavior: opposite intents inside the window pair at once; a lone one is released when its wait ends', () => {
    const w = createNettingWindow<string>({ windowMs: 1_500 });
    assert.deepEqual(w.add({ item: 'A', sellToken: 'WETH', buyToken: 'USDC', arrivedAtMs: 0 }), {
      pairs: [],
      singles: [],
    });
    assert.deepEqual(w.add({ item: 'C', sellToken: 'WETH', buyToken: 'USDC', arrivedAtMs: 200 }), {
      pairs: [],
      singles: [],
    });
    assert.deepEqual(w.add({ item: 'B', sellToken: 'usdc', buyToken: 'weth', arrivedAtMs: 900 }).pairs, [
      ['A', 'B'],
    ]);
    assert.equal(w.nextDueMs(), 1_700);
    assert.deepEqual(w.due(1_699).singles, []);
    assert.deepEqual(w.due(1_700).singles, ['C']);
    assert.equal(w.size(), 0);
  });
});
