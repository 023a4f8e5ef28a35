import type { RouteQuote, RouteTiming } from '../cost/types.js';
import type { RouteCandidate } from './types.js';

export type FixedRateRouteCandidateParameters = {
  id: string;
  /** 'batch-auction', 'cross-chain', 'netting', 'rfq', … */
  venue: string;
  liquiditySource: string;
  /** Quoted price before fees and size impact: buy-token base units per sell-token base unit. */
  rate: number;
  /** Proportional fee (protocol, bridge, solver), bps of the gross output. */
  feeBps: number;
  /** A fixed fee in buy-token base units (e.g. a bridge's flat fee or the settlement's gas the venue charges). */
  fixedFeeInBuy?: bigint;
  /** Size impact: bps of gross output lost at `maxSellAmount`, growing linearly with size (default 0). */
  impactBpsAtMax?: number;
  /** Largest size the venue will take, sell-token base units. */
  maxSellAmount: bigint;
  /** Gas the vault pays itself (0n when the venue's fee covers it). */
  gasUnits?: bigint;
  timing: RouteTiming;
};

/**
 * A venue that quotes a rate rather than exposing a pool (a batch auction's expected clearing
 * price, an RFQ, a bridge, an internal netting match): output = size·rate less a proportional
 * fee, a fixed fee and a linear size impact. Its leg minimum is the leg's limit; such venues
 * fill or not (fillProbability) rather than revert on price moves.
 */
export function fixedRateRouteCandidate(p: FixedRateRouteCandidateParameters): RouteCandidate {
  return {
    id: p.id,
    venue: p.venue,
    liquiditySource: p.liquiditySource,
    quote({ sellAmount, limitBuyAmount }): RouteQuote | undefined {
      if (sellAmount <= 0n || sellAmount > p.maxSellAmount) return undefined;
      const gross = Number(sellAmount) * p.rate;
      const impactBps = (p.impactBpsAtMax ?? 0) * (Number(sellAmount) / Number(p.maxSellAmount));
      const fixedFee = p.fixedFeeInBuy ?? 0n;
      const feesInBuy = BigInt(Math.round((gross * p.feeBps) / 10_000)) + fixedFee;
      const expectedBuyAmount = BigInt(Math.floor(gross * (1 - impactBps / 10_000))) - feesInBuy;
      if (expectedBuyAmount <= 0n || expectedBuyAmount < limitBuyAmount) return undefined;
      return {
        sellAmount,
        expectedBuyAmount,
        minBuyAmount: limitBuyAmount,
        feesInBuy,
        gasUnits: p.gasUnits ?? 0n,
        mevLeakageInBuy: 0n,
        timing: p.timing,
      };
    },
  };
}
