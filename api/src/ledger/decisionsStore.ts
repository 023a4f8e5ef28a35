import { toJson } from '@hedge-router/router';
import { type DecisionRecord, decisionColumns, type RecordedDecision } from '@hedge-router/solvers';
import type { Kysely } from 'kysely';
import { decisionRecordOf } from './rowCodecs.js';
import type { LedgerSchema } from './schema.js';

/** Every routing or netting decision about an intent, with the market it was priced in. */
export function decisionsStore(db: Kysely<LedgerSchema>, now: () => string) {
  return {
    async recordDecision(intentId: string, decision: RecordedDecision): Promise<void> {
      const columns = decisionColumns(decision);
      await db
        .insertInto('decisions')
        .values({
          intent_id: intentId,
          created_at: now(),
          context_json: toJson(columns.context),
          candidates_json: toJson(columns.candidates),
          plan_json: toJson(columns.plan),
          failures_json: toJson(columns.failures),
        })
        .execute();
    },
    async listDecisions(intentId: string): Promise<DecisionRecord[]> {
      const rows = await db
        .selectFrom('decisions')
        .selectAll()
        .where('intent_id', '=', intentId)
        .orderBy('id')
        .execute();
      return rows.map((row) => decisionRecordOf({ ...row, id: Number(row.id) }));
    },
  };
}
