import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HedgeRouterError } from '@hedge-router/router';
import type { IntentHistory } from '@hedge-router/solvers';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { decisionRecordOf, intentRecordOf, submissionRecordOf } from './rowCodecs.js';
import type { LedgerSchema } from './schema.js';

/** One intent as the ledger holds it, decoded: the intent, every decision, every attempt. */
export type LedgerIntentHistory = IntentHistory;

/**
 * Reads every intent with its decisions and submissions, oldest first, for route audits
 * (`hedge-router audit --data-dir DIR | --database-url URL`). Read-only: the SQLite file is
 * opened read-only and never migrated or created; on PostgreSQL only SELECTs run, in a
 * read-only transaction. `dataDir` is the API's DATA_DIR (the file is DATA_DIR/ledger.sqlite).
 */
export async function readLedgerForAudit(params: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** At most this many intents, the newest (default all). */
  limit?: number;
}): Promise<LedgerIntentHistory[]> {
  let db: Kysely<LedgerSchema>;
  if (params.databaseUrl) {
    const pool = new pg.Pool({ connectionString: params.databaseUrl, max: 1 });
    pool.on('error', () => undefined);
    // Every statement of every connection runs read-only.
    pool.on('connect', (client) => void client.query('SET default_transaction_read_only = on'));
    db = new Kysely<LedgerSchema>({ dialect: new PostgresDialect({ pool }) });
  } else if (params.dataDir) {
    const file = join(params.dataDir, 'ledger.sqlite');
    if (!existsSync(file))
      throw new HedgeRouterError('INVALID_INPUT', { field: 'dataDir', shortMessage: `no ledger at ${file}` });
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<LedgerSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  } else
    throw new HedgeRouterError('INVALID_INPUT', { shortMessage: 'databaseUrl or dataDir: one is required' });
  try {
    let query = db.selectFrom('intents').selectAll().orderBy('created_at', 'desc').orderBy('id');
    if (params.limit !== undefined) query = query.limit(params.limit);
    const intents = (await query.execute()).reverse();
    if (intents.length === 0) return [];
    // Without a limit every row is read; with one, only the chosen intents' rows.
    const ids = intents.map((i) => i.id);
    const decisionsQuery = db.selectFrom('decisions').selectAll().orderBy('id');
    const submissionsQuery = db.selectFrom('submissions').selectAll().orderBy('leg_index').orderBy('attempt');
    const [decisions, submissions] = await Promise.all([
      (params.limit === undefined ? decisionsQuery : decisionsQuery.where('intent_id', 'in', ids)).execute(),
      (params.limit === undefined
        ? submissionsQuery
        : submissionsQuery.where('intent_id', 'in', ids)
      ).execute(),
    ]);
    const byIntent = <T extends { intent_id: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const r of rows) map.set(r.intent_id, [...(map.get(r.intent_id) ?? []), r]);
      return map;
    };
    const decisionsOf = byIntent(decisions);
    const submissionsOf = byIntent(submissions);
    return intents.map((intent) => ({
      intent: intentRecordOf(intent),
      decisions: (decisionsOf.get(intent.id) ?? []).map((d) => decisionRecordOf({ ...d, id: Number(d.id) })),
      submissions: (submissionsOf.get(intent.id) ?? []).map(submissionRecordOf),
    }));
  } finally {
    await db.destroy();
  }
}
