import type { CostBreakdown, RouteQuote } from '../cost/types.js';
import type { HedgeIntent } from '../intent/hedgeIntentSchema.js';

export type QuoteRouteParameters = {
  /** Sell-token base units to quote. */
  sellAmount: bigint;
  /** The least this leg may return (the intent's limit price applied to sellAmount, rounded up), buy-token base units. */
  limitBuyAmount: bigint;
};

/**
 * One venue's way to execute all or part of an intent, as a pure quoting function over its
 * current state (pool state, orderbook, bridge quote), so the router can re-price it at any
 * size when it splits. Venues (solvers) build these; the router only calls `quote`.
 */
export type RouteCandidate = {
  /** Stable, unique id (e.g. 'public-amm:uniswap-v3:0x…'). Equal costs break ties by id. */
  id: string;
  /** Venue kind, for audits: 'public-amm', 'protected-amm', 'private-bundle', 'batch-auction', 'cross-chain', 'netting', … */
  venue: string;
  /**
   * Candidates that draw on the same liquidity (one pool reached publicly, via a private RPC or
   * in a bundle) share a key: a plan uses at most one of them, because splitting between them
   * would trade against the same reserves twice while pricing each as if alone.
   */
  liquiditySource: string;
  /**
   * The venue's plan for `sellAmount`, or undefined when it cannot fill that size at
   * `limitBuyAmount` (capacity, liquidity, limit). Must be pure and deterministic.
   */
  quote(params: QuoteRouteParameters): RouteQuote | undefined;
  /**
   * Optional: a cheap optimistic quote for the same size whose cost never exceeds the real
   * quote's (e.g. a public swap before its MEV analysis), and which is undefined exactly when the
   * real quote is. The router then skips the full quote where even this cannot win. Must be pure.
   */
  quoteLowerBound?(params: QuoteRouteParameters): RouteQuote | undefined;
  /**
   * Optional: bounds that hold for every size, for its quotes and lower bounds alike, so the
   * router can rule out every split of an intent without pricing one. A quote never expects more
   * than `sellAmount × maxBuyPerSell` (buy units per sell unit: an AMM's marginal price after its
   * LP fee, as its output is concave in the input), never uses less than `minGasUnits` of gas,
   * and never has a negative MEV leakage. With `outputTangentAt(S)` (undefined when it has none
   * at S), a quote of any size x ≤ S also never expects more than `buyAmount − (S − x)·buyPerSell`
   * (an AMM's tangent at S, above its concave output): the floor of a split of S then counts the
   * price impact its legs cannot avoid.
   */
  costFloor?: {
    maxBuyPerSell: number;
    minGasUnits: bigint;
    outputTangentAt?(sellAmount: bigint): { buyAmount: number; buyPerSell: number } | undefined;
  };
};

/** One leg of a plan: a candidate, the part of the intent it sells, its quote and cost. */
export type RouteLeg = {
  candidateId: string;
  venue: string;
  liquiditySource: string;
  sellAmount: bigint;
  quote: RouteQuote;
  cost: CostBreakdown;
};

/** The router's decision for an intent: the legs, their summed cost stages and amounts. */
export type RoutePlan = {
  intent: HedgeIntent;
  legs: RouteLeg[];
  /** Stage sums over the legs, buy-token base units, bps of the intent's arrival mid value. */
  cost: CostBreakdown;
  /** Sum of the legs' expected outputs, buy-token base units. */
  expectedBuyAmount: bigint;
  /** Sum of the legs' on-chain minimum outputs: ≥ intent.minBuyAmount, always. */
  minBuyAmount: bigint;
};
