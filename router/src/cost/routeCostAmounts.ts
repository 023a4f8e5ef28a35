import { HedgeRouterError } from '../errors/index.js';
import { delayRiskCost, probabilityWithinTolerance } from './delayRiskCost.js';
import type { CostContext, RouteQuote } from './types.js';

/**
 * buildRouteCost's stage amounts (buy-token base units) before they are dressed as
 * `{ amount, bps }` stages: what a route search compares, for every (candidate, size) it prices.
 * Only the chosen legs need the full breakdown (costStagesFromAmounts), so the search skips
 * seven stage objects per quote.
 */
export type RouteCostAmounts = {
  /** The leg's arrival mid value, sellAmount × midPrice, buy units (float): the bps base. */
  notional: number;
  priceImpact: bigint;
  fees: bigint;
  gas: bigint;
  mevLeakage: bigint;
  delayRisk: bigint;
  fillRisk: bigint;
  total: bigint;
};

function toBuyUnits(x: number): bigint {
  return BigInt(Math.round(x));
}

// The last gas conversion: a route search prices dozens of quotes with a handful of distinct gas
// figures (a venue's base gas plus whole ticks crossed), and each conversion allocates bigints.
let lastGasUnits = -1n;
let lastGasPriceWei = -1n;
let lastNativePrice = Number.NaN;
let lastGas = 0n;

/** gasUnits × gasPriceWei in the buy token, rounded to base units. */
export function gasInBuy(gasUnits: bigint, gasPriceWei: bigint, nativePriceInBuyPerWei: number): bigint {
  if (
    gasUnits !== lastGasUnits ||
    gasPriceWei !== lastGasPriceWei ||
    nativePriceInBuyPerWei !== lastNativePrice
  ) {
    lastGas = toBuyUnits(Number(gasUnits * gasPriceWei) * nativePriceInBuyPerWei);
    lastGasUnits = gasUnits;
    lastGasPriceWei = gasPriceWei;
    lastNativePrice = nativePriceInBuyPerWei;
  }
  return lastGas;
}

/** The cost stages of a quote (see buildRouteCost for their definitions), amounts only. */
export function routeCostAmounts(ctx: CostContext, quote: RouteQuote): RouteCostAmounts {
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
  const gas = gasInBuy(quote.gasUnits, ctx.gasPriceWei, ctx.nativePriceInBuyPerWei);

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
  return {
    notional,
    priceImpact: shortfall - fees,
    fees,
    gas,
    mevLeakage: quote.mevLeakageInBuy,
    delayRisk,
    fillRisk,
    total: shortfall + gas + quote.mevLeakageInBuy + delayRisk + fillRisk,
  };
}
