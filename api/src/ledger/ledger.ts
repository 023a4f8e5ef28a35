import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Dialect } from './migrations.js';
import {
  type IntentStatus,
  type IntentsTable,
  type LedgerSchema,
  type SubmissionStatus,
  type SubmissionsTable,
  TERMINAL_STATUSES,
} from './schema.js';

export type IntentRow = IntentsTable;

/** Rolls back a pair claim that did not get both intents. */
class PairTaken extends Error {}
export type SubmissionRow = SubmissionsTable;

const now = (clock: () => Date) => clock().toISOString();
/** JSON with bigints as decimal strings (amounts stay exact in the ledger). */
const json = (value: unknown) =>
  JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));

/**
 * The ledger: the source of truth for every intent, decision, submission and event. Every
 * transition is written here (in one transaction with its event) before the worker acts on it;
 * nothing that matters lives in process memory, so any process can resume any intent.
 */
export type Ledger = ReturnType<typeof createLedger>;

export function createLedger(
  db: Kysely<LedgerSchema>,
  dialect: Dialect,
  clock: () => Date = () => new Date(),
) {
  const addEvent = (
    trx: Kysely<LedgerSchema>,
    intent: { id: string; vault: string },
    status: string,
    detail: unknown,
  ) =>
    trx
      .insertInto('events')
      .values({
        intent_id: intent.id,
        vault: intent.vault,
        status,
        detail_json: json(detail ?? {}),
        created_at: now(clock),
      })
      .execute();

  return {
    db,
    dialect,

    async ping(): Promise<void> {
      await sql`select 1`.execute(db);
    },

    // --- keepers ---
    async addKeeper(vault: string, keeper: string): Promise<void> {
      await db
        .insertInto('keepers')
        .values({ vault: vault.toLowerCase(), keeper: keeper.toLowerCase(), created_at: now(clock) })
        .onConflict((oc) => oc.columns(['vault', 'keeper']).doNothing())
        .execute();
    },
    async removeKeeper(vault: string, keeper: string): Promise<boolean> {
      const result = await db
        .deleteFrom('keepers')
        .where('vault', '=', vault.toLowerCase())
        .where('keeper', '=', keeper.toLowerCase())
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async isKeeper(vault: string, keeper: string): Promise<boolean> {
      const row = await db
        .selectFrom('keepers')
        .select('keeper')
        .where('vault', '=', vault.toLowerCase())
        .where('keeper', '=', keeper.toLowerCase())
        .executeTakeFirst();
      return row !== undefined;
    },
    async listKeepers(vault?: string) {
      let q = db.selectFrom('keepers').selectAll().orderBy('vault').orderBy('keeper');
      if (vault) q = q.where('vault', '=', vault.toLowerCase());
      return q.execute();
    },

    // --- intents ---
    /**
     * Stores a new intent durably, or finds the one already stored for (vault, nonce):
     * `created: true` for a new one; `duplicate: 'same'` when it is the identical intent
     * (idempotent retry), `'conflict'` when the nonce was used for a different intent.
     */
    async insertIntent(params: {
      chainId: number;
      vault: string;
      nonce: string;
      intentHash: string;
      intentJson: string;
      signature: string;
      signer: string;
    }): Promise<
      { id: string; created: true } | { id: string; created: false; duplicate: 'same' | 'conflict' }
    > {
      const vault = params.vault.toLowerCase();
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('intents')
          .select(['id', 'intent_hash'])
          .where('vault', '=', vault)
          .where('nonce', '=', params.nonce)
          .executeTakeFirst();
        if (existing) {
          return {
            id: existing.id,
            created: false as const,
            duplicate: existing.intent_hash === params.intentHash ? ('same' as const) : ('conflict' as const),
          };
        }
        const id = randomUUID();
        const at = now(clock);
        await trx
          .insertInto('intents')
          .values({
            id,
            chain_id: params.chainId,
            vault,
            nonce: params.nonce,
            intent_hash: params.intentHash,
            intent_json: params.intentJson,
            signature: params.signature,
            signer: params.signer.toLowerCase(),
            status: 'received',
            status_reason: null,
            created_at: at,
            updated_at: at,
            locked_by: null,
            locked_until: null,
          })
          .execute();
        await addEvent(trx, { id, vault }, 'received', {});
        return { id, created: true as const };
      });
    },

    async getIntent(id: string): Promise<IntentRow | undefined> {
      return db.selectFrom('intents').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** A page of intents, newest first; `cursor` is the opaque `nextCursor` of the previous page. */
    async listIntents(params: { vault?: string; status?: IntentStatus; cursor?: string; limit: number }) {
      let q = db
        .selectFrom('intents')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(params.limit + 1);
      if (params.vault) q = q.where('vault', '=', params.vault.toLowerCase());
      if (params.status) q = q.where('status', '=', params.status);
      if (params.cursor) {
        const [createdAt, id] = Buffer.from(params.cursor, 'base64url').toString().split('|');
        if (createdAt && id) {
          q = q.where((eb) =>
            eb.or([
              eb('created_at', '<', createdAt),
              eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
            ]),
          );
        }
      }
      const rows = await q.execute();
      const page = rows.slice(0, params.limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > params.limit && last
          ? Buffer.from(`${last.created_at}|${last.id}`).toString('base64url')
          : null;
      return { intents: page, nextCursor };
    },

    /**
     * Claims up to `limit` unfinished intents whose lease is free or expired, for `leaseMs`.
     * PostgreSQL: row locks with SKIP LOCKED, so concurrent workers never claim the same one.
     */
    async claimIntents(
      workerId: string,
      leaseMs: number,
      limit: number,
      options: { holdReceivedForMs?: number } = {},
    ): Promise<IntentRow[]> {
      const at = clock();
      const until = new Date(at.getTime() + leaseMs).toISOString();
      // Netting: a new intent waits out its window (the netting component may pair it meanwhile).
      const heldAfter = new Date(at.getTime() - (options.holdReceivedForMs ?? 0)).toISOString();
      return db.transaction().execute(async (trx) => {
        let q = trx
          .selectFrom('intents')
          .select('id')
          .where('status', 'not in', [...TERMINAL_STATUSES])
          .where((eb) => eb.or([eb('status', '!=', 'received'), eb('created_at', '<=', heldAfter)]))
          // Free, expired, or already ours (a restarted worker with the same id resumes at once).
          .where((eb) =>
            eb.or([
              eb('locked_until', 'is', null),
              eb('locked_until', '<', at.toISOString()),
              eb('locked_by', '=', workerId),
            ]),
          )
          .orderBy('created_at')
          .limit(limit);
        if (dialect === 'postgres') q = q.forUpdate().skipLocked();
        const ids = (await q.execute()).map((r) => r.id);
        if (ids.length === 0) return [];
        await trx
          .updateTable('intents')
          .set({ locked_by: workerId, locked_until: until })
          .where('id', 'in', ids)
          .execute();
        return trx.selectFrom('intents').selectAll().where('id', 'in', ids).orderBy('created_at').execute();
      });
    },

    /** New intents ('received', not leased by anyone) created at or after `sinceIso`, oldest first: the netting window's content. */
    async listWaitingIntents(sinceIso: string): Promise<IntentRow[]> {
      return db
        .selectFrom('intents')
        .selectAll()
        .where('status', '=', 'received')
        .where('created_at', '>=', sinceIso)
        .where((eb) =>
          eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', clock().toISOString())]),
        )
        .orderBy('created_at')
        .execute();
    },

    /**
     * Leases both intents of a netting pair to `workerId`, atomically: only if both are still
     * 'received' and free (no lease, or an expired one). Another worker racing for either gets
     * false (on PostgreSQL the second update waits for the first's row locks, then sees them taken).
     */
    async claimPair(ids: readonly [string, string], workerId: string, leaseMs: number): Promise<boolean> {
      const at = clock();
      const until = new Date(at.getTime() + leaseMs).toISOString();
      return db
        .transaction()
        .execute(async (trx) => {
          const result = await trx
            .updateTable('intents')
            .set({ locked_by: workerId, locked_until: until })
            .where('id', 'in', [...ids])
            .where('status', '=', 'received')
            .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at.toISOString())]))
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) !== 2) throw new PairTaken();
          return true;
        })
        .catch((error: unknown) => {
          if (error instanceof PairTaken) return false;
          throw error;
        });
    },

    /** Extends a lease this worker holds; false if another worker took the intent meanwhile. */
    async renewLease(id: string, workerId: string, leaseMs: number): Promise<boolean> {
      const result = await db
        .updateTable('intents')
        .set({ locked_until: new Date(clock().getTime() + leaseMs).toISOString() })
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async releaseLease(id: string, workerId: string): Promise<void> {
      await db
        .updateTable('intents')
        .set({ locked_by: null, locked_until: null })
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .execute();
    },

    /**
     * Moves an intent to `status` with its event, atomically. With `from`, only if the intent is
     * still in one of those statuses (returns false otherwise: someone else moved it).
     */
    async transition(
      id: string,
      status: IntentStatus,
      params: { reason?: string | null; detail?: unknown; from?: readonly IntentStatus[] } = {},
    ): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        let q = trx
          .updateTable('intents')
          .set({ status, status_reason: params.reason ?? null, updated_at: now(clock) })
          .where('id', '=', id);
        if (params.from) q = q.where('status', 'in', [...params.from]);
        const result = await q.executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        const row = await trx
          .selectFrom('intents')
          .select(['id', 'vault'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        await addEvent(trx, row, status, {
          reason: params.reason ?? null,
          ...((params.detail as object) ?? {}),
        });
        return true;
      });
    },

    // --- decisions ---
    async recordDecision(
      intentId: string,
      decision: { context: unknown; candidates: unknown; plan: unknown; failures: unknown },
    ) {
      await db
        .insertInto('decisions')
        .values({
          intent_id: intentId,
          created_at: now(clock),
          context_json: json(decision.context),
          candidates_json: json(decision.candidates),
          plan_json: json(decision.plan),
          failures_json: json(decision.failures),
        })
        .execute();
    },
    async listDecisions(intentId: string) {
      return db.selectFrom('decisions').selectAll().where('intent_id', '=', intentId).orderBy('id').execute();
    },

    // --- submissions ---
    /** Records a leg about to be sent (before the venue is called): a crash after this resumes it. */
    async beginSubmission(params: {
      intentId: string;
      legIndex: number;
      attempt: number;
      venue: string;
      candidateId: string;
      legJson: string;
    }): Promise<SubmissionRow> {
      const at = now(clock);
      const row: SubmissionRow = {
        id: randomUUID(),
        intent_id: params.intentId,
        leg_index: params.legIndex,
        attempt: params.attempt,
        venue: params.venue,
        candidate_id: params.candidateId,
        leg_json: params.legJson,
        status: 'submitting',
        submission_json: null,
        outcome_json: null,
        created_at: at,
        updated_at: at,
      };
      await db.insertInto('submissions').values(row).execute();
      return row;
    },
    async updateSubmission(
      id: string,
      params: { status: SubmissionStatus; submissionJson?: string; outcomeJson?: string },
    ): Promise<void> {
      await db
        .updateTable('submissions')
        .set({
          status: params.status,
          updated_at: now(clock),
          ...(params.submissionJson === undefined ? {} : { submission_json: params.submissionJson }),
          ...(params.outcomeJson === undefined ? {} : { outcome_json: params.outcomeJson }),
        })
        .where('id', '=', id)
        .execute();
    },
    async listSubmissions(intentId: string): Promise<SubmissionRow[]> {
      return db
        .selectFrom('submissions')
        .selectAll()
        .where('intent_id', '=', intentId)
        .orderBy('leg_index')
        .orderBy('attempt')
        .execute();
    },

    // --- events ---
    async eventsAfter(afterId: number, params: { vault?: string; limit?: number } = {}) {
      let q = db
        .selectFrom('events')
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(params.limit ?? 500);
      if (params.vault) q = q.where('vault', '=', params.vault.toLowerCase());
      return q.execute();
    },
    async lastEventId(): Promise<number> {
      const row = await db
        .selectFrom('events')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirst();
      return Number(row?.max ?? 0);
    },
  };
}
