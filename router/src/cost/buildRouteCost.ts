import { type RouteCostAmounts, routeCostAmounts } from './routeCostAmounts.js';
import type { CostBreakdown, CostContext, CostStage, RouteQuote } from './types.js';

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
  return costStagesFromAmounts(routeCostAmounts(ctx, quote));
}

/** The `{ amount, bps }` stages of amounts from routeCostAmounts (bps of the leg's notional). */
export function costStagesFromAmounts(a: RouteCostAmounts): CostBreakdown {
  return {
    priceImpact: costStage(a.priceImpact, a.notional),
    fees: costStage(a.fees, a.notional),
    gas: costStage(a.gas, a.notional),
    mevLeakage: costStage(a.mevLeakage, a.notional),
    delayRisk: costStage(a.delayRisk, a.notional),
    fillRisk: costStage(a.fillRisk, a.notional),
    total: costStage(a.total, a.notional),
  };
}

function costStage(amount: bigint, notional: number): CostStage {
  return { amount, bps: notional > 0 ? (Number(amount) / notional) * 10_000 : 0 };
}
