// Hedged path-steps per second of the backtester for a one-option book with BSM deltas (a short
// ATM call, daily hedging to expiry, 10 bps costs): the fast loop on one thread with and without
// the per-step P&L attribution, the generic policy loop for comparison, and the whole
// runBacktest (workers, merge, summary) on 1 thread and on every core. Target (issue 8): at
// least 10 M path-steps/s per core, scaling with threads.
import { availableParallelism } from 'node:os';
import { report } from '@hedge-router/router/bench-harness';
import { createBacktestContext } from '../src/backtest/backtestContext.js';
import { parseScenario } from '../src/backtest/parseScenario.js';
import { createPathResults } from '../src/backtest/pathResults.js';
import { runBacktest } from '../src/backtest/runBacktest.js';
import { runPathsFast } from '../src/backtest/runPathsFast.js';
import { runPathsGeneric } from '../src/backtest/runPathsGeneric.js';

const TARGET_PER_CORE = 10e6;

export default async function backtestBench(): Promise<void> {
  const paths = Number(process.env.BENCH_BACKTEST_PATHS ?? 40_000);
  const scenario = parseScenario({
    name: 'bench: short ATM call, daily hedge',
    seed: 1,
    paths,
    steps: 365,
    horizonYears: 1,
    rate: 0.05,
    market: { model: 'gbm', spot: 3000, drift: 0, vol: 0.6 },
    book: [{ kind: 'call', strike: 3000, expiry: 1, quantity: -100 }],
    hedge: { policy: 'interval', vol: 0.6 },
    costs: { model: 'proportional', oneWayBps: 10 },
  });
  const stepsPer = (n: number) => n * scenario.steps;
  const ctx = createBacktestContext({ scenario });
  const rows: Record<string, string | number | boolean>[] = [];
  const time = (label: string, n: number, fn: () => void) => {
    fn(); // warm-up on the same work
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      fn();
      best = Math.min(best, performance.now() - t0);
    }
    const rate = stepsPer(n) / (best / 1000);
    rows.push({
      loop: label,
      threads: 1,
      paths: n,
      pathStepsPerSecondM: +(rate / 1e6).toFixed(2),
      perCoreTargetM: 10,
      meetsTarget: rate >= TARGET_PER_CORE,
    });
  };
  const chunk = Math.min(paths, 10_000);
  const out = createPathResults(chunk);
  time('fast, P&L + attribution', chunk, () => runPathsFast(ctx, 0, out, { attribution: true }));
  time('fast, P&L only', chunk, () => runPathsFast(ctx, 0, out, { attribution: false }));
  const spots = new Float64Array(scenario.steps + 1);
  time('GBM path generation alone', chunk, () => {
    for (let p = 0; p < chunk; p++) ctx.market.fillPath(p, spots);
  });
  const small = createPathResults(2000);
  time('generic (policy.decide)', 2000, () => runPathsGeneric(ctx, 0, small));
  const cores = availableParallelism();
  for (const threads of [...new Set([1, cores])]) {
    const r = await runBacktest({ scenario, threads });
    rows.push({
      loop: 'runBacktest end to end (incl. worker start-up)',
      threads,
      paths,
      pathStepsPerSecondM: +(r.run.pathStepsPerSecond / 1e6).toFixed(2),
      perCoreTargetM: 10,
      meetsTarget: r.run.pathStepsPerSecond / threads >= TARGET_PER_CORE,
    });
  }
  report('backtest', rows);
}
