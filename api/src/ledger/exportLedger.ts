// `node --import tsx api/src/ledger/exportLedger.ts (--data-dir DIR | --database-url URL) [--limit N]`
// Writes every intent of a ledger with its decisions and attempts, one JSON line each
// (solvers' intentHistoryLine), read-only. `hedge-router audit --data-dir/--database-url`
// runs it as a process (simulations may not import the api package) and audits its lines.
import { parseArgs } from 'node:util';
import { HedgeRouterError } from '@hedge-router/router';
import { intentHistoryLine } from '@hedge-router/solvers';
import { readLedgerForAudit } from './readLedgerForAudit.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    limit: { type: 'string' },
  },
});
try {
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
    throw new HedgeRouterError('INVALID_INPUT', {
      field: '--limit',
      shortMessage: `expected a positive integer, got "${values.limit}"`,
    });
  const histories = await readLedgerForAudit({
    dataDir: values['data-dir'],
    databaseUrl: values['database-url'],
    ...(limit === undefined ? {} : { limit }),
  });
  for (const history of histories) process.stdout.write(`${intentHistoryLine(history)}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
}
