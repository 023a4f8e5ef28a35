import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DAYS_PER_YEAR } from '@hedge-router/router';
import { executionStrategies } from '../execution/executionStrategies.js';
import { runExecutionBenchmark } from '../execution/runExecutionBenchmark.js';
import { runAudit } from './runAudit.js';

describe('route audit', () => {
  it('behavior: re-quotes recorded decisions: a sandwiched naive hedge shows regret and a better venue; the router’s own choice has none', async () => {
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
    const strategies = executionStrategies.filter(
      (s) => s.name === 'public-naive-50bps' || s.name === 'router',
    );
    const r = await runExecutionBenchmark({ vault, strategies });
    const audits = r.strategies.map((s) => ({ strategy: s.strategy, audit: s.hedges[0]?.audit }));
    const naiveRecord = audits.find((a) => a.strategy === 'public-naive-50bps')?.audit;
    const routerRecord = audits.find((a) => a.strategy === 'router')?.audit;
    assert.ok(naiveRecord && routerRecord);
    // The naive strategy had one venue, so against its own choices it has nothing to regret. The
    // world is reset between strategies and the pools aligned to the same reference price, so the
    // router's venues observed the same state: with their observations added, the audit prices
    // what the naive hedge could have done instead.
    const lines = [
      JSON.stringify({ ...naiveRecord, intentId: 'naive-alone' }),
      JSON.stringify({
        ...naiveRecord,
        intentId: 'public-naive-50bps',
        observations: [...(naiveRecord.observations ?? []), ...(routerRecord.observations ?? [])],
      }),
      JSON.stringify({ ...routerRecord, intentId: 'router' }),
    ];
    const report = runAudit(lines.join('\n'));
    assert.equal(report.summary.count, 3);
    // A decision with no venue observations cannot be re-priced: skipped, with why.
    const bare = runAudit(JSON.stringify({ ...naiveRecord, intentId: 'bare', observations: [] }));
    assert.equal(bare.summary.count, 0);
    assert.match(bare.skipped[0]?.reason ?? '', /no venue observations/);
    const alone = report.intents.find((a) => a.intentId === 'naive-alone')!;
    assert.ok(Math.abs(alone.regretBps) < 2, `naive against its own venue: regret ${alone.regretBps}`);
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
