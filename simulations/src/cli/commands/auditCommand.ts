import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HedgeRouterError } from '@hedge-router/router';
import { decodeIntentHistory, type IntentHistory } from '@hedge-router/solvers';
import { ledgerAuditRecords } from '../../audit/ledgerAuditRecords.js';
import { type AuditReport, auditRecords, runAudit } from '../../audit/runAudit.js';
import { writeAuditReport } from '../../reports/writeAuditReport.js';
import { CliError } from './cliError.js';

export const auditUsage = `usage: hedge-router audit (--input FILE.jsonl | --data-dir DIR | --database-url URL) [--limit N] [--report DIR] [--json]

Re-quotes every venue at each intent's recorded market state with the router and compares with
what was chosen and realised: regret, prediction error per cost stage, better venues.
One JSON object per line (see simulations/src/audit/auditRecordSchema.ts); bench-execution
writes one (audit.jsonl in its report directory).

  --input         the JSONL file
  --data-dir      the API's DATA_DIR: audits its SQLite ledger (DIR/ledger.sqlite), read-only
  --database-url  the API's PostgreSQL ledger (postgres://...), read-only
  --limit         only the newest N intents of a ledger
  --report  write DIR/audit.html, audit.json, audit.csv
  --json    print the audit as JSON on stdout`;

const repoRoot = resolve(import.meta.dirname, '..', '..', '..', '..');
// The API's ledger export, run by path as a process: simulations may not import the api package
// (which owns the SQL ledger and its drivers).
const EXPORT_ENTRY = join(repoRoot, 'api', 'src', 'ledger', 'exportLedger.ts');

/** A ledger's intents with their decisions and attempts, through the API's export (one JSON line each). */
async function exportLedger(args: string[]): Promise<IntentHistory[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', EXPORT_ENTRY, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  if (code !== 0)
    throw new HedgeRouterError('UPSTREAM_FAILED', {
      shortMessage: stderr.trim() || `the ledger export exited with ${code}`,
    });
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return decodeIntentHistory(JSON.parse(line));
      } catch (error) {
        throw new HedgeRouterError('LEDGER_RECORD_INVALID', {
          shortMessage: `ledger export line ${i + 1}: ${(error as Error).message}`,
          cause: error,
        });
      }
    });
}

/** Runs `hedge-router audit`. */
export async function runAuditCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      limit: { type: 'string' },
      report: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(auditUsage);
  const sources = [values.input, values['data-dir'], values['database-url']].filter((v) => v !== undefined);
  if (sources.length !== 1)
    throw new CliError(`one of --input, --data-dir, --database-url is required\n\n${auditUsage}`);
  let report: AuditReport;
  if (values.input) {
    let text: string;
    try {
      text = readFileSync(resolve(values.input), 'utf8');
    } catch (error) {
      throw new CliError(`--input ${values.input}: ${(error as Error).message}`, { cause: error });
    }
    report = runAudit(text);
  } else {
    let limit: number | undefined;
    if (values.limit !== undefined) {
      limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new CliError(`--limit: expected a positive integer, got "${values.limit}"`);
    }
    const flag = values['data-dir'] ? '--data-dir' : '--database-url';
    const histories = await exportLedger([
      ...(values['data-dir'] ? ['--data-dir', resolve(values['data-dir'])] : []),
      ...(values['database-url'] ? ['--database-url', values['database-url']] : []),
      ...(limit !== undefined ? ['--limit', String(limit)] : []),
    ]).catch((error: unknown) => {
      throw new CliError(`${flag}: ${(error as Error).message}`, { cause: error });
    });
    const { records, skipped } = ledgerAuditRecords(histories);
    report = auditRecords(
      records.map((raw) => ({ raw, where: `intent ${raw.intentId}` })),
      skipped,
    );
  }
  if (values.report) console.error(`report: ${writeAuditReport(resolve(values.report), report).html}`);
  if (values.json) return void console.log(JSON.stringify(report, null, 2));
  const s = report.summary;
  console.log(
    `${s.count} intents: mean realised ${s.meanRealisedBps.toFixed(2)} bps, mean regret ${s.meanRegretBps.toFixed(2)} bps, sandwiched ${(s.sandwichedShare * 100).toFixed(0)}%, a better venue for ${(s.withBetterVenueShare * 100).toFixed(0)}%`,
  );
  if (report.skipped.length)
    console.log(
      `${report.skipped.length} intents not audited: ${[...new Set(report.skipped.map((x) => x.reason))].join('; ')}`,
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
