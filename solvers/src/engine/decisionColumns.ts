import { z } from 'zod';
import { venueObservationSchema } from '../venues/registry/venueModules.js';
import type { RecordedDecision } from './ledgerRecords.js';
import {
  candidateRecordSchema,
  failuresSchema,
  nettingContextSchema,
  recordedMarketSchema,
  recordedPlanSchema,
  routeLegSchema,
} from './recordSchemas.js';

/** The four stored parts of a decision (the ledger's columns), as JSON-ready values. */
export type DecisionColumns = { context: unknown; candidates: unknown; plan: unknown; failures: unknown };

/**
 * A decision as its four stored parts: a route's market snapshot (with the router's error when
 * it found no plan), its candidates, its plan, the venues that failed to quote; a netting cross's
 * partner and mid, and its crossed leg. Bigints stay bigints here: the adapter writes them with
 * `toJson`.
 */
export function decisionColumns(decision: RecordedDecision): DecisionColumns {
  if (decision.kind === 'netting')
    return {
      context: { netting: { with: decision.with, mid: decision.mid } },
      candidates: [],
      plan: { netting: decision.leg },
      failures: [],
    };
  return {
    context: {
      ...decision.market,
      observations: decision.observations,
      ...(decision.error ? { error: decision.error } : {}),
      ...(decision.fallback ? { fallback: decision.fallback } : {}),
    },
    candidates: decision.candidates,
    plan: decision.plan,
    failures: decision.failures,
  };
}

const errorSchema = z.object({ code: z.string(), message: z.string() });

/** A decision from its stored parts (the inverse of `decisionColumns`); throws on a malformed record. */
export function decodeDecision(parts: DecisionColumns): RecordedDecision {
  const netting = nettingContextSchema.safeParse(parts.context);
  if (netting.success) {
    const plan = z.object({ netting: routeLegSchema }).parse(parts.plan);
    return {
      kind: 'netting',
      with: netting.data.netting.with,
      mid: netting.data.netting.mid,
      leg: plan.netting,
    };
  }
  const market = recordedMarketSchema.parse(parts.context);
  const extras = z
    .object({
      error: errorSchema.optional(),
      observations: z.array(venueObservationSchema).default([]),
      fallback: z.object({ legIndex: z.number(), why: z.string() }).optional(),
    })
    .parse(parts.context);
  const error = extras.error ?? null;
  const plan = parts.plan === null ? null : recordedPlanSchema.parse(parts.plan);
  return {
    kind: 'route',
    market,
    candidates: z.array(candidateRecordSchema).parse(parts.candidates),
    plan: plan && 'legs' in plan ? plan : null,
    error,
    failures: failuresSchema.parse(parts.failures),
    observations: extras.observations,
    ...(extras.fallback ? { fallback: extras.fallback } : {}),
  };
}
