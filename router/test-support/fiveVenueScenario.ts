// A realistic five-venue decision (WETH → USDC, 2,000 USDC per WETH), shared by the tests and
// the route-decision benchmark. Not part of the public API.
import type { AmmPool } from '../src/amm/pool.js';
import { timingFromAttempts } from '../src/cost/timingFromAttempts.js';
import type { HedgeIntent } from '../src/intent/hedgeIntentSchema.js';
import { ammRouteCandidate } from '../src/route/ammRouteCandidate.js';
import { fixedRateRouteCandidate } from '../src/route/fixedRateRouteCandidate.js';
import type { SelectRouteContext } from '../src/route/selectRoute.js';
import type { RouteCandidate } from '../src/route/types.js';
import { makeRandomV3Pool } from './makeRandomV3Pool.js';

const e18 = 10n ** 18n;
const usdc = 10n ** 6n;
export const WETH = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2' as const;
export const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' as const;
/** 2,000 USDC per WETH in base units: 2000e6 / 1e18. */
export const MID_PRICE = 2e-9;

export function scenarioContext(overrides: Partial<SelectRouteContext> = {}): SelectRouteContext {
  return {
    midPrice: MID_PRICE,
    riskAversionPerBuyUnit: 1e-9, // 1e-3 per USD
    annualVolatility: 0.6,
    gasPriceWei: 20_000_000_000n, // 20 gwei
    nativePriceInBuyPerWei: MID_PRICE, // ETH at 2,000 USDC
    fallbackDelaySeconds: 60,
    nowSeconds: 1_790_000_000,
    ...overrides,
  };
}

export function scenarioIntent(sellWeth: bigint, limitUsdcPerWeth = 1_980n): HedgeIntent {
  return {
    vault: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    sellToken: WETH,
    buyToken: USDC,
    sellAmount: sellWeth * e18,
    minBuyAmount: sellWeth * limitUsdcPerWeth * usdc,
    deadline: 1_790_000_300,
    nonce: 1n,
    partialFill: false,
  };
}

/** USDC(token0)/WETH(token1) 0.05 % V3 pool near 2,000 USDC per WETH (tick ≈ 200,311), ~5.5M USDC in range. */
export function scenarioV3Pool(seed = 11): AmmPool {
  return {
    kind: 'uniswap-v3',
    state: makeRandomV3Pool({
      seed,
      positions: 120,
      fee: 500,
      tickSpacing: 10,
      centerTick: 200_311,
      widthTicks: 4000,
      maxLiquidity: 4n * 10n ** 16n,
      fullRangeLiquidity: 2n * 10n ** 16n,
    }),
  };
}

/** USDC(token0)/WETH(token1) constant-product pair: 2,000 WETH / 4,000,000 USDC, 0.3 %. */
export function scenarioV2Pool(): AmmPool {
  return { kind: 'uniswap-v2', state: { reserve0: 4_000_000n * usdc, reserve1: 2_000n * e18, fee: 3000 } };
}

const block = { attemptIntervalSeconds: 12 };

/** Five venues: public V3, protected V3 (private RPC), a bundle on V3, public V2, a CoW-style batch auction. */
export function fiveVenueCandidates({
  v3 = scenarioV3Pool(),
  v2 = scenarioV2Pool(),
}: {
  v3?: AmmPool;
  v2?: AmmPool;
} = {}): RouteCandidate[] {
  const searcher = { attackProbability: 0.8, searcherCost: 5n * 10n ** 15n, minToleranceBps: 5 }; // 250k gas at 20 gwei
  return [
    ammRouteCandidate({
      id: 'public-amm:v3-usdc-weth-500',
      liquiditySource: 'v3-usdc-weth-500',
      pool: v3,
      zeroForOne: false,
      mempool: 'public',
      gasUnits: 127_000n,
      gasUnitsPerTickCrossed: 20_000n,
      timing: timingFromAttempts({ latencySeconds: 0, ...block, inclusionProbability: 0.95, maxAttempts: 3 }),
      ...searcher,
    }),
    ammRouteCandidate({
      id: 'protected-amm:v3-usdc-weth-500',
      liquiditySource: 'v3-usdc-weth-500',
      pool: v3,
      zeroForOne: false,
      mempool: 'private',
      gasUnits: 127_000n,
      gasUnitsPerTickCrossed: 20_000n,
      // Flashbots Protect: retries 25 blocks; ~10 % of blocks are not built by MEV-Boost builders.
      timing: timingFromAttempts({ latencySeconds: 0, ...block, inclusionProbability: 0.9, maxAttempts: 25 }),
    }),
    ammRouteCandidate({
      id: 'private-bundle:v3-usdc-weth-500',
      venue: 'private-bundle',
      liquiditySource: 'v3-usdc-weth-500',
      pool: v3,
      zeroForOne: false,
      mempool: 'private',
      gasUnits: 127_000n,
      gasUnitsPerTickCrossed: 20_000n,
      tipInBuy: 2n * usdc,
      timing: timingFromAttempts({ latencySeconds: 0, ...block, inclusionProbability: 0.9, maxAttempts: 3 }),
    }),
    ammRouteCandidate({
      id: 'public-amm:v2-usdc-weth',
      liquiditySource: 'v2-usdc-weth',
      pool: v2,
      zeroForOne: false,
      mempool: 'public',
      gasUnits: 110_000n,
      timing: timingFromAttempts({ latencySeconds: 0, ...block, inclusionProbability: 0.95, maxAttempts: 3 }),
      ...searcher,
    }),
    fixedRateRouteCandidate({
      id: 'batch-auction:cow',
      venue: 'batch-auction',
      liquiditySource: 'cow-batch',
      rate: MID_PRICE,
      feeBps: 2, // CoW protocol volume fee
      fixedFeeInBuy: 5n * usdc, // settlement gas (~125k at 20 gwei) charged in the sell token
      impactBpsAtMax: 30,
      maxSellAmount: 200n * e18,
      timing: timingFromAttempts({
        latencySeconds: 15,
        attemptIntervalSeconds: 30,
        inclusionProbability: 0.85,
        maxAttempts: 4,
      }),
    }),
  ];
}
