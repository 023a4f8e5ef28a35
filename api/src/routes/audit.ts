import { jsonSafe } from '@hedge-router/router';
import { decisionColumns, type RecordedDecision } from '@hedge-router/solvers';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context/appDeps.js';
import { ApiError } from '../errors/apiErrors.js';
import { errorBody } from './schemas.js';

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
const isRoute = (d: RecordedDecision): d is Extract<RecordedDecision, { kind: 'route' }> =>
  d.kind === 'route';

/** A stored part of a decision as plain JSON data (amounts as decimal strings), as the answer shows it. */
const wireRecord = (value: unknown) => jsonSafe(value) as Record<string, unknown>;

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
        const columns = decisionColumns(d.decision);
        const route = d.decision.kind === 'route' ? d.decision : undefined;
        const plan = route?.plan ?? null;
        const ranked = (route?.candidates ?? [])
          .filter((c) => c.available && c.cost)
          .sort((a, b) => (a.cost?.total.bps ?? 0) - (b.cost?.total.bps ?? 0));
        const chosenIds = new Set(plan?.legs.map((l) => l.candidateId) ?? []);
        const alternative = ranked.find((c) => !chosenIds.has(c.id));
        const why =
          d.decision.kind === 'netting'
            ? `netted against intent ${d.decision.with} at the mid`
            : route?.fallback
              ? `fallback for leg ${route.fallback.legIndex} (${route.fallback.why}): ${plan ? `next best ${plan.legs[0]?.candidateId} at ${plan.cost.total.bps.toFixed(2)} bps` : 'no venue left'}`
              : plan
                ? `lowest expected total cost: ${plan.cost.total.bps.toFixed(2)} bps over ${plan.legs.length} leg(s)` +
                  (alternative
                    ? `; best alternative ${alternative.id} at ${alternative.cost?.total.bps.toFixed(2)} bps`
                    : '')
                : 'no route could satisfy the intent';
        return {
          at: d.createdAt,
          context: wireRecord(columns.context),
          candidates: (jsonSafe(columns.candidates) as unknown[]).map(wireRecord),
          plan: columns.plan === null ? null : wireRecord(columns.plan),
          why,
          venueFailures: columns.failures,
          alternative: alternative
            ? { id: alternative.id, predictedTotalBps: alternative.cost?.total.bps ?? null }
            : null,
        };
      });
      const execution = submissions.map((s) => ({
        legIndex: s.legIndex,
        attempt: s.attempt,
        venue: s.venue,
        candidateId: s.candidateId,
        status: s.status,
        predicted: {
          expectedBuyAmount: s.leg.quote.expectedBuyAmount.toString(),
          totalCostBps: s.leg.cost.total.bps,
        },
        realised: s.outcome && 'reconciliation' in s.outcome ? wireRecord(s.outcome.reconciliation) : null,
        reason: s.outcome && 'reason' in s.outcome ? s.outcome.reason : null,
        reconciliation: s.outcome?.status === 'filled' ? s.outcome.reconciliation : undefined,
      }));
      // Realised cost of what was done: shortfall vs the arrival mid plus gas, in bps of the mid value.
      const lastRoute = decisions.map((d) => d.decision).findLast(isRoute);
      const filled = execution.flatMap((e) => (e.reconciliation ? [e.reconciliation] : []));
      let regret: {
        realisedCostBps: number;
        bestAlternativeBps: number | null;
        regretBps: number | null;
      } | null = null;
      if (lastRoute && filled.length > 0) {
        const midPrice = lastRoute.market.midPrice;
        const nativeInBuy = lastRoute.market.context.nativePriceInBuyPerWei;
        let midValue = 0;
        let cost = 0;
        for (const r of filled) {
          const sold = Number(r.sellAmount);
          midValue += sold * midPrice;
          cost += sold * midPrice - Number(r.buyAmount) + Number(r.gasCostWei) * nativeInBuy;
        }
        const realisedCostBps = midValue > 0 ? (cost / midValue) * 10_000 : 0;
        const bestAlternativeBps = decisionViews.at(-1)?.alternative?.predictedTotalBps ?? null;
        regret = {
          realisedCostBps,
          bestAlternativeBps,
          regretBps: bestAlternativeBps === null ? null : realisedCostBps - bestAlternativeBps,
        };
      }
      return {
        id: row.id,
        status: row.status,
        decisions: decisionViews,
        execution: execution.map(({ reconciliation: _, ...e }) => e),
        regret,
      };
    },
  );
};
