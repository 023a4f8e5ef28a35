import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type Dialect, migrateLedger } from './migrations.js';
import type { LedgerSchema } from './schema.js';

export type LedgerDb = { db: Kysely<LedgerSchema>; dialect: Dialect; close: () => Promise<void> };

/**
 * Opens the ledger: PostgreSQL when `databaseUrl` is set (several API/worker processes share
 * it), else an embedded SQLite file under `dataDir` (WAL mode, one process). Runs the migrations.
 */
export async function openLedgerDb(params: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<LedgerDb> {
  let db: Kysely<LedgerSchema>;
  let dialect: Dialect;
  if (params.databaseUrl) {
    dialect = 'postgres';
    const pool = new pg.Pool({ connectionString: params.databaseUrl, max: 10 });
    // An idle client losing its connection (a database restart) must not crash the process:
    // the pool drops it and the next query connects again.
    pool.on('error', () => undefined);
    db = new Kysely<LedgerSchema>({ dialect: new PostgresDialect({ pool }) });
  } else {
    dialect = 'sqlite';
    const inMemory = params.dataDir === ':memory:';
    if (!inMemory) mkdirSync(params.dataDir, { recursive: true });
    const file = inMemory ? ':memory:' : join(params.dataDir, 'ledger.sqlite');
    const sqlite = new Database(file);
    // WAL: readers never block the writer; synchronous=FULL so an accepted intent survives a crash.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<LedgerSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  await migrateLedger(db as Kysely<unknown>, dialect);
  return { db, dialect, close: () => db.destroy() };
}
