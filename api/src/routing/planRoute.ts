import {
  type CostBreakdown,
  costAt,
  type HedgeIntent,
  HedgeRouterError,
  type RouteCandidate,
  type RoutePlan,
  type RouteQuote,
  selectRoute,
} from '@hedge-router/router';
import { quoteVenues, type Venue } from '@hedge-router/solvers';
import type { Hex } from 'viem';
import type { ChainContext } from './chainContext.js';
import { type MarketSnapshot, marketSnapshot } from './marketSnapshot.js';

export type CandidateView = {
  id: string;
  venue: string;
  liquiditySource: string;
  /** The candidate's quote and cost for the whole intent, or why it cannot take it alone. */
  quote: RouteQuote | null;
  cost: CostBreakdown | null;
  reason: string | null;
};

export type RoutingDecision = {
  market: MarketSnapshot;
  candidates: CandidateView[];
  /** The venues' candidates themselves (pure quoting functions), to re-price a leg at another size. */
  routeCandidates: RouteCandidate[];
  plan: RoutePlan | null;
  error: { code: string; message: string } | null;
  failures: { venue: string; reason: string }[];
};

/**
 * One routing decision: the market snapshot, every venue's candidates (each priced for the
 * whole intent, so an audit shows what every route alone would have cost), and the router's
 * plan (which may split across candidates) or the router's typed error.
 */
export async function planRoute(
  deps: { chain: ChainContext; venues: readonly Venue[] },
  params: {
    intent: HedgeIntent;
    intentHash: Hex;
    nowSeconds: number;
    riskAversionPerUsd: number;
    annualVolatility: number;
    venueAllowList?: readonly string[] | undefined;
    /** A snapshot already read for this decision (else read here). */
    market?: MarketSnapshot;
  },
): Promise<RoutingDecision> {
  const venues = params.venueAllowList
    ? deps.venues.filter((v) => params.venueAllowList?.includes(v.name))
    : deps.venues;
  const [market, quoted] = await Promise.all([
    params.market ??
      marketSnapshot(deps.chain, {
        sellToken: params.intent.sellToken,
        buyToken: params.intent.buyToken,
        riskAversionPerUsd: params.riskAversionPerUsd,
        annualVolatility: params.annualVolatility,
        nowSeconds: params.nowSeconds,
      }),
    venues.length > 0
      ? quoteVenues(venues, {
          intent: params.intent,
          intentHash: params.intentHash,
          nowSeconds: params.nowSeconds,
        })
      : Promise.resolve({ candidates: [] as RouteCandidate[], failures: [] }),
  ]);
  const candidates = quoted.candidates.map((candidate): CandidateView => {
    const priced = costAt(market.context, {
      candidate,
      sellAmount: params.intent.sellAmount,
      intentSellAmount: params.intent.sellAmount,
      intentMinBuyAmount: params.intent.minBuyAmount,
    });
    return {
      id: candidate.id,
      venue: candidate.venue,
      liquiditySource: candidate.liquiditySource,
      quote: priced.quote ?? null,
      cost: priced.quote ? priced.cost : null,
      reason: priced.quote ? null : priced.reason,
    };
  });
  let plan: RoutePlan | null = null;
  let error: RoutingDecision['error'] = null;
  try {
    plan = selectRoute(market.context, { intent: params.intent, candidates: quoted.candidates });
  } catch (e) {
    if (!(e instanceof HedgeRouterError)) throw e;
    error = { code: e.code, message: e.message };
  }
  return { market, candidates, routeCandidates: quoted.candidates, plan, error, failures: quoted.failures };
}
