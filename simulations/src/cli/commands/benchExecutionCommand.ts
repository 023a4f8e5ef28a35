import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DAYS_PER_YEAR } from '@hedge-router/router';
import { executionStrategies } from '../../execution/executionStrategies.js';
import type { ExecutionVault } from '../../execution/hedgeSchedule.js';
import { runExecutionBenchmark } from '../../execution/runExecutionBenchmark.js';
import { writeExecutionReport } from '../../reports/writeExecutionReport.js';
import { CliError } from './cliError.js';

export const benchExecutionUsage = `usage: hedge-router bench-execution [--report DIR] [--steps N] [--seed N] [--json]

Runs the same gamma-scalping vault (short 10,000 one-week ATM WETH calls, band ±60 WETH) over
the same hourly reference path under each routing strategy on the local world, with the
sandwich searcher and the arbitrageurs active: always public with a 0.5% bound, always a
private bundle, always the CoW batch auction (local orderbook, an auction per block), and the
router over every venue (protected public, bundle, batch auction, cross-chain to the remote pool). Prints cost per hedge by stage, share sandwiched,
time to fill and hedged P&L variance per strategy.

  --report  write DIR/report.html, execution.json, strategies.csv, hedges.csv
  --steps   hourly steps of the reference path (default 24)
  --seed    seed of the reference path (default 5)
  --json    print the whole result as JSON on stdout`;

/** The benchmark's default vault (what the figures in docs/simulations.md use). */
export const defaultExecutionVault: ExecutionVault = {
  shortCalls: 10_000,
  expiryYears: 7 / DAYS_PER_YEAR,
  vol: 0.6,
  bandWeth: 60,
  startPriceUsd: 3000,
  steps: 24,
  stepSeconds: 3600,
  seed: 5,
};

/** Runs `hedge-router bench-execution`. */
export async function runBenchExecutionCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      report: { type: 'string' },
      steps: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(benchExecutionUsage);
  const int = (name: string, v: string | undefined, fallback: number) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1)
      throw new CliError(`--${name}: expected a positive integer, got "${v}"`);
    return n;
  };
  const vault = {
    ...defaultExecutionVault,
    steps: int('steps', values.steps, 24),
    seed: int('seed', values.seed, 5),
  };
  const result = await runExecutionBenchmark({
    vault,
    strategies: executionStrategies,
    onHedge: (s, i, n) => process.stderr.isTTY && process.stderr.write(`\r${s}: hedge ${i}/${n}   `),
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (values.report) console.error(`report: ${writeExecutionReport(resolve(values.report), result).html}`);
  if (values.json) return void console.log(JSON.stringify(result, null, 2));
  const rows = result.strategies.map((s) =>
    s.available
      ? {
          strategy: s.strategy,
          hedges: s.hedges.length,
          totalBps: +s.meanCostBps.total.toFixed(2),
          impactBps: +s.meanCostBps.impact.toFixed(2),
          feesBps: +s.meanCostBps.fees.toFixed(2),
          gasBps: +s.meanCostBps.gas.toFixed(3),
          mevBps: +s.meanCostBps.mev.toFixed(2),
          delayBps: +s.meanCostBps.delay.toFixed(4),
          sandwichedPct: +(s.sandwichedShare * 100).toFixed(1),
          filledPct: +(s.filledShare * 100).toFixed(1),
          plansPerHedge: +s.meanAttempts.toFixed(2),
          fillSeconds: +s.meanSecondsToFill.toFixed(1),
          pnlVariance: +s.hedgedPnlVariance.toPrecision(4),
        }
      : { strategy: s.strategy, hedges: 0, note: s.unavailable ?? 'unavailable' },
  );
  console.table(rows);
  const h = result.headline;
  console.log(
    `router ${h.routerBps.toFixed(2)} bps vs naive public ${h.naiveBps.toFixed(2)} bps (≤ half: ${h.halfOfNaive}); best single venue ${h.bestSingleBps.toFixed(2)} bps (router no worse: ${h.noWorseThanBest})`,
  );
}
