import {
  normalCdf,
  type RouteCandidate,
  type RouteQuote,
  type RouteTiming,
  SECONDS_PER_YEAR,
} from '@hedge-router/router';

export type BatchAuctionCandidateParameters = {
  id: string;
  venue: string;
  liquiditySource: string;
  /** Mid price: buy-token base units per sell-token base unit. */
  midRate: number;
  /**
   * What the orderbook quoted for `quotedSellAmount` if no opposite order shows up: the pool's
   * output after the protocol fee and the network fee (buy units).
   */
  quotedBuyAmount: bigint;
  quotedSellAmount: bigint;
  /** The network fee the quote charged, in buy-token base units at the mid. */
  networkFeeInBuy: bigint;
  protocolFeeBps: number;
  /**
   * The LP fee (bps) of the pool the solver routes a one-sided order through. Of the quote's
   * shortfall to the mid, up to this much is the pool's fee, the same at every size; only the
   * rest is price impact, which grows with size. (A coincidence of wants has neither.)
   */
  lpFeeBps: number;
  /** Seconds between auctions: the expected wait is about one auction. */
  auctionIntervalSeconds: number;
  /** Seconds the order stays valid: after that it is reclaimed and the router falls back. */
  validitySeconds: number;
  /** Annualised volatility of the pair, for the chance the clearing price reaches a tight limit. */
  annualVolatility: number;
};

/**
 * A batch-auction route as a pure quoting function: output = size at the mid, less the pool
 * impact the quote implies (scaled linearly with size from the quoted size), the pool's LP fee
 * where the quote routes through it (the same bps at every size), the protocol fee and the
 * network fee. No sandwich exposure (orders are settled privately by the solver at a
 * uniform price). Expected delay: half an auction interval to the next auction plus the
 * settlement. Fill probability: the chance the clearing price stays at or above the leg's limit
 * over the order's life, Φ((expected − limit) / (expected · σ√τ)), τ its validity.
 */
export function batchAuctionCandidate(p: BatchAuctionCandidateParameters): RouteCandidate {
  const grossAtQuote = Number(p.quotedSellAmount) * p.midRate;
  const protocolFee = (Number(p.quotedBuyAmount) * p.protocolFeeBps) / (10_000 - p.protocolFeeBps);
  const shortfallBpsAtQuote = Math.max(
    0,
    (1 - (Number(p.quotedBuyAmount + p.networkFeeInBuy) + protocolFee) / grossAtQuote) * 10_000,
  );
  const lpFeeBps = Math.min(shortfallBpsAtQuote, p.lpFeeBps);
  const impactBpsAtQuote = shortfallBpsAtQuote - lpFeeBps;
  const sigmaTau = p.annualVolatility * Math.sqrt(p.validitySeconds / SECONDS_PER_YEAR);
  return {
    id: p.id,
    venue: p.venue,
    liquiditySource: p.liquiditySource,
    quote({ sellAmount, limitBuyAmount }): RouteQuote | undefined {
      if (sellAmount <= 0n) return undefined;
      const gross = Number(sellAmount) * p.midRate;
      const impactBps = impactBpsAtQuote * (Number(sellAmount) / Number(p.quotedSellAmount));
      const lpFeeInBuy = BigInt(Math.round((gross * lpFeeBps) / 10_000));
      const afterImpact = gross * (1 - (impactBps + lpFeeBps) / 10_000);
      const protocolFeeInBuy = BigInt(Math.round((afterImpact * p.protocolFeeBps) / 10_000));
      const expectedBuyAmount = BigInt(Math.floor(afterImpact)) - protocolFeeInBuy - p.networkFeeInBuy;
      const feesInBuy = lpFeeInBuy + protocolFeeInBuy + p.networkFeeInBuy;
      if (expectedBuyAmount <= 0n || expectedBuyAmount < limitBuyAmount) return undefined;
      const room = Number(expectedBuyAmount - limitBuyAmount) / Number(expectedBuyAmount);
      const fillProbability = sigmaTau > 0 ? normalCdf(room / sigmaTau) : 1;
      const timing: RouteTiming = {
        expectedSecondsToFill: p.auctionIntervalSeconds / 2 + 1,
        fillProbability,
        secondsLostOnNonFill: p.validitySeconds,
      };
      return {
        sellAmount,
        expectedBuyAmount,
        minBuyAmount: limitBuyAmount,
        feesInBuy,
        // The settlement's gas is inside the network fee; the operator pays one placement.
        gasUnits: PLACEMENT_GAS_UNITS,
        mevLeakageInBuy: 0n,
        timing,
      };
    },
  };
}

/** HedgeExecutor.placeCowOrder measured on the local world (pull, approve once, register). */
export const PLACEMENT_GAS_UNITS = 130_000n;
