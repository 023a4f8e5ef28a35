import { randomUUID } from 'node:crypto';
import { type HedgeIntent, HedgeRouterError } from '@hedge-router/router';
import type { IntentRecord, IntentStatus } from '@hedge-router/solvers';
import type { Kysely } from 'kysely';
import { addEvent } from './eventsStore.js';
import type { Dialect } from './migrations.js';
import { intentJson, intentRecordOf } from './rowCodecs.js';
import { type LedgerSchema, TERMINAL_STATUSES } from './schema.js';

/** Rolls back a pair claim that did not get both intents. */
class PairTaken extends Error {}

/**
 * Intents: intake (idempotent per vault and nonce), reads, pages, status moves with their
 * events, and the leases workers hold while they drive an intent.
 */
export function intentsStore(db: Kysely<LedgerSchema>, dialect: Dialect, clock: () => Date) {
  const now = () => clock().toISOString();
  return {
    /**
     * Stores a new intent durably, or finds the one already stored for (vault, nonce):
     * `created: true` for a new one; `duplicate: 'same'` when it is the identical intent
     * (idempotent retry), `'conflict'` when the nonce was used for a different intent.
     */
    async insertIntent(params: {
      chainId: number;
      intent: HedgeIntent;
      intentHash: string;
      signature: string;
      signer: string;
    }): Promise<
      { id: string; created: true } | { id: string; created: false; duplicate: 'same' | 'conflict' }
    > {
      const vault = params.intent.vault.toLowerCase();
      const nonce = params.intent.nonce.toString();
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('intents')
          .select(['id', 'intent_hash'])
          .where('vault', '=', vault)
          .where('nonce', '=', nonce)
          .executeTakeFirst();
        if (existing) {
          return {
            id: existing.id,
            created: false as const,
            duplicate: existing.intent_hash === params.intentHash ? ('same' as const) : ('conflict' as const),
          };
        }
        const id = randomUUID();
        const at = now();
        await trx
          .insertInto('intents')
          .values({
            id,
            chain_id: params.chainId,
            vault,
            nonce,
            intent_hash: params.intentHash,
            intent_json: intentJson(params.intent),
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
        await addEvent(trx, now, { id, vault }, 'received', {});
        return { id, created: true as const };
      });
    },

    async getIntent(id: string): Promise<IntentRecord | undefined> {
      const row = await db.selectFrom('intents').selectAll().where('id', '=', id).executeTakeFirst();
      return row && intentRecordOf(row);
    },

    /** The intent a vault signed with `nonce`, if any: its id, hash and status (the intake's idempotency check). */
    async findIntentByNonce(vault: string, nonce: bigint) {
      const row = await db
        .selectFrom('intents')
        .select(['id', 'intent_hash', 'status'])
        .where('vault', '=', vault.toLowerCase())
        .where('nonce', '=', nonce.toString())
        .executeTakeFirst();
      return row && { id: row.id, intentHash: row.intent_hash, status: row.status };
    },

    /** A page of intents, newest first; `cursor` is the opaque `nextCursor` of the previous page. */
    async listIntents(params: { vault?: string; status?: IntentStatus; cursor?: string; limit: number }) {
      let q = db
        .selectFrom('intents')
        .select(['id', 'vault', 'status', 'created_at', 'updated_at'])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(params.limit + 1);
      if (params.vault) q = q.where('vault', '=', params.vault.toLowerCase());
      if (params.status) q = q.where('status', '=', params.status);
      if (params.cursor) {
        const [createdAt, id] = Buffer.from(params.cursor, 'base64url').toString().split('|');
        // A cursor this ledger did not write is refused, not read as the first page.
        if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)))
          throw new HedgeRouterError('INVALID_INPUT', {
            field: 'cursor',
            shortMessage: 'not a cursor this API returned (use nextCursor from the previous page)',
          });
        q = q.where((eb) =>
          eb.or([
            eb('created_at', '<', createdAt),
            eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
          ]),
        );
      }
      const rows = await q.execute();
      const page = rows.slice(0, params.limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > params.limit && last
          ? Buffer.from(`${last.created_at}|${last.id}`).toString('base64url')
          : null;
      return {
        intents: page.map((r) => ({
          id: r.id,
          vault: r.vault,
          status: r.status,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
        })),
        nextCursor,
      };
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
    ): Promise<IntentRecord[]> {
      const at = clock();
      const until = new Date(at.getTime() + leaseMs).toISOString();
      // Netting: a new intent waits out its window (the netting component may pair it meanwhile).
      const heldAfter = new Date(at.getTime() - (options.holdReceivedForMs ?? 0)).toISOString();
      const rows = await db.transaction().execute(async (trx) => {
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
      return rows.map(intentRecordOf);
    },

    /** New intents ('received', not leased by anyone) created at or after `sinceIso`, oldest first: the netting window's content. */
    async listWaitingIntents(sinceIso: string): Promise<IntentRecord[]> {
      const rows = await db
        .selectFrom('intents')
        .selectAll()
        .where('status', '=', 'received')
        .where('created_at', '>=', sinceIso)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now())]))
        .orderBy('created_at')
        .execute();
      return rows.map(intentRecordOf);
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

    /**
     * Holds an intent this worker failed to process away from every worker (itself included)
     * for `backoffMs`: a failing intent waits its turn instead of being retried at once, and the
     * others go first.
     */
    async backOff(id: string, workerId: string, backoffMs: number): Promise<void> {
      await db
        .updateTable('intents')
        .set({ locked_by: 'backoff', locked_until: new Date(clock().getTime() + backoffMs).toISOString() })
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .execute();
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
      params: {
        reason?: string | null;
        detail?: Record<string, unknown>;
        from?: readonly IntentStatus[];
      } = {},
    ): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        let q = trx
          .updateTable('intents')
          .set({ status, status_reason: params.reason ?? null, updated_at: now() })
          .where('id', '=', id);
        if (params.from) q = q.where('status', 'in', [...params.from]);
        const result = await q.executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        const row = await trx
          .selectFrom('intents')
          .select(['id', 'vault'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        await addEvent(trx, now, row, status, { reason: params.reason ?? null, ...(params.detail ?? {}) });
        return true;
      });
    },
  };
}
