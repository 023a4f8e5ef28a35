import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runAudit } from '../../audit/runAudit.js';
import { writeAuditReport } from '../../reports/writeAuditReport.js';
import { CliError } from './cliError.js';

export const auditUsage = `usage: hedge-router audit --input FILE.jsonl [--report DIR] [--json]

Re-quotes every venue at each intent's recorded market state with the router and compares with
what was chosen and realised: regret, prediction error per cost stage, better venues.
One JSON object per line (see simulations/src/audit/auditRecordSchema.ts); bench-execution
writes one (audit.jsonl in its report directory).

  --input   the JSONL file
  --report  write DIR/audit.html, audit.json, audit.csv
  --json    print the audit as JSON on stdout`;

/** Runs `hedge-router audit`. */
export async function runAuditCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: 'string' },
      report: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(auditUsage);
  if (!values.input) throw new CliError(`--input is required\n\n${auditUsage}`);
  let text: string;
  try {
    text = readFileSync(resolve(values.input), 'utf8');
  } catch (error) {
    throw new CliError(`--input ${values.input}: ${(error as Error).message}`);
  }
  const report = runAudit(text);
  if (values.report) console.error(`report: ${writeAuditReport(resolve(values.report), report).html}`);
  if (values.json) return void console.log(JSON.stringify(report, null, 2));
  const s = report.summary;
  console.log(
    `${s.count} intents: mean realised ${s.meanRealisedBps.toFixed(2)} bps, mean regret ${s.meanRegretBps.toFixed(2)} bps, sandwiched ${(s.sandwichedShare * 100).toFixed(0)}%, a better venue for ${(s.withBetterVenueShare * 100).toFixed(0)}%`,
  );
  console.table(
    report.intents.map((a) => ({
      intent: a.intentId,
      chosen: a.chosen.map((c) => c.split(':')[0]).join('+'),
      routerNow: a.best.candidateIds.map((c) => c.split(':')[0]).join('+'),
      realisedBps: +a.realisedTotalBps.toFixed(2),
      regretBps: +a.regretBps.toFixed(2),
      predictionErrorBps: +a.predictionErrorBps.total.toFixed(2),
      sandwiched: a.sandwiched,
    })),
  );
}
