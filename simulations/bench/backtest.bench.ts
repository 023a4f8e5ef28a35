// Hedged path-steps per second of the backtester for a one-option book with BSM deltas (a short
// ATM call, daily hedging to expiry, 10 bps costs). Target (issue 8): at least 10 M path-steps/s
// per core, scaling with threads.
// Rows: the fast loop on one thread with and without the per-step P&L attribution, GBM path
// generation alone, the generic policy loop for comparison; then the whole runBacktest (workers,
// merge, summary, worker start-up included) on 1 thread and on every core, run alternately and
// reported side by side with the scaling ratio, plus the first multi-thread run of the process
// (workers started cold, their bundle from the disk cache) on its own row. Each row gives wall-clock rates and the rate per
// CPU-second (CPU time of every thread of the process): on a shared machine the wall clock also
// counts time other processes held the core, the CPU time does not.
// BENCH_BACKTEST_PATHS sets the end-to-end run's paths (default 100,000: a few seconds on one
// thread, so worker start-up is a small part of it).
import { availableParallelism } from 'node:os';
import { DAYS_PER_YEAR } from '@hedge-router/router';
import { type BenchRow, report } from '@hedge-router/tools/bench-harness';
import { createBacktestContext } from '../src/backtest/backtestContext.js';
import { closeBacktestPool } from '../src/backtest/backtestWorkerPool.js';
import { parseScenario } from '../src/backtest/parseScenario.js';
import { createPathResults } from '../src/backtest/pathResults.js';
import { type BacktestResult, runBacktest } from '../src/backtest/runBacktest.js';
import { runPathsFast } from '../src/backtest/runPathsFast.js';
import { runPathsGeneric } from '../src/backtest/runPathsGeneric.js';

const TARGET_PER_CORE = 10e6;

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
};
const millions = (x: number) => +(x / 1e6).toFixed(2);

export default async function backtestBench(): Promise<void> {
  const paths = Number(process.env.BENCH_BACKTEST_PATHS ?? 100_000);
  const scenario = parseScenario({
    name: 'bench: short ATM call, daily hedge',
    seed: 1,
    paths,
    steps: DAYS_PER_YEAR,
    horizonYears: 1,
    rate: 0.05,
    market: { model: 'gbm', spot: 3000, drift: 0, vol: 0.6 },
    book: [{ kind: 'call', strike: 3000, expiry: 1, quantity: -100 }],
    hedge: { policy: 'interval', vol: 0.6 },
    costs: { model: 'proportional', oneWayBps: 10 },
  });
  const ctx = createBacktestContext({ scenario });
  const rows: BenchRow[] = [];
  // Best of 3 after a warm-up on the same work, by wall clock and by CPU time separately.
  const time = (label: string, n: number, fn: () => void) => {
    fn();
    let wall = Number.POSITIVE_INFINITY;
    let cpu = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 3; k++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fn();
      wall = Math.min(wall, (performance.now() - t0) / 1000);
      cpu = Math.min(cpu, cpuSeconds(c0));
    }
    const steps = n * scenario.steps;
    rows.push({
      loop: label,
      threads: 1,
      paths: n,
      wallSeconds: +wall.toFixed(3),
      pathStepsPerSecondM: millions(steps / wall),
      perCoreM: millions(steps / wall),
      perCpuSecondM: millions(steps / cpu),
      scalingVs1Thread: null,
      meetsTarget: steps / wall >= TARGET_PER_CORE,
    });
  };
  const chunk = Math.min(paths, 10_000);
  const out = createPathResults(chunk);
  time('fast, P&L + attribution', chunk, () => runPathsFast(ctx, 0, out, { attribution: true }));
  time('fast, P&L only', chunk, () => runPathsFast(ctx, 0, out, { attribution: false }));
  const spots = new Float64Array(scenario.steps + 1);
  const logs = new Float64Array(scenario.steps + 1);
  time('GBM path generation alone (spots + log spots)', chunk, () => {
    for (let p = 0; p < chunk; p++) ctx.market.fillPath(p, spots, logs);
  });
  const small = createPathResults(2000);
  time('generic (policy.decide, exact BSM)', 2000, () => runPathsGeneric(ctx, 0, small));

  // End to end, 1 thread and every core alternately, best of 2 each. Workers come from the
  // process's pool: the first multi-thread run starts them (its own row below, "cold"), the
  // second reuses them warm, as a report's frontier of backtests does.
  const cores = availableParallelism();
  const counts = [...new Set([1, cores])];
  const best = new Map<number, BacktestResult['run']>();
  let cold: BacktestResult['run'] | undefined;
  await closeBacktestPool();
  for (let round = 0; round < 2; round++)
    for (const threads of counts) {
      const { run } = await runBacktest({ scenario, threads });
      if (round === 0 && threads > 1) cold = run;
      const seen = best.get(threads);
      if (!seen || run.elapsedMs < seen.elapsedMs) best.set(threads, run);
    }
  await closeBacktestPool();
  const single = best.get(1)!;
  const row = (label: string, run: BacktestResult['run']) =>
    rows.push({
      loop: `${label} (${run.workerPaths} of ${paths} paths on workers)`,
      threads: run.threads,
      paths,
      wallSeconds: +(run.elapsedMs / 1000).toFixed(3),
      pathStepsPerSecondM: millions(run.pathStepsPerSecond),
      perCoreM: millions(run.pathStepsPerSecond / run.threads),
      perCpuSecondM: millions(run.pathStepsPerCpuSecond),
      scalingVs1Thread: +(single.elapsedMs / run.elapsedMs).toFixed(2),
      meetsTarget: run.pathStepsPerSecond / run.threads >= TARGET_PER_CORE,
    });
  for (const threads of counts) row('runBacktest end to end', best.get(threads)!);
  if (cold) row('runBacktest end to end, first run: workers started cold', cold);
  report('backtest', rows);
}
