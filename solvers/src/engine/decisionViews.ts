import type { CostBreakdown, RouteLeg, RoutePlan, RouteQuote } from '@hedge-router/router';
import type { CandidateRecord, CostRecord, RecordedDecision } from './ledgerRecords.js';
import type { CandidateView, RoutingDecision } from './planRoute.js';

/**
 * A stage's bps on the wire: to 0.0001 bps (1e-8 of the notional; the amount beside it is exact).
 * A double's full 17 digits said nothing more, and writing them was a tenth of a quote's answer.
 */
export const roundBps = (bps: number) => Math.round(bps * 10_000) / 10_000;

const stage = (s: { amount: bigint; bps: number }): { amount: string; bps: number } => ({
  amount: s.amount.toString(),
  bps: roundBps(s.bps),
});

/** A cost breakdown on the wire: amounts as decimal strings (buy-token base units), bps as numbers. */
export function costView(cost: CostBreakdown): CostRecord {
  return {
    priceImpact: stage(cost.priceImpact),
    fees: stage(cost.fees),
    gas: stage(cost.gas),
    mevLeakage: stage(cost.mevLeakage),
    delayRisk: stage(cost.delayRisk),
    fillRisk: stage(cost.fillRisk),
    total: stage(cost.total),
  };
}

function quoteView(quote: RouteQuote) {
  return {
    expectedBuyAmount: quote.expectedBuyAmount.toString(),
    minBuyAmount: quote.minBuyAmount.toString(),
    expectedDelaySeconds: quote.timing.expectedSecondsToFill,
    fillProbability: quote.timing.fillProbability,
  };
}

export function candidateView(c: CandidateView): CandidateRecord {
  return {
    id: c.id,
    venue: c.venue,
    available: c.quote !== null,
    reason: c.reason,
    ...(c.quote ? quoteView(c.quote) : {}),
    ...(c.cost ? { cost: costView(c.cost) } : {}),
  };
}

export function planView(plan: RoutePlan) {
  return {
    expectedBuyAmount: plan.expectedBuyAmount.toString(),
    minBuyAmount: plan.minBuyAmount.toString(),
    cost: costView(plan.cost),
    legs: plan.legs.map((leg) => ({
      candidateId: leg.candidateId,
      venue: leg.venue,
      sellAmount: leg.sellAmount.toString(),
      ...quoteView(leg.quote),
      cost: costView(leg.cost),
    })),
  };
}

export function decisionView(d: RoutingDecision) {
  return {
    blockNumber: d.market.blockNumber.toString(),
    arrivalMid: { buyPerSellBaseUnit: d.market.midPrice, wethPriceUsd: d.market.wethPriceUsd },
    candidates: d.candidates.map(candidateView),
    best: d.plan ? planView(d.plan) : null,
    error: d.error,
    venueFailures: d.failures,
  };
}

/**
 * A route decision as the ledger records it: the market it was priced in, every candidate, the
 * plan. A fallback's record names the leg it replaces and why, with the leg chosen as its plan.
 */
export function recordedRouteDecision(
  d: RoutingDecision,
  fallback?: { legIndex: number; why: string; leg: RouteLeg | undefined },
): RecordedDecision {
  if (fallback) {
    const { leg, ...about } = fallback;
    return {
      ...routeDecision(d),
      plan: leg
        ? {
            legs: [leg],
            cost: leg.cost,
            expectedBuyAmount: leg.quote.expectedBuyAmount,
            minBuyAmount: leg.quote.minBuyAmount,
          }
        : null,
      fallback: about,
    };
  }
  return routeDecision(d);
}

function routeDecision(d: RoutingDecision): Extract<RecordedDecision, { kind: 'route' }> {
  return {
    kind: 'route',
    market: d.market,
    candidates: d.candidates.map(candidateView),
    plan: d.plan
      ? {
          legs: d.plan.legs,
          cost: d.plan.cost,
          expectedBuyAmount: d.plan.expectedBuyAmount,
          minBuyAmount: d.plan.minBuyAmount,
        }
      : null,
    error: d.error,
    failures: d.failures,
    observations: d.observations,
  };
}
