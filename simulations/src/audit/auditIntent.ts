import { costAt, HedgeRouterError, selectRoute } from '@hedge-router/router';
import { candidatesAt } from '@hedge-router/solvers';
import type { AuditRecord } from './auditRecordSchema.js';

const STAGES = ['impact', 'fees', 'gas', 'mev', 'delay'] as const;
type Stages = Record<(typeof STAGES)[number], number>;

/** One intent's audit: what the router would pick now at the recorded state, and how the choice did. Bps of the arrival mid value. */
export type IntentAudit = {
  intentId: string;
  chosen: string[];
  /** The cheapest plan the router could expect at the recorded state (see auditIntent) and its expected total. */
  best: { candidateIds: string[]; expectedTotalBps: number };
  realisedTotalBps: number;
  /** realised − best expected: what the choice cost beyond the best the router could expect. */
  regretBps: number;
  /** realised − predicted per stage (positive: it cost more than the router said). */
  predictionErrorBps: Stages & { total: number };
  /** Every other candidate, alone at the full size, expected to cost less than what was realised. */
  betterVenues: { candidateId: string; expectedTotalBps: number }[];
  sandwiched: boolean;
  status: AuditRecord['realised']['status'];
};

/**
 * Audits one recorded intent: every venue's candidates rebuilt by the venue's own pure
 * `candidatesAt` from what it observed at the decision, re-priced and re-planned by the router.
 */
export function auditIntent(record: AuditRecord): IntentAudit {
  const { intent, market } = record;
  if (record.observations.length === 0)
    throw new HedgeRouterError('INVALID_INPUT', {
      field: 'observations',
      shortMessage: 'the decision recorded no venue observations (recorded before venues reported them)',
    });
  const candidates = record.observations.flatMap((o) =>
    candidatesAt(o, { intent, nowSeconds: Math.min(record.decidedAt, intent.deadline - 1) }),
  );
  const ctx = {
    midPrice: market.midPrice,
    riskAversionPerBuyUnit: market.riskAversionPerBuyUnit,
    annualVolatility: market.annualVolatility,
    gasPriceWei: market.gasPriceWei,
    nativePriceInBuyPerWei: market.nativePriceInBuyPerWei,
    fallbackDelaySeconds: market.fallbackDelaySeconds,
  };
  // The recorded decision time, not now: an old intent's deadline must not expire it.
  const plan = selectRoute(
    { ...ctx, nowSeconds: Math.min(record.decidedAt, intent.deadline - 1) },
    { intent, candidates },
  );
  const r = record.realised.costBps;
  const realisedTotal = STAGES.reduce((s, k) => s + r[k], 0);
  const p = record.chosen.predictedBps;
  const predictionErrorBps = Object.fromEntries(STAGES.map((k) => [k, r[k] - p[k]])) as Stages;
  // Full-size expected totals: the rebuilt venues re-quoted here; any other the decision recorded
  // (a venue whose observation is missing) as it was quoted then.
  const rebuilt = new Set(candidates.map((c) => c.id));
  const alone = [
    ...candidates.map((candidate) => {
      const q = costAt(ctx, {
        candidate,
        sellAmount: intent.sellAmount,
        intentSellAmount: intent.sellAmount,
        intentMinBuyAmount: intent.minBuyAmount,
      });
      return {
        candidateId: candidate.id,
        expectedTotalBps: q.quote ? q.cost.total.bps : Number.POSITIVE_INFINITY,
      };
    }),
    ...record.candidates
      .filter((c) => !rebuilt.has(c.id) && c.expectedTotalBps !== null)
      .map((c) => ({ candidateId: c.id, expectedTotalBps: c.expectedTotalBps as number })),
  ];
  const chosenIds = new Set(record.chosen.candidateIds);
  const betterVenues = alone
    .filter((c) => !chosenIds.has(c.candidateId) && c.expectedTotalBps < realisedTotal)
    .sort((a, b) => a.expectedTotalBps - b.expectedTotalBps);
  // The best the router could expect at that state: its plan over the rebuilt venues (splits
  // included), any recorded venue alone, or the chosen plan as predicted, whichever is cheapest.
  let best = { candidateIds: plan.legs.map((l) => l.candidateId), expectedTotalBps: plan.cost.total.bps };
  for (const c of alone)
    if (c.expectedTotalBps < best.expectedTotalBps)
      best = { candidateIds: [c.candidateId], expectedTotalBps: c.expectedTotalBps };
  if (p.total < best.expectedTotalBps)
    best = { candidateIds: record.chosen.candidateIds, expectedTotalBps: p.total };
  return {
    intentId: record.intentId,
    chosen: record.chosen.candidateIds,
    best,
    realisedTotalBps: realisedTotal,
    regretBps: realisedTotal - best.expectedTotalBps,
    predictionErrorBps: { ...predictionErrorBps, total: realisedTotal - p.total },
    betterVenues,
    sandwiched: record.realised.sandwiched,
    status: record.realised.status,
  };
}
