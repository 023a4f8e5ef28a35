import { HedgeRouterError } from '@hedge-router/router';
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

// One list of migrations for both databases; the only difference is how an auto-increment key
// is spelled.
function migrations(dialect: Dialect): Record<string, Migration> {
  const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
  return {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('keepers')
          .addColumn('vault', 'text', (c) => c.notNull())
          .addColumn('keeper', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('keepers_pk', ['vault', 'keeper'])
          .execute();
        await db.schema
          .createTable('intents')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('chain_id', 'integer', (c) => c.notNull())
          .addColumn('vault', 'text', (c) => c.notNull())
          .addColumn('nonce', 'text', (c) => c.notNull())
          .addColumn('intent_hash', 'text', (c) => c.notNull())
          .addColumn('intent_json', 'text', (c) => c.notNull())
          .addColumn('signature', 'text', (c) => c.notNull())
          .addColumn('signer', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('status_reason', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('locked_by', 'text')
          .addColumn('locked_until', 'text')
          .addUniqueConstraint('intents_vault_nonce', ['vault', 'nonce'])
          .execute();
        await db.schema
          .createIndex('intents_status')
          .on('intents')
          .columns(['status', 'created_at'])
          .execute();
        await db.schema.createIndex('intents_vault').on('intents').columns(['vault', 'created_at']).execute();
        await db.schema
          .createTable('decisions')
          .addColumn('id', serial, (c) =>
            dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
          )
          .addColumn('intent_id', 'text', (c) => c.notNull().references('intents.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('context_json', 'text', (c) => c.notNull())
          .addColumn('candidates_json', 'text', (c) => c.notNull())
          .addColumn('plan_json', 'text', (c) => c.notNull())
          .addColumn('failures_json', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('decisions_intent').on('decisions').column('intent_id').execute();
        await db.schema
          .createTable('submissions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('intent_id', 'text', (c) => c.notNull().references('intents.id'))
          .addColumn('leg_index', 'integer', (c) => c.notNull())
          .addColumn('attempt', 'integer', (c) => c.notNull())
          .addColumn('venue', 'text', (c) => c.notNull())
          .addColumn('candidate_id', 'text', (c) => c.notNull())
          .addColumn('leg_json', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('submission_json', 'text')
          .addColumn('outcome_json', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('submissions_leg_attempt', ['intent_id', 'leg_index', 'attempt'])
          .execute();
        await db.schema
          .createTable('events')
          .addColumn('id', serial, (c) =>
            dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
          )
          .addColumn('intent_id', 'text', (c) => c.notNull())
          .addColumn('vault', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('detail_json', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('events_intent').on('events').column('intent_id').execute();
      },
    },
  };
}

/** Brings the ledger's schema up to date (idempotent; safe with several processes on PostgreSQL). */
export async function migrateLedger(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  // Kysely's migrator holds a lock row while it migrates, so concurrent starts wait, not race.
  const migrator = new Migrator({ db, provider });
  const { error } = await migrator.migrateToLatest();
  if (error)
    throw new HedgeRouterError('UPSTREAM_FAILED', {
      shortMessage: `the ledger's migration failed: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
}
