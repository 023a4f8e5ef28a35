import type { LedgerPort } from '@hedge-router/solvers';
import { type Kysely, sql } from 'kysely';
import { decisionsStore } from './decisionsStore.js';
import { eventsStore } from './eventsStore.js';
import { intentsStore } from './intentsStore.js';
import { keepersStore } from './keepersStore.js';
import type { Dialect } from './migrations.js';
import type { LedgerSchema } from './schema.js';
import { submissionsStore } from './submissionsStore.js';

/**
 * The ledger: the source of truth for every intent, decision, submission and event, on SQLite or
 * PostgreSQL. It is the engine's `LedgerPort` (typed records, decoded once in rowCodecs) plus what
 * the HTTP shell needs: intake, keepers, pages, the event stream, the worker's claims. Every
 * transition is written (in one transaction with its event) before the worker acts on it; nothing
 * that matters lives in process memory, so any process can resume any intent.
 */
export function createLedger(
  db: Kysely<LedgerSchema>,
  dialect: Dialect,
  clock: () => Date = () => new Date(),
) {
  const now = () => clock().toISOString();
  const ledger = {
    db,
    dialect,
    async ping(): Promise<void> {
      await sql`select 1`.execute(db);
    },
    ...keepersStore(db, now),
    ...intentsStore(db, dialect, clock),
    ...decisionsStore(db, now),
    ...submissionsStore(db, now),
    ...eventsStore(db),
  };
  // The engine's port, checked here: a missing or mistyped method fails to compile.
  const port: LedgerPort = ledger;
  void port;
  return ledger;
}

export type Ledger = ReturnType<typeof createLedger>;
