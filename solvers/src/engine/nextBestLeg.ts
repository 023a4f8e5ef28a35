import {
  type CostBreakdown,
  costAt,
  type HedgeIntent,
  type RouteCandidate,
  type RouteLeg,
  type RouteQuote,
} from '@hedge-router/router';
import type { Hex } from 'viem';
import type { Venue } from '../venues/types.js';
import { type EngineDeps, nowSecondsOf } from './engineDeps.js';
import { planRoute, type RoutingDecision } from './planRoute.js';

/**
 * The fallback for a leg that did not fill: every candidate not yet tried, re-quoted now and
 * priced at this leg's size, and the cheapest that can take it whole (undefined when none can),
 * with the routing decision it was chosen from (recorded by the caller).
 */
export async function nextBestLeg(
  deps: Pick<EngineDeps, 'chain' | 'pricing' | 'clock'> & { venues: readonly Venue[] },
  p: { intent: HedgeIntent; intentHash: Hex; leg: RouteLeg; tried: ReadonlySet<string> },
): Promise<{ leg: RouteLeg | undefined; decision: RoutingDecision }> {
  const decision = await planRoute(deps, {
    intent: p.intent,
    intentHash: p.intentHash,
    nowSeconds: nowSecondsOf(deps),
    ...deps.pricing,
  });
  let best: { candidate: RouteCandidate; quote: RouteQuote; cost: CostBreakdown } | undefined;
  for (const candidate of decision.routeCandidates) {
    if (p.tried.has(candidate.id)) continue;
    const priced = costAt(decision.market.context, {
      candidate,
      sellAmount: p.leg.sellAmount,
      intentSellAmount: p.intent.sellAmount,
      intentMinBuyAmount: p.intent.minBuyAmount,
    });
    if (priced.quote && (!best || priced.cost.total.amount < best.cost.total.amount)) {
      best = { candidate, quote: priced.quote, cost: priced.cost };
    }
  }
  if (!best) return { leg: undefined, decision };
  return {
    leg: {
      candidateId: best.candidate.id,
      venue: best.candidate.venue,
      liquiditySource: best.candidate.liquiditySource,
      sellAmount: p.leg.sellAmount,
      quote: best.quote,
      cost: best.cost,
    },
    decision,
  };
}
