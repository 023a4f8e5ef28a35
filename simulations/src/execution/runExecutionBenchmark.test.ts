import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DAYS_PER_YEAR } from '@hedge-router/router';
import { executionStrategies } from './executionStrategies.js';
import { hedgeSchedule } from './hedgeSchedule.js';
import { runExecutionBenchmark } from './runExecutionBenchmark.js';

// The short variant: one large hedge (~364 WETH sold at step 1 of seed 5) on the local world.
describe('execution-quality benchmark (short variant)', () => {
  it('behavior: the naive public hedge is sandwiched, the batch auction and the router are not; the router costs at most half of naive and no more than the best single venue', async () => {
    const vault = {
      shortCalls: 20_000,
      expiryYears: 7 / DAYS_PER_YEAR,
      vol: 0.6,
      bandWeth: 120,
      startPriceUsd: 3000,
      steps: 2,
      stepSeconds: 3600,
      seed: 5,
    };
    assert.equal(hedgeSchedule(vault).hedges.length, 1);
    const r = await runExecutionBenchmark({ vault, strategies: executionStrategies });
    const by = (name: string) => r.strategies.find((s) => s.strategy === name)!;
    const batch = by('batch-auction');
    assert.equal(batch.available, true);
    assert.equal(batch.sandwichedShare, 0);
    assert.equal(batch.filledShare, 1, JSON.stringify(batch.hedges.map((h) => h.error)));
    assert.ok(batch.hedges[0]!.venues.every((v) => v.startsWith('batch-auction:')));
    const naive = by('public-naive-50bps');
    assert.equal(naive.sandwichedShare, 1);
    assert.ok(naive.meanCostBps.mev > 10, `MEV lost ${naive.meanCostBps.mev} bps`);
    assert.equal(by('private-bundle').sandwichedShare, 0);
    assert.equal(by('router').sandwichedShare, 0);
    const router = by('router');
    assert.equal(router.filledShare, 1, JSON.stringify(router.hedges.map((h) => h.error)));
    // The router's realised cost is what it predicted within 5 bps (the batch auction's impact is
    // a linear approximation; pools and bridge fees are exact).
    const h = router.hedges[0]!;
    assert.ok(
      Math.abs(h.costBps.total - h.predictedTotalBps) < 5,
      `${h.costBps.total} vs ${h.predictedTotalBps}`,
    );
    assert.ok(r.headline.halfOfNaive && r.headline.noWorseThanBest, JSON.stringify(r.headline));
    for (const s of r.strategies.filter((x) => x.available)) {
      const c = s.meanCostBps;
      assert.ok(Math.abs(c.impact + c.fees + c.gas + c.mev + c.delay - c.total) < 1e-9);
    }
  });
});
