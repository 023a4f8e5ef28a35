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
import type { Hex } from 'viem';
import { quoteVenues } from '../venues/quoteVenues.js';
import type { Venue, VenueObservation } from '../venues/types.js';
import { CHAIN_READ_TIMEOUT_MS } from './constants.js';
import type { EngineChain, EnginePricing } from './engineDeps.js';
import { type MarketSnapshot, marketSnapshot } from './marketSnapshot.js';
import { outlierReason } from './priceSanity.js';
import { withDeadline } from './withDeadline.js';

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
  /** What each venue observed: recorded, so the audit re-prices with the venues' own candidatesAt. */
  observations: VenueObservation[];
};

/**
 * One routing decision: the market snapshot, every venue's candidates (each priced for the
 * whole intent, so an audit shows what every route alone would have cost), and the router's
 * plan (which may split across candidates) or the router's typed error.
 */
export async function planRoute(
  deps: { chain: EngineChain; venues: readonly Venue[] },
  params: EnginePricing & {
    intent: HedgeIntent;
    intentHash: Hex;
    nowSeconds: number;
    venueAllowList?: readonly string[] | undefined;
    /** A snapshot already read for this decision (else read here). */
    market?: MarketSnapshot;
    /**
     * The intent's limit from the market (a quote prices against a limit below the arrival
     * mid): the venues are then asked at the same time as the market is read, with the intent
     * as given, and only the router's pricing uses the limit. Candidates take each leg's limit
     * as an argument of their quote, so asking venues before the limit is known changes nothing.
     */
    minBuyAmountFromMarket?: (market: MarketSnapshot) => bigint;
  },
): Promise<RoutingDecision> {
  const venues = params.venueAllowList
    ? deps.venues.filter((v) => params.venueAllowList?.includes(v.name))
    : deps.venues;
  const [market, quoted] = await Promise.all([
    params.market ??
      withDeadline(
        marketSnapshot(deps.chain, {
          sellToken: params.intent.sellToken,
          buyToken: params.intent.buyToken,
          riskAversionPerUsd: params.riskAversionPerUsd,
          annualVolatility: params.annualVolatility,
          nowSeconds: params.nowSeconds,
        }),
        CHAIN_READ_TIMEOUT_MS,
        'the chain',
      ),
    venues.length > 0
      ? quoteVenues(venues, {
          intent: params.intent,
          intentHash: params.intentHash,
          nowSeconds: params.nowSeconds,
        })
      : Promise.resolve({ candidates: [] as RouteCandidate[], observations: [], failures: [] }),
  ]);
  const intent = params.minBuyAmountFromMarket
    ? { ...params.intent, minBuyAmount: params.minBuyAmountFromMarket(market) }
    : params.intent;
  // Each candidate is priced for the whole intent here (the audit view) and again by the
  // router's search: the same pure quote, so it is computed once per decision.
  const routeCandidates = quoted.candidates.map((c) =>
    withWholeIntentQuote(c, intent.sellAmount, intent.minBuyAmount),
  );
  const outliers = new Set<string>();
  const candidates = routeCandidates.map((candidate): CandidateView => {
    const priced = costAt(market.context, {
      candidate,
      sellAmount: intent.sellAmount,
      intentSellAmount: intent.sellAmount,
      intentMinBuyAmount: intent.minBuyAmount,
    });
    // A candidate far better than the mid is a broken reference, not a bargain: dropped, with why.
    const outlier = outlierReason(candidate, priced.quote, intent.sellAmount, market.midPrice);
    if (outlier) outliers.add(candidate.id);
    return {
      id: candidate.id,
      venue: candidate.venue,
      liquiditySource: candidate.liquiditySource,
      quote: outlier ? null : (priced.quote ?? null),
      cost: outlier || !priced.quote ? null : priced.cost,
      reason: outlier ?? (priced.quote ? null : priced.reason),
    };
  });
  let plan: RoutePlan | null = null;
  let error: RoutingDecision['error'] = null;
  try {
    plan = selectRoute(market.context, {
      intent,
      candidates: outliers.size === 0 ? routeCandidates : routeCandidates.filter((c) => !outliers.has(c.id)),
    });
  } catch (e) {
    if (!(e instanceof HedgeRouterError)) throw e;
    error = { code: e.code, message: e.message };
  }
  return {
    market,
    candidates,
    routeCandidates:
      outliers.size === 0 ? quoted.candidates : quoted.candidates.filter((c) => !outliers.has(c.id)),
    plan,
    error,
    failures: quoted.failures,
    observations: quoted.observations,
  };
}

/**
 * The candidate with its quote for the whole intent at the intent's limit kept once computed: a
 * candidate's quote is a pure function of (size, limit) (RouteCandidate's contract), so the
 * answer is the object the candidate would compute again. Only that one: the audit view asks
 * for it first, the router again after its other sizes (it memoizes those itself).
 */
function withWholeIntentQuote(
  candidate: RouteCandidate,
  sellAmount: bigint,
  limitBuyAmount: bigint,
): RouteCandidate {
  let whole: { quote: RouteQuote | undefined } | undefined;
  return {
    ...candidate,
    quote(params) {
      if (params.sellAmount !== sellAmount || params.limitBuyAmount !== limitBuyAmount)
        return candidate.quote(params);
      whole ??= { quote: candidate.quote(params) };
      return whole.quote;
    },
  };
}
