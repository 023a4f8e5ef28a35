import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutionBenchmarkResult } from '../execution/runExecutionBenchmark.js';
import { escapeHtml, formatNumber, htmlPage, htmlTable, toCsv } from './html.js';
import { barChartSvg, scatterSvg } from './svgCharts.js';

/**
 * Writes the execution-quality benchmark to `dir`: `report.html` (offline), `execution.json`, `audit.jsonl` (route-audit input),
 * `strategies.csv` (one row per strategy) and `hedges.csv` (one row per hedge and strategy).
 */
export function writeExecutionReport(
  dir: string,
  r: ExecutionBenchmarkResult,
): { html: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const files = { html: join(dir, 'report.html'), json: join(dir, 'execution.json') };
  writeFileSync(files.json, `${JSON.stringify(r, null, 2)}\n`);
  const available = r.strategies.filter((s) => s.available);
  const stageRow = (s: (typeof r.strategies)[number]) => {
    const c = s.meanCostBps;
    return [
      s.strategy,
      c.impact,
      c.fees,
      c.gas,
      c.mev,
      c.delay,
      c.total,
      s.sandwichedShare * 100,
      s.filledShare * 100,
      s.meanSecondsToFill,
      s.hedgedPnlVariance,
    ];
  };
  const header = [
    'strategy',
    'impact bps',
    'fees bps',
    'gas bps',
    'MEV lost bps',
    'delay risk bps',
    'total bps',
    'sandwiched %',
    'filled %',
    'time to fill s',
    'hedged P&L variance USD²',
  ];
  writeFileSync(join(dir, 'strategies.csv'), toCsv(header, available.map(stageRow)));
  writeFileSync(
    join(dir, 'hedges.csv'),
    toCsv(
      [
        'strategy',
        'step',
        'units',
        'notionalUsd',
        'status',
        'venues',
        'sandwiched',
        'impactBps',
        'feesBps',
        'gasBps',
        'mevBps',
        'delayBps',
        'totalBps',
        'predictedTotalBps',
        'secondsToFill',
      ],
      available.flatMap((s) =>
        s.hedges.map((h) => [
          s.strategy,
          h.step,
          h.units,
          h.notionalUsd,
          h.status,
          h.venues.join(' '),
          String(h.sandwiched),
          h.costBps.impact,
          h.costBps.fees,
          h.costBps.gas,
          h.costBps.mev,
          h.costBps.delay,
          h.costBps.total,
          h.predictedTotalBps,
          h.secondsToFill,
        ]),
      ),
    ),
  );
  // Every decision as a route-audit record: `hedge-router audit --input DIR/audit.jsonl`.
  writeFileSync(
    join(dir, 'audit.jsonl'),
    `${available
      .flatMap((s) =>
        s.hedges.flatMap((x) =>
          x.audit ? [JSON.stringify({ ...x.audit, intentId: `${s.strategy}:${x.step}` })] : [],
        ),
      )
      .join('\n')}\n`,
  );
  const h = r.headline;
  const body = `
<h1>Execution quality: the same hedges under each routing strategy</h1>
<p class="note">Local world (anvil, real Uniswap V3), sandwich searcher on the public mempool, an arbitrageur trading the pools back to the reference price before every hedge.
Vault: short ${formatNumber(r.vault.shortCalls)} calls on WETH, σ ${r.vault.vol}, band ±${r.vault.bandWeth} WETH; ${r.vault.steps} steps of ${r.vault.stepSeconds} s, seed ${r.vault.seed}.
Costs in bps of each hedge's notional at the reference price (notional-weighted means); time to fill counts 12 s per block.</p>
<h2>Headline</h2>
<p>Router ${formatNumber(h.routerBps)} bps vs naive public ${formatNumber(h.naiveBps)} bps (${h.halfOfNaive ? 'at most half: yes' : 'at most half: <b>no</b>'}); best single venue ${formatNumber(h.bestSingleBps)} bps (${h.noWorseThanBest ? 'router no worse: yes' : 'router no worse: <b>no</b>'}).</p>
${htmlTable(header, available.map(stageRow))}
${r.strategies
  .filter((s) => !s.available)
  .map(
    (s) =>
      `<p class="note">${escapeHtml(s.strategy)}: not run (${escapeHtml(s.unavailable ?? 'unavailable')}).</p>`,
  )
  .join('')}
${barChartSvg(
  available.map((s) => ({ label: s.strategy, value: s.meanCostBps.total })),
  { title: 'Total execution cost per hedge', unit: 'bps' },
)}
${barChartSvg(
  available.map((s) => ({ label: s.strategy, value: s.meanCostBps.mev })),
  { title: 'MEV lost per hedge (why the naive bound costs)', unit: 'bps' },
)}
${scatterSvg([{ name: 'reference price', color: '#5b7fd6', points: r.prices.map((p, i) => ({ x: i, y: p })), joined: true }], { title: 'Reference price path', xLabel: 'step', yLabel: 'USD per WETH' })}
<h2>The router's choices</h2>
<p class="note">Share of the router's traded notional per venue (legs of split plans counted by size at the reference price), and how far its realised cost was from its prediction. A split puts part of a large hedge on the remote chain's deeper pool (bridge fee 4 bps each way) and the rest on the main pools, so neither pool's impact grows as fast as one pool's would.</p>
${htmlTable(
  ['venue', 'share of notional %', 'legs'],
  routerVenueShares(r).map((v) => [v.venue, v.sharePct, v.legs]),
)}
<h2>Hedges</h2>
${available
  .map(
    (s) =>
      `<h3>${escapeHtml(s.strategy)}</h3><p class="note">${escapeHtml(s.description)}</p>${htmlTable(
        [
          'step',
          'WETH',
          'notional USD',
          'status',
          'venues',
          'sandwiched',
          'total bps',
          'predicted bps',
          'fill s',
        ],
        s.hedges.map((x) => [
          x.step,
          x.units,
          x.notionalUsd,
          x.status,
          x.venues.map((v) => v.split(':')[0]).join(' + '),
          String(x.sandwiched),
          x.costBps.total,
          x.predictedTotalBps,
          x.secondsToFill,
        ]),
      )}`,
  )
  .join('')}`;
  writeFileSync(files.html, htmlPage('Execution quality', body));
  return files;
}

/** The router strategy's venues by share of traded notional (each leg's candidate prefix). */
function routerVenueShares(r: ExecutionBenchmarkResult) {
  const router = r.strategies.find((s) => s.strategy === 'router' && s.available);
  const byVenue = new Map<string, { usd: number; legs: number }>();
  let total = 0;
  for (const h of router?.hedges ?? []) {
    const legs = h.legs ?? [];
    for (const leg of legs) {
      const venue = leg.candidateId.split(':')[0] ?? leg.candidateId;
      const v = byVenue.get(venue) ?? { usd: 0, legs: 0 };
      v.usd += leg.notionalUsd;
      v.legs += 1;
      total += leg.notionalUsd;
      byVenue.set(venue, v);
    }
  }
  return [...byVenue.entries()]
    .map(([venue, v]) => ({ venue, sharePct: total > 0 ? (v.usd / total) * 100 : 0, legs: v.legs }))
    .sort((a, b) => b.sharePct - a.sharePct);
}
