import { toJson } from '@hedge-router/router';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { EventsTable, LedgerSchema } from './schema.js';

/** An event as the stream serves it: its detail decoded. */
export type EventRecord = Omit<EventsTable, 'id' | 'detail_json'> & {
  id: number;
  detail: Record<string, unknown>;
};

/** Appends an intent's event (inside the transaction that changed the intent). */
export function addEvent(
  trx: Kysely<LedgerSchema>,
  now: () => string,
  intent: { id: string; vault: string },
  status: string,
  detail: Record<string, unknown>,
) {
  return trx
    .insertInto('events')
    .values({
      intent_id: intent.id,
      vault: intent.vault,
      status,
      detail_json: toJson(detail),
      created_at: now(),
    })
    .execute();
}

const eventDetail = z.record(z.string(), z.unknown());

/** The event stream: every status move of every intent, in order. */
export function eventsStore(db: Kysely<LedgerSchema>) {
  return {
    async eventsAfter(
      afterId: number,
      params: { vault?: string; limit?: number } = {},
    ): Promise<EventRecord[]> {
      let q = db
        .selectFrom('events')
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(params.limit ?? 500);
      if (params.vault) q = q.where('vault', '=', params.vault.toLowerCase());
      return (await q.execute()).map(({ detail_json, ...row }) => ({
        ...row,
        id: Number(row.id),
        detail: eventDetail.parse(JSON.parse(detail_json)),
      }));
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
