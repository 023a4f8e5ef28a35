import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executionStrategies } from '../execution/executionStrategies.js';
import { runExecutionBenchmark } from '../execution/runExecutionBenchmark.js';
import { runAudit } from './runAudit.js';

describe('route audit', () => {
  it('behavior: re-quotes recorded decisions: a sandwiched naive hedge shows regret and a better venue; the router’s own choice has none', async () => {
    const vault = {
      shortCalls: 20_000,
      expiryYears: 7 / 365,
      vol: 0.6,
      bandWeth: 120,
      startPriceUsd: 3000,
      steps: 2,
      stepSeconds: 3600,
      seed: 5,
    };
    const strategies = executionStrategies.filter(
      (s) => s.name === 'public-naive-50bps' || s.name === 'router',
    );
    const r = await runExecutionBenchmark({ vault, strategies });
    const lines = r.strategies.flatMap((s) =>
      s.hedges.map((h) => JSON.stringify({ ...h.audit, intentId: s.strategy })),
    );
    const report = runAudit(lines.join('\n'));
    assert.equal(report.summary.count, 2);
    const naive = report.intents.find((a) => a.intentId === 'public-naive-50bps')!;
    const router = report.intents.find((a) => a.intentId === 'router')!;
    assert.equal(naive.sandwiched, true);
    assert.ok(naive.regretBps > 10, `naive regret ${naive.regretBps}`);
    // The naive quote carried the leakage its bound allows, and the searcher took about that.
    assert.ok(
      Math.abs(naive.predictionErrorBps.mev) < 1,
      `MEV prediction error ${naive.predictionErrorBps.mev} bps`,
    );
    assert.ok(naive.betterVenues.length > 0);
    // The router's realised cost is within 2 bps of what it expected (impact and fees are exact).
    assert.ok(Math.abs(router.regretBps) < 2, `router regret ${router.regretBps}`);
  });

  it('error: a bad line names the line and the field', () => {
    assert.throws(() => runAudit('# comment\n{"intentId":"x"}'), /line 2: .*intent/);
    assert.throws(() => runAudit('not json'), /line 1: not JSON/);
  });
});
