import type { HedgeIntent } from '@hedge-router/router';
import type { Address, Hex } from 'viem';
import type { Venue } from '../venues/types.js';
import { DEFAULT_QUOTE_SLIPPAGE_BPS, QUOTE_DEADLINE_SECONDS } from './constants.js';
import type { EngineChain, EnginePricing } from './engineDeps.js';
import type { MarketSnapshot } from './marketSnapshot.js';
import { planRoute, type RoutingDecision } from './planRoute.js';

export type QuoteIntentParameters = EnginePricing & {
  sellToken: Address;
  buyToken: Address;
  /** Sell-token base units. */
  sellAmount: bigint;
  /** The vault the quote is for (venues price its balances and approvals alike for any). */
  vault: Address;
  /** The limit below the arrival mid the quote assumes (default DEFAULT_QUOTE_SLIPPAGE_BPS). */
  maxSlippageBps?: number | undefined;
  /** Only these venues (by name); default all. */
  venueAllowList?: readonly string[] | undefined;
  /** A placeholder hash: a quote is never signed, so no leg id derived from it reaches the chain. */
  intentHash: Hex;
  nowSeconds: number;
};

/**
 * The limit a quote prices against: `maxSlippageBps` below the sell amount's value at the arrival
 * mid, so each venue's minimum is a realistic one. The one rule for it: the quote endpoint and the
 * hedge-plan endpoint both quote through `quoteIntent`.
 */
export function quoteLimitBuyAmount(
  sellAmount: bigint,
  market: Pick<MarketSnapshot, 'midPrice'>,
  maxSlippageBps: number = DEFAULT_QUOTE_SLIPPAGE_BPS,
): bigint {
  const midValue = BigInt(Math.floor(Number(sellAmount) * market.midPrice));
  return (midValue * BigInt(10_000 - maxSlippageBps)) / 10_000n;
}

/**
 * A quote: the routing decision for a provisional, unsigned intent (nonce 0, no partial fill, a
 * deadline QUOTE_DEADLINE_SECONDS ahead) whose limit is `quoteLimitBuyAmount` at the market read
 * for the decision. The market and the venues' candidates are read at once (one head read for both).
 */
export function quoteIntent(
  deps: { chain: EngineChain; venues: readonly Venue[] },
  params: QuoteIntentParameters,
): Promise<RoutingDecision> {
  const provisional: HedgeIntent = {
    vault: params.vault,
    sellToken: params.sellToken,
    buyToken: params.buyToken,
    sellAmount: params.sellAmount,
    minBuyAmount: 0n,
    deadline: params.nowSeconds + QUOTE_DEADLINE_SECONDS,
    nonce: 0n,
    partialFill: false,
  };
  return planRoute(deps, {
    intent: provisional,
    minBuyAmountFromMarket: (market) => quoteLimitBuyAmount(params.sellAmount, market, params.maxSlippageBps),
    intentHash: params.intentHash,
    nowSeconds: params.nowSeconds,
    riskAversionPerUsd: params.riskAversionPerUsd,
    annualVolatility: params.annualVolatility,
    venueAllowList: params.venueAllowList,
  });
}
