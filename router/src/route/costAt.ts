import { costStagesFromAmounts } from '../cost/buildRouteCost.js';
import { type RouteCostAmounts, routeCostAmounts } from '../cost/routeCostAmounts.js';
import type { CostBreakdown, CostContext, RouteQuote } from '../cost/types.js';
import type { RouteCandidate } from './types.js';

export type CostAtParameters = {
  candidate: RouteCandidate;
  /** Sell-token base units. */
  sellAmount: bigint;
  /** The intent's whole sell amount and limit, from which this leg's limit is derived. */
  intentSellAmount: bigint;
  intentMinBuyAmount: bigint;
  /** Price the candidate's optimistic `quoteLowerBound` instead of its quote (the candidate must have one). */
  lowerBound?: boolean;
};

export type CostAtReturnType =
  | { quote: RouteQuote; cost: CostBreakdown }
  | { quote: undefined; reason: string };

/**
 * Leg limit for selling `sellAmount` of an intent: the intent's limit price applied to the part,
 * rounded up (ceil(sellAmount·minBuy/sell)), so any set of legs adding up to the intent has
 * minimums adding up to at least its minBuyAmount, and each leg alone respects the limit price.
 */
export function legLimitBuyAmount({
  sellAmount,
  intentSellAmount,
  intentMinBuyAmount,
}: Omit<CostAtParameters, 'candidate'>): bigint {
  return (sellAmount * intentMinBuyAmount + intentSellAmount - 1n) / intentSellAmount;
}

/** A leg priced for a search: the quote and its cost amounts (stages without bps), or why not. */
export type PricedLeg =
  | { quote: RouteQuote; amounts: RouteCostAmounts }
  | { quote: undefined; reason: string };

// Shared, never mutated: a search prices many sizes a venue cannot fill.
const NO_QUOTE = { quote: undefined, reason: 'venue cannot fill this size at the limit' } as const;
const OTHER_SIZE = { quote: undefined, reason: 'venue quoted a different size' } as const;
const BELOW_LIMIT = { quote: undefined, reason: 'quote does not respect the limit price' } as const;

/**
 * costAt without dressing the cost as stages: the route search's inner step. `limitBuyAmount`,
 * if given, must be legLimitBuyAmount(params) (a search prices one size on several candidates).
 */
export function priceLeg(
  ctx: CostContext,
  params: CostAtParameters & { limitBuyAmount?: bigint },
): PricedLeg {
  const limitBuyAmount = params.limitBuyAmount ?? legLimitBuyAmount(params);
  const quoteParams = { sellAmount: params.sellAmount, limitBuyAmount };
  const quote =
    params.lowerBound && params.candidate.quoteLowerBound
      ? params.candidate.quoteLowerBound(quoteParams)
      : params.candidate.quote(quoteParams);
  if (quote === undefined) return NO_QUOTE;
  if (quote.sellAmount !== params.sellAmount) return OTHER_SIZE;
  if (quote.minBuyAmount < limitBuyAmount || quote.expectedBuyAmount < quote.minBuyAmount) return BELOW_LIMIT;
  return { quote, amounts: routeCostAmounts(ctx, quote) };
}

/**
 * A candidate's quote and expected cost for selling `sellAmount` of an intent (buy-token base
 * units and bps), or the reason it cannot: no quote, or a quote whose minimum output is below
 * the leg's share of the intent's limit.
 */
export function costAt(ctx: CostContext, params: CostAtParameters): CostAtReturnType {
  const priced = priceLeg(ctx, params);
  if (priced.quote === undefined) return { quote: undefined, reason: priced.reason };
  return { quote: priced.quote, cost: costStagesFromAmounts(priced.amounts) };
}
