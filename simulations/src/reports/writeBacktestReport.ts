import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FrontierPoint, policyFrontier } from '../backtest/policyFrontier.js';
import type { BacktestResult } from '../backtest/runBacktest.js';
import type { Scenario } from '../backtest/scenarioSchema.js';
import { escapeHtml, formatNumber, htmlPage, htmlTable, toCsv } from './html.js';
import { barChartSvg, histogramSvg, scatterSvg } from './svgCharts.js';

export type WriteBacktestReportParameters = {
  dir: string;
  scenario: Scenario;
  result: BacktestResult;
  baseDir?: string;
  threads?: number;
  /** Paths per policy on the frontier (default min(paths, 2000)). */
  frontierPaths?: number;
};

/** Files written by `writeBacktestReport`. */
export type BacktestReportFiles = { html: string; summary: string; paths: string; frontier: string };

/**
 * Writes a backtest's report into `dir`: `report.html` (offline: inline SVG of the P&L
 * distribution, the cost/variance frontier across policies on the same paths, the attribution
 * and cost stages), `summary.json` (the summary, the run and the frontier), `paths.csv` (one row
 * per path) and `frontier.csv`.
 */
export async function writeBacktestReport(p: WriteBacktestReportParameters): Promise<BacktestReportFiles> {
  const { dir, scenario, result } = p;
  mkdirSync(dir, { recursive: true });
  const frontier = await policyFrontier({
    scenario,
    ...(p.baseDir ? { baseDir: p.baseDir } : {}),
    ...(p.frontierPaths ? { paths: p.frontierPaths } : {}),
  });
  const s = result.summary;
  const files: BacktestReportFiles = {
    html: join(dir, 'report.html'),
    summary: join(dir, 'summary.json'),
    paths: join(dir, 'paths.csv'),
    frontier: join(dir, 'frontier.csv'),
  };
  writeFileSync(files.summary, `${JSON.stringify({ ...s, run: result.run, frontier }, null, 2)}\n`);
  const r = result.paths;
  const pathRows: number[][] = [];
  for (let i = 0; i < r.count; i++)
    pathRows.push([
      i,
      r.pnl[i]!,
      r.costs[i]!,
      r.trades[i]!,
      r.unitsTraded[i]!,
      r.delta[i]!,
      r.gamma[i]!,
      r.theta[i]!,
      r.carry[i]!,
      r.residual[i]!,
    ]);
  writeFileSync(
    files.paths,
    toCsv(
      [
        'path',
        'pnlUsd',
        'costsUsd',
        'trades',
        'unitsTraded',
        'deltaUsd',
        'gammaUsd',
        'thetaUsd',
        'carryUsd',
        'residualUsd',
      ],
      pathRows,
    ),
  );
  writeFileSync(
    files.frontier,
    toCsv(
      ['label', 'policy', 'costMeanUsd', 'pnlMeanUsd', 'pnlSdUsd', 'pnlVarianceUsd2', 'tradesMean'],
      frontier.map((f) => [
        f.label,
        f.hedge.policy,
        f.costMean,
        f.pnlMean,
        f.pnlSd,
        f.pnlVariance,
        f.tradesMean,
      ]),
    ),
  );
  writeFileSync(files.html, backtestHtml(scenario, result, frontier));
  return files;
}

function backtestHtml(scenario: Scenario, result: BacktestResult, frontier: FrontierPoint[]): string {
  const s = result.summary;
  const a = s.attribution;
  const family = (f: FrontierPoint['family']) => frontier.filter((x) => x.family === f);
  const point = (x: FrontierPoint) => ({ x: x.costMean, y: x.pnlSd, label: x.label });
  const frontierPaths = Math.min(scenario.paths, 2000);
  const body = `
<h1>Backtest: ${escapeHtml(scenario.name ?? 'scenario')}</h1>
<p class="note">${s.scenario.paths.toLocaleString('en-US')} paths × ${s.scenario.steps} steps over ${s.scenario.horizonYears} y, seed ${s.scenario.seed};
market ${escapeHtml(s.market)}; policy ${escapeHtml(s.policy)}; costs ${escapeHtml(s.costModel)}; ${s.engine} loop, ${result.run.threads} thread(s), ${formatNumber(result.run.elapsedMs / 1000)} s.
The book is bought (sold, when short) at its Black-Scholes value at the hedge vol at t = 0 (${formatNumber(s.bookValueAtStartUsd)} USD); cash earns the rate; P&L is measured at the horizon, in USD.</p>
<h2>Hedged P&amp;L</h2>
${htmlTable(
  ['mean', '± stderr', 'sd', 'p05', 'p50', 'p95', 'skew', 'kurtosis', 'min', 'max'],
  [
    [
      s.pnl.mean,
      s.pnl.stderr,
      s.pnl.sd,
      s.pnl.p05,
      s.pnl.p50,
      s.pnl.p95,
      s.pnl.skew,
      s.pnl.kurtosis,
      s.pnl.min,
      s.pnl.max,
    ],
  ],
)}
${histogramSvg(result.paths.pnl, {
  title: 'P&L distribution at the horizon',
  xLabel: 'P&L, USD',
  markers: [
    { x: s.pnl.p05, label: 'p05' },
    { x: s.pnl.mean, label: 'mean' },
    { x: s.pnl.p95, label: 'p95' },
  ],
})}
<h2>Attribution (mean per path)</h2>
<p class="note">P&amp;L = delta + gamma + theta + carry + costs + residual. Greeks at each step's start, at the hedge vol: delta Σ(book Δ + hedge)·dS, gamma Σ ½Γ·dS², theta Σ Θ·dt, carry the interest on cash and the hedge's yield, residual the higher-order terms.</p>
${barChartSvg(
  [
    { label: 'delta', value: a.delta },
    { label: 'gamma', value: a.gamma },
    { label: 'theta', value: a.theta },
    { label: 'carry', value: a.carry },
    { label: 'costs', value: a.costs },
    { label: 'residual', value: a.residual },
    { label: 'total P&L', value: a.total },
  ],
  { title: 'Where the P&L comes from', unit: 'USD' },
)}
<h2>Costs</h2>
${htmlTable(
  [
    'per path',
    'per trade',
    'trades per path',
    'units traded per path',
    'impact',
    'fees',
    'gas',
    'MEV',
    'delay',
  ],
  [
    [
      s.costs.total,
      s.costs.perTrade,
      s.trades.mean,
      s.trades.unitsTradedMean,
      s.costs.byStage.impact,
      s.costs.byStage.fees,
      s.costs.byStage.gas,
      s.costs.byStage.mev,
      s.costs.byStage.delay,
    ],
  ],
)}
<h2>Cost / variance frontier</h2>
<p class="note">Each policy on the same ${frontierPaths.toLocaleString('en-US')} paths (same seed). s = |Γ₀|·S₀·σ·√δt is the book's delta move over one step at t = 0. Lower-left is better: a policy above the fixed-band curve pays more risk for its cost.</p>
${scatterSvg(
  [
    { name: 'fixed bands', color: '#5b7fd6', points: family('band').map(point), joined: true },
    { name: 'Whalley-Wilmott', color: '#e08a2c', points: family('whalley-wilmott').map(point), joined: true },
    { name: 'every step', color: '#7a5bd6', points: family('interval').map(point) },
    { name: 'this scenario', color: '#d9534f', points: family('scenario').map(point) },
  ],
  { title: 'Hedging cost vs P&L risk', xLabel: 'mean cost per path, USD', yLabel: 'P&L sd, USD' },
)}
${htmlTable(
  ['policy', 'cost per path', 'P&L mean', 'P&L sd', 'trades per path'],
  frontier.map((f) => [f.label, f.costMean, f.pnlMean, f.pnlSd, f.tradesMean]),
)}
<h2>Scenario</h2>
<pre>${escapeHtml(JSON.stringify(scenario, null, 2))}</pre>`;
  return htmlPage(`Backtest: ${scenario.name ?? 'scenario'}`, body);
}
