import { type AmmPool, optimalSandwich, swapExactIn } from '@hedge-router/router';

export type GasUnitsWithinBoundParameters = {
  /** The pool the swap trades on, at the block it is sent in. */
  pool: AmmPool;
  zeroForOne: boolean;
  /** The swap's input, sell-token base units. */
  sellAmount: bigint;
  /** The swap's on-chain minimum output, buy-token base units. */
  minBuyAmount: bigint;
  /** The quote's gas estimate (the unattacked swap). */
  quoteGasUnits: bigint;
  /** Gas of the swap with no initialized tick crossed. */
  baseGasUnits: bigint;
  /** Extra gas per initialized tick crossed. */
  gasUnitsPerTickCrossed: bigint;
};

/**
 * The gas a public swap must be signed for: its quote's estimate, or more when a price its bound
 * admits makes it cross initialized ticks the quote did not. Flow ahead of it in its own
 * direction (a sandwich's front-run, or any other swap in the block) moves its start down the
 * curve, up to the largest front-run x̂ that still leaves it exactly its minimum; whatever the
 * front-run, the swap then ends no further than one swap of x̂ + its input from the current
 * state, so it crosses no initialized tick that swap does not. A limit sized on the unattacked
 * path ran out of gas in the pool's callback when a sandwich pushed the swap over a position's
 * edge, so a swap that would have filled within its bound reverted instead (on every re-try,
 * since the searcher repeats the same attack).
 */
export function gasUnitsWithinBound({
  pool,
  zeroForOne,
  sellAmount,
  minBuyAmount,
  quoteGasUnits,
  baseGasUnits,
  gasUnitsPerTickCrossed,
}: GasUnitsWithinBoundParameters): bigint {
  // With no searcher cost the search reports x̂ whether or not an attack pays.
  const worst = optimalSandwich({
    pool,
    zeroForOne,
    victimAmountIn: sellAmount,
    victimMinAmountOut: minBuyAmount,
    searcherCost: 0n,
  });
  if (!worst.victimFeasible || worst.maxFrontRunAmountIn <= 0n) return quoteGasUnits;
  let ticksCrossed: number;
  try {
    ticksCrossed = swapExactIn(pool, {
      zeroForOne,
      amountIn: worst.maxFrontRunAmountIn + sellAmount,
    }).ticksCrossed;
  } catch {
    return quoteGasUnits;
  }
  const gas = baseGasUnits + gasUnitsPerTickCrossed * BigInt(ticksCrossed);
  return gas > quoteGasUnits ? gas : quoteGasUnits;
}
