import { serializeHedgeIntent, toJson } from '@hedge-router/router';
import { z } from 'zod';
import { decisionColumns, decodeDecision } from './decisionColumns.js';
import type { IntentHistory } from './ledgerRecords.js';
import { intentRecordSchema, submissionRecordSchema } from './recordSchemas.js';

/**
 * One intent's history as a JSON line (a ledger export: `api/src/ledger/exportLedger.ts`): the
 * records with each decision as its stored columns, bigints as decimal strings.
 */
export function intentHistoryLine(history: IntentHistory): string {
  return toJson({
    intent: { ...history.intent, intent: serializeHedgeIntent(history.intent.intent) },
    decisions: history.decisions.map((d) => ({
      id: d.id,
      intentId: d.intentId,
      createdAt: d.createdAt,
      columns: decisionColumns(d.decision),
    })),
    submissions: history.submissions,
  });
}

/** The inverse of intentHistoryLine; throws naming the field of a line that does not decode. */
export function decodeIntentHistory(value: unknown): IntentHistory {
  const parsed = z
    .object({
      intent: intentRecordSchema,
      decisions: z.array(
        z.object({
          id: z.number(),
          intentId: z.string(),
          createdAt: z.string(),
          columns: z.object({
            context: z.unknown(),
            candidates: z.unknown(),
            plan: z.unknown(),
            failures: z.unknown(),
          }),
        }),
      ),
      submissions: z.array(submissionRecordSchema),
    })
    .parse(value);
  return {
    intent: parsed.intent,
    decisions: parsed.decisions.map((d) => ({
      id: d.id,
      intentId: d.intentId,
      createdAt: d.createdAt,
      decision: decodeDecision(d.columns),
    })),
    submissions: parsed.submissions,
  };
}
