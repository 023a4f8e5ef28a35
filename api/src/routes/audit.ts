import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app/deps.js';
import { ApiError } from '../errors/apiErrors.js';
import { errorBody } from './schemas.js';

type CandidateJson = {
  id: string;
  venue: string;
  available: boolean;
  cost?: { total: { bps: number; amount: string } };
};
type PlanJson = {
  legs: { candidateId: string; sellAmount: string; quote: { expectedBuyAmount: string } }[];
  cost: { total: { bps: number } };
} | null;
type ContextJson = { midPrice: number; context?: { nativePriceInBuyPerWei?: number } };
type OutcomeJson = {
  status: string;
  reason?: string;
  reconciliation?: {
    buyAmount?: string;
    sellAmount?: string;
    slippageVsMidBps?: number;
    gasCostWei?: string;
    sandwich?: { detected: boolean };
  };
};

const auditResponse = z.object({
  id: z.string(),
  status: z.string(),
  decisions: z.array(
    z.object({
      at: z.string(),
      context: z.record(z.string(), z.unknown()),
      candidates: z.array(z.record(z.string(), z.unknown())),
      plan: z.record(z.string(), z.unknown()).nullable(),
      why: z.string(),
      venueFailures: z.unknown(),
      alternative: z.object({ id: z.string(), predictedTotalBps: z.number().nullable() }).nullable(),
    }),
  ),
  execution: z.array(
    z.object({
      legIndex: z.number(),
      attempt: z.number(),
      venue: z.string(),
      candidateId: z.string(),
      status: z.string(),
      predicted: z.object({ expectedBuyAmount: z.string(), totalCostBps: z.number() }),
      realised: z.record(z.string(), z.unknown()).nullable(),
      reason: z.string().nullable(),
    }),
  ),
  regret: z
    .object({
      realisedCostBps: z.number(),
      bestAlternativeBps: z.number().nullable(),
      regretBps: z.number().nullable(),
    })
    .nullable(),
});

/**
 * `GET /v1/intents/:id/audit`: every candidate at decision time with its predicted costs, the
 * choice and why, what was realised per leg, and the regret of the choice against the best
 * alternative's prediction (realised cost in bps of the arrival mid value minus the cheapest
 * other candidate's predicted total; negative means the choice beat every alternative).
 */
export const auditRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/v1/intents/:id/audit',
    {
      schema: {
        summary: 'Candidates at decision time, the choice and why, realised costs, regret',
        tags: ['intents'],
        params: z.object({ id: z.uuid() }),
        response: { 200: auditResponse, 404: errorBody },
      },
    },
    async (request) => {
      const row = await deps.ledger.getIntent(request.params.id);
      if (!row) throw new ApiError('NOT_FOUND', 'no such intent', 'id');
      const [decisions, submissions] = await Promise.all([
        deps.ledger.listDecisions(row.id),
        deps.ledger.listSubmissions(row.id),
      ]);
      const decisionViews = decisions.map((d) => {
        const candidates = JSON.parse(d.candidates_json) as CandidateJson[];
        const plan = JSON.parse(d.plan_json) as PlanJson;
        const ranked = candidates
          .filter((c) => c.available && c.cost)
          .sort((a, b) => (a.cost?.total.bps ?? 0) - (b.cost?.total.bps ?? 0));
        const chosenIds = new Set(plan?.legs.map((l) => l.candidateId) ?? []);
        const alternative = ranked.find((c) => !chosenIds.has(c.id));
        const why = plan
          ? `lowest expected total cost: ${plan.cost.total.bps.toFixed(2)} bps over ${plan.legs.length} leg(s)` +
            (alternative
              ? `; best alternative ${alternative.id} at ${alternative.cost?.total.bps.toFixed(2)} bps`
              : '')
          : 'no route could satisfy the intent';
        return {
          at: d.created_at,
          context: JSON.parse(d.context_json) as ContextJson & Record<string, unknown>,
          candidates: candidates as (CandidateJson & Record<string, unknown>)[],
          plan: plan as (PlanJson & Record<string, unknown>) | null,
          why,
          venueFailures: JSON.parse(d.failures_json) as unknown,
          alternative: alternative
            ? { id: alternative.id, predictedTotalBps: alternative.cost?.total.bps ?? null }
            : null,
        };
      });
      const execution = submissions.map((s) => {
        const outcome = s.outcome_json ? (JSON.parse(s.outcome_json) as OutcomeJson) : null;
        const leg = JSON.parse(s.leg_json) as {
          cost: { total: { bps: number } };
          quote: { expectedBuyAmount: string };
        };
        return {
          legIndex: s.leg_index,
          attempt: s.attempt,
          venue: s.venue,
          candidateId: s.candidate_id,
          status: s.status,
          predicted: { expectedBuyAmount: leg.quote.expectedBuyAmount, totalCostBps: leg.cost.total.bps },
          realised: (outcome?.reconciliation as Record<string, unknown> | undefined) ?? null,
          reason: outcome?.reason ?? null,
        };
      });
      // Realised cost of what was done: shortfall vs the arrival mid plus gas, in bps of the mid value.
      const last = decisionViews.at(-1);
      const filled = execution.filter((e) => e.status === 'filled' && e.realised?.buyAmount);
      let regret: {
        realisedCostBps: number;
        bestAlternativeBps: number | null;
        regretBps: number | null;
      } | null = null;
      if (last && filled.length > 0) {
        const midPrice = last.context.midPrice;
        const nativeInBuy = last.context.context?.nativePriceInBuyPerWei ?? 0;
        let midValue = 0;
        let cost = 0;
        for (const e of filled) {
          const sold = Number(e.realised?.sellAmount ?? 0);
          const bought = Number(e.realised?.buyAmount ?? 0);
          midValue += sold * midPrice;
          cost += sold * midPrice - bought + Number(e.realised?.gasCostWei ?? 0) * nativeInBuy;
        }
        const realisedCostBps = midValue > 0 ? (cost / midValue) * 10_000 : 0;
        const bestAlternativeBps = last.alternative?.predictedTotalBps ?? null;
        regret = {
          realisedCostBps,
          bestAlternativeBps,
          regretBps: bestAlternativeBps === null ? null : realisedCostBps - bestAlternativeBps,
        };
      }
      return { id: row.id, status: row.status, decisions: decisionViews, execution, regret };
    },
  );
};
