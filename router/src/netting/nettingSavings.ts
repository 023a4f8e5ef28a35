/** One side's audit of a cross: what netting gave it against its best external route. */
export type NettingSavings = {
  /** Buy-token base units received for the crossed part. */
  crossedBuyAmount: bigint;
  /** The crossed sell amount at the arrival mid, buy units. */
  midValueInBuy: bigint;
  /** The best external route for the same sell amount: expected output and total expected cost (buy units). */
  externalExpectedBuyAmount: bigint;
  externalTotalCostInBuy: bigint;
  /** Netting's own cost: the shortfall to the mid (rounding) plus its share of the cross gas (buy units). */
  nettingTotalCostInBuy: bigint;
  /** externalTotalCost − nettingTotalCost: what crossing saved, buy units and bps of the mid value. */
  savedInBuy: bigint;
  savedBps: number;
  /** Output difference alone (crossed − external expected), buy units. */
  extraBuyAmount: bigint;
};

/**
 * The audit numbers of one side of a cross: netting's cost (shortfall to the mid plus the gas
 * share it pays, in buy units) against the total expected cost of the best external route for
 * the same size (the cost model's `total`: impact, fees, gas, MEV leakage, delay and fill risk).
 * Pure.
 */
export function nettingSavings(params: {
  crossedBuyAmount: bigint;
  midValueInBuy: bigint;
  gasShareInBuy: bigint;
  externalExpectedBuyAmount: bigint;
  externalTotalCostInBuy: bigint;
}): NettingSavings {
  const nettingTotalCostInBuy = params.midValueInBuy - params.crossedBuyAmount + params.gasShareInBuy;
  const savedInBuy = params.externalTotalCostInBuy - nettingTotalCostInBuy;
  return {
    crossedBuyAmount: params.crossedBuyAmount,
    midValueInBuy: params.midValueInBuy,
    externalExpectedBuyAmount: params.externalExpectedBuyAmount,
    externalTotalCostInBuy: params.externalTotalCostInBuy,
    nettingTotalCostInBuy,
    savedInBuy,
    savedBps: params.midValueInBuy === 0n ? 0 : (Number(savedInBuy) / Number(params.midValueInBuy)) * 10_000,
    extraBuyAmount: params.crossedBuyAmount - params.externalExpectedBuyAmount,
  };
}
