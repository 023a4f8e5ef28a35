import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditReport } from '../audit/runAudit.js';
import { htmlPage, htmlTable, toCsv } from './html.js';
import { barChartSvg } from './svgCharts.js';

/** Writes a route audit to `dir`: `audit.html` (offline), `audit.json`, `audit.csv` (one row per intent). */
export function writeAuditReport(dir: string, report: AuditReport): { html: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const files = { html: join(dir, 'audit.html'), json: join(dir, 'audit.json') };
  writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
  const rows = report.intents.map((a) => [
    a.intentId,
    a.status,
    a.chosen.map((c) => c.split(':')[0]).join(' + '),
    a.best.candidateIds.map((c) => c.split(':')[0]).join(' + '),
    a.realisedTotalBps,
    a.best.expectedTotalBps,
    a.regretBps,
    a.predictionErrorBps.total,
    String(a.sandwiched),
    a.betterVenues.map((v) => v.candidateId.split(':')[0]).join(' '),
  ]);
  const header = [
    'intent',
    'status',
    'chosen',
    'router now',
    'realised bps',
    'best expected bps',
    'regret bps',
    'prediction error bps',
    'sandwiched',
    'better venues',
  ];
  writeFileSync(join(dir, 'audit.csv'), toCsv(header, rows));
  const s = report.summary;
  const e = s.meanPredictionErrorBps;
  const body = `<h1>Route audit</h1>
<p class="note">${s.count} intents re-quoted at their recorded market state with the router. Regret = realised cost − the best expected cost at that state; prediction error = realised − predicted, per stage (positive: cost more than predicted). Bps of each intent's arrival mid value.</p>
${htmlTable(['intents', 'mean realised bps', 'mean regret bps', 'sandwiched %', 'with a better venue %'], [[s.count, s.meanRealisedBps, s.meanRegretBps, s.sandwichedShare * 100, s.withBetterVenueShare * 100]])}
${barChartSvg(
  [
    { label: 'impact', value: e.impact },
    { label: 'fees', value: e.fees },
    { label: 'gas', value: e.gas },
    { label: 'MEV', value: e.mev },
    { label: 'delay', value: e.delay },
    { label: 'total', value: e.total },
  ],
  { title: 'Mean prediction error per cost stage', unit: 'bps' },
)}
<h2>Intents</h2>
${htmlTable(header, rows)}`;
  writeFileSync(files.html, htmlPage('Route audit', body));
  return files;
}
