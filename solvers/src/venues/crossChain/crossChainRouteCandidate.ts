import {
  type AmmPool,
  HedgeRouterError,
  poolMidPrice,
  type RouteCandidate,
  type RouteQuote,
  type RouteTiming,
  swapExactInCached,
} from '@hedge-router/router';

export type CrossChainRouteCandidateParameters = {
  id: string;
  /** Venue kind for audits; default 'cross-chain'. */
  venue?: string;
  /** The destination pool's key: its own liquidity, so the router may split against the origin's pools. */
  liquiditySource: string;
  /** The destination pool, as read from the destination chain. */
  pool: AmmPool;
  /** Direction on the destination pool: true when the (bridged) sell token is its token0. */
  zeroForOne: boolean;
  /** The relayer's fee on each bridge leg, bps of the amount bridged (rounded up, as the relayer checks it). */
  bridgeFeeBps: number;
  /**
   * Gas of the route in origin-chain gas units: the executor's bridgeOut on the origin, the
   * relayer's fill with the destination action (swap + return deposit) on the destination, the
   * return fill on the origin. Destination gas is converted at the ratio of the two chains' gas
   * prices, because the cost model prices gas at one (the origin's) price.
   */
  gas: {
    originGasUnits: bigint;
    destinationGasUnits: bigint;
    destinationGasUnitsPerTickCrossed: bigint;
    returnGasUnits: bigint;
    /** Destination gas price / origin gas price (both chains pay gas in ETH). */
    destinationToOriginGasPriceRatio: number;
  };
  timing: RouteTiming;
};

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/**
 * A route that bridges the sell amount to another chain, sells it there on one pool and bridges
 * the proceeds back, as a pure quoting function: the outbound bridge fee (in the sell token),
 * the destination pool's exact swap of what arrives, the return bridge fee (in the buy token),
 * gas on both chains, and the timing of both bridge legs. Its minimum is enforced on the
 * destination (the destination action reverts, and the fill with it, below the minimum), so a
 * price move during the outbound leg is carried as revert tolerance.
 */
export function crossChainRouteCandidate(p: CrossChainRouteCandidateParameters): RouteCandidate {
  if (!(Number.isInteger(p.bridgeFeeBps) && p.bridgeFeeBps >= 0 && p.bridgeFeeBps < 10_000)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      field: 'bridgeFeeBps',
      shortMessage: `must be an integer in [0, 10000), got ${p.bridgeFeeBps}`,
    });
  }
  const ratio = p.gas.destinationToOriginGasPriceRatio;
  if (!(Number.isFinite(ratio) && ratio >= 0)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      field: 'gas.destinationToOriginGasPriceRatio',
      shortMessage: `must be a finite number ≥ 0, got ${ratio}`,
    });
  }
  const feeBps = BigInt(p.bridgeFeeBps);
  const token1PerToken0 = poolMidPrice(p.pool);
  const buyPerSell = p.zeroForOne ? token1PerToken0 : 1 / token1PerToken0;
  return {
    id: p.id,
    venue: p.venue ?? 'cross-chain',
    liquiditySource: p.liquiditySource,
    quote({ sellAmount, limitBuyAmount }): RouteQuote | undefined {
      if (sellAmount <= 0n) return undefined;
      const outboundFee = ceilDiv(sellAmount * feeBps, 10_000n);
      const bridgedAmount = sellAmount - outboundFee;
      if (bridgedAmount <= 0n) return undefined;
      const swap = swapExactInCached(p.pool, { zeroForOne: p.zeroForOne, amountIn: bridgedAmount });
      if (swap.amountIn !== bridgedAmount) return undefined; // the pool's range ends first
      const returnFee = ceilDiv(swap.amountOut * feeBps, 10_000n);
      const expectedBuyAmount = swap.amountOut - returnFee;
      if (expectedBuyAmount <= 0n || expectedBuyAmount < limitBuyAmount) return undefined;
      const destinationGas =
        p.gas.destinationGasUnits + p.gas.destinationGasUnitsPerTickCrossed * BigInt(swap.ticksCrossed);
      const destinationGasInOriginUnits = BigInt(Math.ceil(Number(destinationGas) * ratio));
      const outboundFeeInBuy = BigInt(Math.round(Number(outboundFee) * buyPerSell));
      const lpFeeInBuy = BigInt(Math.round(Number(swap.feeAmount) * buyPerSell));
      return {
        sellAmount,
        expectedBuyAmount,
        minBuyAmount: limitBuyAmount,
        feesInBuy: outboundFeeInBuy + lpFeeInBuy + returnFee,
        gasUnits: p.gas.originGasUnits + destinationGasInOriginUnits + p.gas.returnGasUnits,
        mevLeakageInBuy: 0n,
        timing: p.timing,
        revertTolerance: Number(expectedBuyAmount - limitBuyAmount) / Number(expectedBuyAmount),
        details: {
          outboundFee,
          bridgedAmount,
          destinationSwapOut: swap.amountOut,
          destinationLpFee: swap.feeAmount,
          returnFee,
          ticksCrossed: swap.ticksCrossed,
          gas: {
            origin: p.gas.originGasUnits,
            destination: destinationGas,
            destinationInOriginUnits: destinationGasInOriginUnits,
            return: p.gas.returnGasUnits,
          },
        },
      };
    },
  };
}
