import { HedgeRouterError } from '../errors/index.js';
import { delayRiskCost, probabilityWithinTolerance } from './delayRiskCost.js';
import type { CostBreakdown, CostContext, CostStage, RouteQuote } from './types.js';

function toBuyUnits(x: number): bigint {
  return BigInt(Math.round(x));
}

/**
 * Prices a route quote into the named cost stages, each in buy-token base units and in bps of
 * the leg's arrival mid value (sellAmount × midPrice):
 * - priceImpact: (mid value − expected output) − fees, the exact simulated shortfall beyond fees;
 * - fees: the venue's fees (LP, protocol, bridge, tip), as quoted;
 * - gas: gasUnits × gasPriceWei, converted at the native token's price;
 * - mevLeakage: the quote's expected loss to searchers;
 * - delayRisk: λ·(notional·σ)²·E[τ] while the leg is expected to fill (weighted by its fill probability);
 * - fillRisk: on a non-fill (including a revert because the price moved past the leg's bound),
 *   λ·(notional·σ)² times the time lost plus the fallback's delay.
 * Total is the sum. Stage amounts are expectations, rounded to the nearest base unit.
 */
export function buildRouteCost(ctx: CostContext, quote: RouteQuote): CostBreakdown {
  const { midPrice, annualVolatility, riskAversionPerBuyUnit, fallbackDelaySeconds } = ctx;
  if (!(midPrice > 0) || !Number.isFinite(midPrice)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      field: 'ctx.midPrice',
      shortMessage: 'must be a positive finite price',
    });
  }
  const notional = Number(quote.sellAmount) * midPrice;
  const ideal = toBuyUnits(notional);
  const shortfall = ideal - quote.expectedBuyAmount;
  const fees = quote.feesInBuy;
  const gas = toBuyUnits(Number(quote.gasUnits * ctx.gasPriceWei) * ctx.nativePriceInBuyPerWei);

  const { expectedSecondsToFill, secondsLostOnNonFill } = quote.timing;
  let fillProbability = quote.timing.fillProbability;
  if (quote.revertTolerance !== undefined) {
    fillProbability *= probabilityWithinTolerance({
      tolerance: quote.revertTolerance,
      annualVolatility,
      seconds: expectedSecondsToFill,
    });
  }
  const riskPerSecond = delayRiskCost({
    notionalInBuy: notional,
    annualVolatility,
    seconds: 1,
    riskAversionPerBuyUnit,
  });
  const delayRisk = toBuyUnits(riskPerSecond * expectedSecondsToFill * fillProbability);
  const fillRisk = toBuyUnits(
    riskPerSecond * (secondsLostOnNonFill + fallbackDelaySeconds) * (1 - fillProbability),
  );

  const stage = (amount: bigint): CostStage => ({
    amount,
    bps: notional > 0 ? (Number(amount) / notional) * 10_000 : 0,
  });
  const total = shortfall + gas + quote.mevLeakageInBuy + delayRisk + fillRisk;
  return {
    priceImpact: stage(shortfall - fees),
    fees: stage(fees),
    gas: stage(gas),
    mevLeakage: stage(quote.mevLeakageInBuy),
    delayRisk: stage(delayRisk),
    fillRisk: stage(fillRisk),
    total: stage(total),
  };
}
