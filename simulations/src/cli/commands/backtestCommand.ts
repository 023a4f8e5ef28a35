import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isHedgeRouterError } from '@hedge-router/router';
import { parseScenario } from '../../backtest/parseScenario.js';
import { runBacktest } from '../../backtest/runBacktest.js';
import { writeBacktestReport } from '../../reports/writeBacktestReport.js';
import { createProgressBar } from '../progressBar.js';
import { CliError } from './cliError.js';

export const backtestUsage = `usage: hedge-router backtest --scenario FILE.json [--json] [--report DIR] [--threads N]

  --scenario   the scenario file (see simulations/scenarios/ for examples)
  --json       print the summary as one JSON document on stdout (progress stays on stderr)
  --report     also write DIR/report.html (offline charts), DIR/summary.json, DIR/paths.csv,
               DIR/frontier.csv (the cost/variance frontier across policies)
  --threads    worker threads (default: the scenario's, else every core); never changes the numbers

Ctrl-C cancels.`;

/** Runs `hedge-router backtest` with `argv` the arguments after the subcommand. */
export async function runBacktestCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string' },
      json: { type: 'boolean' },
      report: { type: 'string' },
      threads: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(backtestUsage);
  if (!values.scenario) throw new CliError(`--scenario is required\n\n${backtestUsage}`);
  const file = resolve(values.scenario);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(
      `--scenario ${values.scenario}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  let scenario: ReturnType<typeof parseScenario>;
  try {
    scenario = parseScenario(raw);
  } catch (error) {
    const issues = isHedgeRouterError(error) ? (error.details.issues as string[] | undefined) : undefined;
    if (!issues) throw error;
    throw new CliError(`invalid scenario ${values.scenario}:\n${issues.map((i) => `  ${i}`).join('\n')}`);
  }
  let threads: number | undefined;
  if (values.threads !== undefined) {
    threads = Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1)
      throw new CliError(`--threads: expected a positive integer, got "${values.threads}"`);
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const bar = createProgressBar('backtest');
  try {
    const result = await runBacktest({
      scenario,
      baseDir: dirname(file),
      ...(threads ? { threads } : {}),
      signal: controller.signal,
      onProgress: bar.update,
    });
    bar.done();
    const output = { ...result.summary, run: result.run };
    if (values.report) {
      const written = await writeBacktestReport({
        dir: resolve(values.report),
        scenario,
        result,
        baseDir: dirname(file),
        ...(threads ? { threads } : {}),
      });
      if (!values.json) console.log(`report: ${written.html}`);
    }
    if (values.json) console.log(JSON.stringify(output, null, 2));
    else printSummary(output);
  } catch (error) {
    bar.done();
    if (controller.signal.aborted)
      throw new CliError('backtest cancelled (Ctrl-C)', {
        exitCode: 130,
        code: 'SIMULATION_FAILED',
        cause: error,
      });
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function printSummary(
  s: Awaited<ReturnType<typeof runBacktest>>['summary'] & {
    run: { threads: number; elapsedMs: number; pathStepsPerSecond: number };
  },
): void {
  const usd = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
  console.log(
    `${s.scenario.name ?? 'scenario'}: ${s.scenario.paths} paths × ${s.scenario.steps} steps, ${s.policy}, ${s.costModel}`,
  );
  console.log(
    `  P&L (USD): mean ${usd(s.pnl.mean)} ± ${usd(s.pnl.stderr)}, sd ${usd(s.pnl.sd)}, p05 ${usd(s.pnl.p05)}, p95 ${usd(s.pnl.p95)}, skew ${s.pnl.skew.toFixed(3)}, kurtosis ${s.pnl.kurtosis.toFixed(3)}`,
  );
  console.log(
    `  costs: ${usd(s.costs.total)} per path, ${usd(s.costs.perTrade)} per trade; trades ${s.trades.mean.toFixed(2)} per path`,
  );
  const a = s.attribution;
  console.log(
    `  attribution: delta ${usd(a.delta)}, gamma ${usd(a.gamma)}, theta ${usd(a.theta)}, carry ${usd(a.carry)}, costs ${usd(a.costs)}, residual ${usd(a.residual)}`,
  );
  console.log(
    `  ${s.engine} loop, ${s.run.threads} thread(s), ${(s.run.elapsedMs / 1000).toFixed(2)} s, ${(s.run.pathStepsPerSecond / 1e6).toFixed(2)} M path-steps/s`,
  );
}
