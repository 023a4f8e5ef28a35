import { bigintJson, type RouteCandidate, type RouteTiming } from '@hedge-router/router';
import type { Address } from 'viem';
import { z } from 'zod';
import { ammCandidateId } from '../shared/executorTransaction.js';
import { addressSchema, ammPoolOf, type ObservedPool, observedPoolSchema } from '../shared/observedPools.js';
import { crossChainRouteCandidate } from './crossChainRouteCandidate.js';

// Measured on the local world (test/src/venues/crossChain.test.ts, 300 WETH): bridgeOut 211,752
// on the origin; the relayer's fill with the destination action (swap + return deposit) 303,729
// on the destination with no tick crossed, ~20k more per initialized tick; the return fill 70,509.
export const BRIDGE_OUT_GAS = 215_000n;
const DESTINATION_GAS = 305_000n;
const DESTINATION_GAS_PER_TICK = 20_000n;
const RETURN_FILL_GAS = 71_000n;

/**
 * What the cross-chain venue prices from: the destination chain's pools of the bridged pair at
 * one block, both chains' base fees (destination gas is priced at their ratio), and the bridge's
 * terms.
 */
export type CrossChainObservation = {
  kind: 'cross-chain';
  venue: string;
  destinationChainId: number;
  /** The intent's sell token on the destination chain (null when the bridge does not carry the pair). */
  destinationSellToken: Address | null;
  originBaseFeePerGas: bigint;
  destinationBaseFeePerGas: bigint;
  /** The priority fee bid on each chain, wei per gas (0 in observations recorded before it was). */
  priorityFeeWei: bigint;
  bridgeFeeBps: number;
  timing: RouteTiming;
  pools: ObservedPool[];
};

export const crossChainObservationSchema: z.ZodType<CrossChainObservation, unknown> = z.object({
  kind: z.literal('cross-chain'),
  venue: z.string(),
  destinationChainId: z.number(),
  destinationSellToken: addressSchema.nullable(),
  originBaseFeePerGas: bigintJson,
  destinationBaseFeePerGas: bigintJson,
  priorityFeeWei: bigintJson.default(0n),
  bridgeFeeBps: z.number(),
  timing: z.object({
    expectedSecondsToFill: z.number(),
    fillProbability: z.number(),
    secondsLostOnNonFill: z.number(),
  }),
  pools: z.array(observedPoolSchema),
});

/**
 * The cross-chain venue's candidates at an observation: one per destination pool, both bridge
 * fees, the destination swap simulated exactly, gas on both chains, both legs' latency
 * (crossChainRouteCandidate). Pure.
 */
export function crossChainCandidatesAt(o: CrossChainObservation): RouteCandidate[] {
  const sellToken = o.destinationSellToken;
  if (!sellToken) return [];
  // Gas on the destination, in origin gas units at the two chains' gas prices (base fee plus the
  // priority fee each pays): by the base fees alone, an origin whose base fee decayed to a few
  // wei made destination gas a billion times dearer (issue 15 #9: 1,920 USDC of gas on 1 WETH).
  const origin = o.originBaseFeePerGas + o.priorityFeeWei;
  const ratio = origin > 0n ? Number(o.destinationBaseFeePerGas + o.priorityFeeWei) / Number(origin) : 1;
  return o.pools.map(
    (pool): RouteCandidate =>
      crossChainRouteCandidate({
        id: ammCandidateId(o.venue, o.destinationChainId, pool.address),
        venue: o.venue,
        liquiditySource: `uniswap-v3:${o.destinationChainId}:${pool.address.toLowerCase()}`,
        pool: ammPoolOf(pool.state),
        zeroForOne: pool.token0.toLowerCase() === sellToken.toLowerCase(),
        bridgeFeeBps: o.bridgeFeeBps,
        gas: {
          originGasUnits: BRIDGE_OUT_GAS,
          destinationGasUnits: DESTINATION_GAS,
          destinationGasUnitsPerTickCrossed: DESTINATION_GAS_PER_TICK,
          returnGasUnits: RETURN_FILL_GAS,
          destinationToOriginGasPriceRatio: ratio,
        },
        timing: o.timing,
      }),
  );
}
