import {
  HedgeRouterError,
  poolMidPrice,
  type SelectRouteContext,
  type V3PoolState,
} from '@hedge-router/router';
import { atHeadBlock, type HeadBlock, readV3Market } from '../venues/shared/v3Market.js';
import { FALLBACK_DELAY_SECONDS, PRIORITY_FEE_WEI } from './constants.js';
import type { EngineChain, EnginePricing } from './engineDeps.js';

export type MarketSnapshot = {
  blockNumber: bigint;
  /** Arrival mid: buy-token base units per sell-token base unit (from the deepest pool). */
  midPrice: number;
  /** USD per WETH at the mid. */
  wethPriceUsd: number;
  context: SelectRouteContext;
  /**
   * Every pool of the pair as read at `blockNumber` (recorded with the decision, so an audit can
   * re-quote the AMM venues at the state the router saw).
   */
  pools: {
    address: `0x${string}`;
    token0: `0x${string}`;
    token1: `0x${string}`;
    fee: number;
    state: V3PoolState;
  }[];
};

/**
 * The market an intent is priced in, read from the chain: the arrival mid from the pair's
 * deepest pool (highest active liquidity), the expected gas price (base fee + the priority
 * fee), and the vault's risk aversion and forecast vol converted to the buy token's base units.
 */
export async function marketSnapshot(
  chain: EngineChain,
  params: EnginePricing & { sellToken: string; buyToken: string; nowSeconds: number },
): Promise<MarketSnapshot> {
  // What depends on the block and the direction only, once per block for each (shared by every
  // quote at that block): the head, each pool's state at it (shared with the venues, whose quotes
  // simulate on these very states), the mid and the gas price.
  const sellIsWeth = params.sellToken.toLowerCase() === chain.tokens.weth.address.toLowerCase();
  const atBlock = await atHeadBlock(chain.client, `market:${sellIsWeth ? 'sell' : 'buy'}-weth`, (head) =>
    marketAtBlock(chain, sellIsWeth, head),
  );
  return {
    blockNumber: atBlock.blockNumber,
    midPrice: atBlock.midPrice,
    wethPriceUsd: atBlock.wethPriceUsd,
    context: {
      midPrice: atBlock.midPrice,
      riskAversionPerBuyUnit: params.riskAversionPerUsd * atBlock.usdPerBuyUnit,
      annualVolatility: params.annualVolatility,
      gasPriceWei: atBlock.gasPriceWei,
      nativePriceInBuyPerWei: atBlock.nativePriceInBuyPerWei,
      fallbackDelaySeconds: FALLBACK_DELAY_SECONDS,
      nowSeconds: params.nowSeconds,
    },
    pools: atBlock.pools,
  };
}

async function marketAtBlock(chain: EngineChain, sellIsWeth: boolean, head: HeadBlock) {
  const { weth, usd } = chain.tokens;
  const pools = chain.pools.filter(
    (p) =>
      [p.token0.toLowerCase(), p.token1.toLowerCase()].includes(weth.address.toLowerCase()) &&
      [p.token0.toLowerCase(), p.token1.toLowerCase()].includes(usd.address.toLowerCase()),
  );
  if (pools.length === 0)
    throw new HedgeRouterError('DEPLOYMENT_INCOMPLETE', {
      shortMessage: 'no pool for the pair',
      details: { weth: weth.address, usd: usd.address },
    });
  const market = await readV3Market(chain.client, pools, head);
  const states = market.states.map(({ ref, state }) => ({ p: ref, state }));
  const deepest = states.reduce((a, b) => (b.state.liquidity > a.state.liquidity ? b : a));
  const token1PerToken0 = poolMidPrice({ kind: 'uniswap-v3', state: deepest.state });
  const wethIsToken0 = deepest.p.token0.toLowerCase() === weth.address.toLowerCase();
  const usdRawPerWethRaw = wethIsToken0 ? token1PerToken0 : 1 / token1PerToken0;
  const wethPriceUsd = usdRawPerWethRaw * 10 ** (weth.decimals - usd.decimals);
  return {
    blockNumber: market.blockNumber,
    midPrice: sellIsWeth ? usdRawPerWethRaw : 1 / usdRawPerWethRaw,
    wethPriceUsd,
    // USD per buy-token base unit: λ per USD of variance becomes λ per buy unit by this factor.
    usdPerBuyUnit: sellIsWeth ? 10 ** -usd.decimals : wethPriceUsd / 10 ** weth.decimals,
    gasPriceWei: market.baseFeePerGas + PRIORITY_FEE_WEI,
    // buy units per wei: wei is WETH base units one for one
    nativePriceInBuyPerWei: sellIsWeth ? usdRawPerWethRaw : 1,
    pools: states.map(({ p, state }) => ({
      address: p.address,
      token0: p.token0,
      token1: p.token1,
      fee: p.fee,
      state,
    })),
  };
}
