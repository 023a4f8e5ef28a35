import {
  type AmmPool,
  ammRouteCandidate,
  type CostContext,
  costAt,
  HedgeRouterError,
  optimalSandwich,
  type RouteQuote,
} from '@hedge-router/router';
import type { CostModel } from './costModel.js';
import type { Scenario } from './scenarioSchema.js';

type VenueCosts = Extract<Scenario['costs'], { model: 'venue' }>;

export type VenueCostModelParameters = {
  costs: VenueCosts;
  /** Reference spot the table is built at, USD per unit. */
  spot: number;
  /** Annualised vol for the delay-risk stage. */
  vol: number;
  /** Table points (default 64). */
  points?: number;
};

const E18 = 1e18;
const E6 = 1e6;
// Searcher gas per leg (SwapRouter ≈ 127k, with margin): its cost decides whether an attack pays.
const SEARCHER_GAS_PER_LEG = 140_000;
const STAGES = 5;

/**
 * The router's cost model as a cost-per-size function. A constant-product pool (poolDepthUsd of
 * USD against the same value of the underlying at `spot`, token0 = the underlying) is priced
 * with the router's `ammRouteCandidate` + `costAt` at a grid of sizes up to 25% of the pool's
 * underlying: exact impact and LP fee, gas, the expected sandwich loss (the protected
 * break-even bound, or the loss a naive `slippageBps` bound allows, from `optimalSandwich`),
 * and the delay risk. The grid is quadratic in size (dense where hedges are small) and read by
 * linear interpolation; beyond its end the last segment is extended.
 *
 * Approximations, stated: the pool is assumed re-centred at the spot every step (an arbitrageur
 * keeps it at the reference price) with its depth fixed in units of the underlying, so every
 * stage scales with spot/refSpot (gas is paid in the underlying, impact and fees are
 * proportional to notional; delay risk would scale with spot² and is scaled linearly); buys
 * cost what sells of the same size cost (a constant-product pool is symmetric to first order).
 */
export function venueCostModel({
  costs,
  spot: refSpot,
  vol,
  points = 64,
}: VenueCostModelParameters): CostModel {
  const reserveUnits = costs.poolDepthUsd / refSpot;
  const pool: AmmPool = {
    kind: 'uniswap-v2',
    state: {
      reserve0: BigInt(Math.round(reserveUnits * 1e6)) * 10n ** 12n,
      reserve1: BigInt(Math.round(costs.poolDepthUsd * E6)),
      fee: Math.round(costs.feeBps * 100),
    },
  };
  const midPrice = (refSpot * E6) / E18; // USD base units per wei of the underlying
  const gasPriceWei = BigInt(Math.round(costs.gasPriceGwei * 1e9));
  const ctx: CostContext = {
    midPrice,
    riskAversionPerBuyUnit: costs.riskAversionPerUsd / E6,
    annualVolatility: vol,
    gasPriceWei,
    nativePriceInBuyPerWei: midPrice,
    fallbackDelaySeconds: costs.expectedSecondsToFill,
  };
  const naive = costs.mempool === 'public' && costs.slippageBps !== undefined;
  const searcherCost = BigInt(2 * SEARCHER_GAS_PER_LEG) * gasPriceWei;
  const candidate = ammRouteCandidate({
    id: 'backtest-pool',
    liquiditySource: 'backtest-pool',
    pool,
    zeroForOne: true,
    // A naive public swap is priced as private (bound = its limit), then charged its sandwich below.
    mempool: costs.mempool === 'public' && !naive ? 'public' : 'private',
    gasUnits: BigInt(Math.round(costs.gasUnits)),
    timing: {
      expectedSecondsToFill: costs.expectedSecondsToFill,
      fillProbability: 1,
      secondsLostOnNonFill: costs.expectedSecondsToFill,
    },
    attackProbability: costs.attackProbability,
    searcherCost,
  });

  // stages[k*STAGES + s]: USD at refSpot for size sizes[k]; gas is a fixed part (charged on any trade).
  const maxUnits = reserveUnits * 0.25;
  const sizes = new Float64Array(points + 1);
  const stages = new Float64Array((points + 1) * STAGES);
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
      intentMinBuyAmount: BigInt(Math.floor(Number(sellAmount) * midPrice * 0.5)),
    });
    if (priced.quote === undefined)
      throw new HedgeRouterError('NO_ROUTE', {
        shortMessage: `venue cost model: no quote at ${units} units (${priced.reason})`,
        details: { units, reason: priced.reason },
      });
    const c = priced.cost;
    let mevUsd = Number(c.mevLeakage.amount) / E6;
    if (naive)
      mevUsd = naiveLeakageUsd(pool, priced.quote, costs.slippageBps!, costs.attackProbability, searcherCost);
    const at = k * STAGES;
    stages[at] = Number(c.priceImpact.amount) / E6;
    stages[at + 1] = Number(c.fees.amount) / E6;
    stages[at + 2] = 0; // gas is the fixed part
    stages[at + 3] = mevUsd;
    stages[at + 4] = (Number(c.delayRisk.amount) + Number(c.fillRisk.amount)) / E6;
    gasUsd = Number(c.gas.amount) / E6;
  }
  const scaleIndex = points / Math.sqrt(maxUnits);
  // Interpolation weight into `w` (module-level scratch: the model is single-threaded per worker).
  const locate = (units: number): number => {
    const x = Math.sqrt(units) * scaleIndex;
    const k = x >= points ? points - 1 : Math.floor(x);
    return k;
  };
  const stageAt = (k: number, s: number, units: number): number => {
    const x0 = sizes[k]!;
    const x1 = sizes[k + 1]!;
    const y0 = stages[k * STAGES + s]!;
    const y1 = stages[(k + 1) * STAGES + s]!;
    return y0 + ((y1 - y0) * (units - x0)) / (x1 - x0);
  };
  const costUsd = (trade: number, spot: number): number => {
    const units = trade < 0 ? -trade : trade;
    if (units === 0) return 0;
    const k = locate(units);
    let usd = gasUsd;
    for (let s = 0; s < STAGES; s++) usd += stageAt(k, s, units);
    return (usd * spot) / refSpot;
  };
  return {
    kind: 'venue',
    oneWay: Number.NaN,
    costUsd,
    addStages(trade, spot, sums) {
      const units = trade < 0 ? -trade : trade;
      if (units === 0) return;
      const k = locate(units);
      const scale = spot / refSpot;
      for (let s = 0; s < STAGES; s++) sums[s]! += stageAt(k, s, units) * scale;
      sums[2]! += gasUsd * scale;
    },
    costPerUnit: (spot) => costUsd(costs.referenceUnits, spot) / costs.referenceUnits,
  };
}

/** Expected sandwich loss of a public swap with a fixed bound `slippageBps` below its quote, USD. */
function naiveLeakageUsd(
  pool: AmmPool,
  quote: RouteQuote,
  slippageBps: number,
  attackProbability: number,
  searcherCost: bigint,
): number {
  const bound = (quote.expectedBuyAmount * BigInt(Math.round(10_000 - slippageBps))) / 10_000n;
  const s = optimalSandwich({
    pool,
    zeroForOne: true,
    victimAmountIn: quote.sellAmount,
    victimMinAmountOut: bound,
    searcherCost,
  });
  return s.profitable ? (attackProbability * Number(s.victimLoss)) / E6 : 0;
}
