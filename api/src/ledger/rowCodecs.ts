// The ledger's rows decoded once into the engine's typed records (and encoded back): the only
// place that reads the stored JSON. A row that does not decode is a corrupt ledger: it throws
// LEDGER_RECORD_INVALID, naming the table, the row and the field.
import { HedgeRouterError, hedgeIntentCodec, serializeHedgeIntent, toJson } from '@hedge-router/router';
import {
  attemptOutcomeSchema,
  type DecisionRecord,
  decodeDecision,
  type IntentRecord,
  routeLegSchema,
  type SubmissionRecord,
  submissionSchema,
} from '@hedge-router/solvers';
import type { Hex } from 'viem';
import type { z } from 'zod';
import type { DecisionsTable, IntentsTable, SubmissionsTable } from './schema.js';

function decoded<T>(schema: z.ZodType<T, unknown>, json: string, where: string): T {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new HedgeRouterError('LEDGER_RECORD_INVALID', {
      shortMessage: `ledger ${where}: (root): not JSON (${(error as Error).message})`,
      details: { record: where },
      cause: error,
    });
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || '(root)';
  throw new HedgeRouterError('LEDGER_RECORD_INVALID', {
    shortMessage: `ledger ${where}: ${field}: ${issue?.message ?? 'invalid'}`,
    details: { record: where, field },
    cause: parsed.error,
  });
}

export function intentRecordOf(row: IntentsTable): IntentRecord {
  return {
    id: row.id,
    chainId: row.chain_id,
    vault: row.vault,
    intentHash: row.intent_hash as Hex,
    intent: decoded(hedgeIntentCodec, row.intent_json, `intent ${row.id}`),
    signature: row.signature as Hex,
    signer: row.signer,
    status: row.status,
    statusReason: row.status_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function submissionRecordOf(row: SubmissionsTable): SubmissionRecord {
  const where = `submission ${row.id}`;
  return {
    id: row.id,
    intentId: row.intent_id,
    legIndex: row.leg_index,
    attempt: row.attempt,
    venue: row.venue,
    candidateId: row.candidate_id,
    leg: decoded(routeLegSchema, row.leg_json, `${where} leg`),
    status: row.status,
    submission: row.submission_json === null ? null : decoded(submissionSchema, row.submission_json, where),
    outcome:
      row.outcome_json === null ? null : decoded(attemptOutcomeSchema, row.outcome_json, `${where} outcome`),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function decisionRecordOf(row: Omit<DecisionsTable, 'id'> & { id: number }): DecisionRecord {
  try {
    return {
      id: row.id,
      intentId: row.intent_id,
      createdAt: row.created_at,
      decision: decodeDecision({
        context: JSON.parse(row.context_json),
        candidates: JSON.parse(row.candidates_json),
        plan: JSON.parse(row.plan_json),
        failures: JSON.parse(row.failures_json),
      }),
    };
  } catch (error) {
    throw new HedgeRouterError('LEDGER_RECORD_INVALID', {
      shortMessage: `ledger decision ${row.id}: ${(error as Error).message}`,
      details: { record: `decision ${row.id}` },
      cause: error,
    });
  }
}

/** The intent as stored: its wire form (decimal strings), as signed. */
export const intentJson = (intent: IntentRecord['intent']) => toJson(serializeHedgeIntent(intent));
