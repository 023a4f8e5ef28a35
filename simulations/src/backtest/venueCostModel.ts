import {
  type CostContext,
  costAt,
  encodeSqrtRatioX96,
  getTickAtSqrtRatio,
  HedgeRouterError,
  MAX_TICK,
  MIN_TICK,
  type RouteCandidate,
  sqrtBigInt,
  type V3PoolState,
  validateV3PoolState,
} from '@hedge-router/router';
import {
  type BundleObservation,
  type CandidatesRequest,
  FALLBACK_DELAY_SECONDS,
  type ObservedPool,
  PRIORITY_FEE_WEI,
  type PublicAmmObservation,
  protectedToleranceBps,
  QUOTE_DEADLINE_SECONDS,
  venueModule,
} from '@hedge-router/solvers';
import type { Address } from 'viem';
import type { CostModel } from './costModel.js';
import type { Scenario } from './scenarioSchema.js';
import { VENUE_COST_STAGES, type VenueCostTable, venueCostTableModel } from './venueCostTable.js';

type VenueCosts = Extract<Scenario['costs'], { model: 'venue' }>;

export type VenueCostModelParameters = {
  costs: VenueCosts;
  /** Reference spot the table is built at, USD per unit. */
  spot: number;
  /** Annualised vol for the delay-risk stage (and the protected bound's default tolerance). */
  vol: number;
  /** Table points (default 64). */
  points?: number;
};

const E18 = 1e18;
const E6 = 1e6;
const GWEI = 1e9;
// The equivalent pool's tokens (token0 < token1 by address, as V3 orders them): the underlying,
// 18 decimals, which is also the chain's wrapped native (gas is paid in it), and a 6-decimals USD.
const UNDERLYING: Address = '0x0000000000000000000000000000000000000001';
const USD: Address = '0x0000000000000000000000000000000000000002';
const POOL: Address = '0x000000000000000000000000000000000000b001';
const CHAIN_ID = 1;
// Tick spacing of each fee tier the V3 factory enables (fee in pips). A fee off these tiers gets
// the 0.30% tier's spacing: for a full-range position it only places the range's ends.
const TICK_SPACING: Readonly<Record<number, number>> = { 100: 1, 500: 10, 3000: 60, 10000: 200 };

/**
 * The Uniswap V3 pool equivalent to a constant-product pool of `reserve0` underlying wei against
 * `reserve1` USD base units: one full-range position (from the lowest to the highest tick usable
 * at the tier's spacing) of liquidity L = √(reserve0·reserve1), at sqrtPriceX96 = √(reserve1 /
 * reserve0). Within the range x·y = L², so it is the same curve (to the range's ends at prices
 * 2^±128, far past anything a hedge reaches).
 */
export function fullRangeV3Pool({
  reserve0,
  reserve1,
  fee,
}: {
  reserve0: bigint;
  reserve1: bigint;
  /** Pips (3000 = 0.30%). */
  fee: number;
}): V3PoolState {
  const tickSpacing = TICK_SPACING[fee] ?? 60;
  const liquidity = sqrtBigInt(reserve0 * reserve1);
  const sqrtPriceX96 = encodeSqrtRatioX96(reserve1, reserve0);
  const state: V3PoolState = {
    sqrtPriceX96,
    tick: getTickAtSqrtRatio(sqrtPriceX96),
    liquidity,
    fee,
    tickSpacing,
    ticks: [
      { index: Math.ceil(MIN_TICK / tickSpacing) * tickSpacing, liquidityNet: liquidity },
      { index: Math.floor(MAX_TICK / tickSpacing) * tickSpacing, liquidityNet: -liquidity },
    ],
  };
  validateV3PoolState(state);
  return state;
}

/**
 * What the venue a scenario's costs name would observe on the equivalent pool at `spot`, the
 * request its candidates are built for, and the cost context the router prices them in.
 *
 * Scenario fields → the venue's terms: `mempool` → the 'public-amm' venue (its protected bound,
 * or 'naive' with `slippageBps`) or the 'private-bundle' venue; `gasPriceGwei` → the base fee
 * (gasPriceGwei − priorityFeeGwei) and the priority fee, and the context's gas price (base fee +
 * priority fee, as the engine prices gas); `expectedSecondsToFill` → `blockTimeSeconds`;
 * `attackProbability`, `minToleranceBps` (default the venue's own, at the hedge vol),
 * `inclusionProbability` and `bundleTipGwei` → the same terms of the venue. The request is a
 * sale of the underlying for USD with the engine's quote deadline (a bundle's blocks left).
 */
export function venueCostObservation({ costs, spot, vol }: Omit<VenueCostModelParameters, 'points'>): {
  observation: PublicAmmObservation | BundleObservation;
  request: CandidatesRequest;
  ctx: CostContext;
  /** Units of the underlying in the pool. */
  reserveUnits: number;
} {
  const reserveUnits = costs.poolDepthUsd / spot;
  const state = fullRangeV3Pool({
    reserve0: BigInt(Math.round(reserveUnits * 1e6)) * 10n ** 12n,
    reserve1: BigInt(Math.round(costs.poolDepthUsd * E6)),
    fee: Math.round(costs.feeBps * 100),
  });
  const pool: ObservedPool = { address: POOL, token0: UNDERLYING, token1: USD, fee: state.fee, state };
  const gasPriceWei = BigInt(Math.round(costs.gasPriceGwei * GWEI));
  const priorityFeeWei =
    costs.priorityFeeGwei !== undefined
      ? BigInt(Math.round(costs.priorityFeeGwei * GWEI))
      : gasPriceWei < PRIORITY_FEE_WEI
        ? gasPriceWei
        : PRIORITY_FEE_WEI;
  const blockTimeSeconds = costs.expectedSecondsToFill;
  const observation: PublicAmmObservation | BundleObservation =
    costs.mempool === 'public'
      ? {
          kind: 'public-amm',
          venue: 'public-amm',
          chainId: CHAIN_ID,
          blockNumber: 0n,
          baseFeePerGas: gasPriceWei - priorityFeeWei,
          wrappedNative: UNDERLYING,
          slippage:
            costs.slippageBps !== undefined
              ? { mode: 'naive', bps: costs.slippageBps }
              : {
                  mode: 'protected',
                  minToleranceBps:
                    costs.minToleranceBps ??
                    protectedToleranceBps({ annualVolatility: vol, blockTimeSeconds }),
                },
          attackProbability: costs.attackProbability,
          priorityFeeWei,
          blockTimeSeconds,
          pools: [pool],
        }
      : {
          kind: 'private-bundle',
          venue: 'private-bundle',
          chainId: CHAIN_ID,
          blockNumber: 0n,
          blockTimeSeconds,
          inclusionProbability: costs.inclusionProbability,
          tipPerGasWei: BigInt(Math.round(costs.bundleTipGwei * GWEI)),
          wrappedNative: UNDERLYING,
          pools: [pool],
        };
  const midPrice = (spot * E6) / E18; // USD base units per wei of the underlying
  return {
    observation,
    request: {
      intent: {
        sellToken: UNDERLYING,
        buyToken: USD,
        deadline: QUOTE_DEADLINE_SECONDS,
        sellAmount: BigInt(Math.round(reserveUnits * 1e6)) * 10n ** 12n,
      },
      nowSeconds: 0,
    },
    ctx: {
      midPrice,
      riskAversionPerBuyUnit: costs.riskAversionPerUsd / E6,
      annualVolatility: vol,
      gasPriceWei,
      nativePriceInBuyPerWei: midPrice,
      fallbackDelaySeconds: FALLBACK_DELAY_SECONDS,
    },
    reserveUnits,
  };
}

/** The venue's one candidate on the equivalent pool: its kind's own `candidatesAt`. */
function venueCandidate(observation: PublicAmmObservation | BundleObservation, request: CandidatesRequest) {
  const candidates: RouteCandidate[] =
    observation.kind === 'public-amm'
      ? venueModule('public-amm').candidatesAt(observation, request)
      : venueModule('private-bundle').candidatesAt(observation, request);
  const candidate = candidates[0];
  // An invariant: the observation holds one pool, and both kinds build one candidate per pool.
  if (candidates.length !== 1 || !candidate)
    throw new Error(`venue cost model: ${observation.kind} built ${candidates.length} candidates, not 1`);
  return candidate;
}

/**
 * The venue's cost by trade size at `spot`, tabulated: a sale of the underlying at a grid of sizes
 * up to 25% of the pool's underlying, each priced with the router's `costAt` on the candidate the
 * venue's own `candidatesAt` builds from its observation of the equivalent pool
 * (`venueCostObservation`). Exact integer swap math on the pool; the stages are the router's:
 * impact and LP fee (and a bundle's tip), gas, the expected sandwich loss at the bound the venue
 * submits with (protected, or naive), and the delay and fill risk of its timing. The grid is
 * quadratic in size (dense where hedges are small) and read by linear interpolation; beyond its
 * end the last segment is extended.
 *
 * Approximations, stated: the pool is assumed re-centred at the spot every step (an arbitrageur
 * keeps it at the reference price) with its depth fixed in units of the underlying, so every
 * stage scales with spot/refSpot (gas is paid in the underlying, impact and fees are
 * proportional to notional; delay risk would scale with spot² and is scaled linearly); buys
 * cost what sells of the same size cost (a constant-product pool is symmetric to first order).
 */
export function venueCostTable({ costs, spot, vol, points = 64 }: VenueCostModelParameters): VenueCostTable {
  const { observation, request, ctx, reserveUnits } = venueCostObservation({ costs, spot, vol });
  const candidate = venueCandidate(observation, request);
  const maxUnits = reserveUnits * 0.25;
  const sizes = new Float64Array(points + 1);
  const stages = new Float64Array((points + 1) * VENUE_COST_STAGES);
  // Gas of the smallest trade is the fixed part every trade pays; a larger trade's extra gas
  // (ticks crossed: none on a full-range pool) goes in the gas stage.
  let gasUsd = 0;
  for (let k = 1; k <= points; k++) {
    const units = maxUnits * (k / points) ** 2;
    sizes[k] = units;
    const sellAmount = BigInt(Math.max(1, Math.round(units * E18)));
    // Limit: 50% below the mid, so the limit never binds; the bound itself comes from the venue.
    const priced = costAt(ctx, {
      candidate,
      sellAmount,
      intentSellAmount: sellAmount,
      intentMinBuyAmount: BigInt(Math.floor(Number(sellAmount) * ctx.midPrice * 0.5)),
    });
    if (priced.quote === undefined)
      throw new HedgeRouterError('NO_ROUTE', {
        shortMessage: `venue cost model: no quote at ${units} units (${priced.reason})`,
        details: { units, reason: priced.reason },
      });
    const c = priced.cost;
    const gas = Number(c.gas.amount) / E6;
    if (k === 1) gasUsd = gas;
    const at = k * VENUE_COST_STAGES;
    stages[at] = Number(c.priceImpact.amount) / E6;
    stages[at + 1] = Number(c.fees.amount) / E6;
    stages[at + 2] = gas - gasUsd;
    stages[at + 3] = Number(c.mevLeakage.amount) / E6;
    stages[at + 4] = (Number(c.delayRisk.amount) + Number(c.fillRisk.amount)) / E6;
  }
  return { refSpot: spot, points, maxUnits, sizes, stages, gasUsd, referenceUnits: costs.referenceUnits };
}

/** The venue cost model: `venueCostTable` read by `venueCostTableModel`. */
export function venueCostModel(params: VenueCostModelParameters): CostModel {
  return venueCostTableModel(venueCostTable(params));
}
