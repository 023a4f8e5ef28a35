import {
  type HedgeIntent,
  hedgeIntentTypedData,
  poolMidPrice,
  type RoutePlan,
  type SelectRouteContext,
  selectRoute,
} from '@hedge-router/router';
import type { World } from '@hedge-router/simulations';
import {
  quoteVenues,
  readV3PoolState,
  type TrackOutcome,
  type V3PoolRef,
  type Venue,
  type VenueLeg,
  venueOfCandidate,
} from '@hedge-router/solvers';
import { hashTypedData, parseGwei } from 'viem';

/** The world's main-chain pools as venue pool refs. */
export function poolRefs(world: World): V3PoolRef[] {
  return world.descriptor.chains.main.pools.map((p) => ({
    address: p.address,
    fee: p.fee,
    token0: p.token0,
    token1: p.token1,
  }));
}

let nonce = 0n;
/** A hedge intent of the world's vault selling WETH for USDC, limit `limitBps` below the mid. */
export function wethSellIntent(
  world: World,
  sellAmount: bigint,
  options: { deadlineSeconds?: number; limitBps?: number } = {},
) {
  const { tokens } = world.descriptor.chains.main;
  const midUsdRawPerWeth = BigInt(Math.round(world.descriptor.wethPriceUsd * 1e6));
  const arrivalMidBuyAmount = (sellAmount * midUsdRawPerWeth) / 10n ** 18n;
  const intent: HedgeIntent = {
    vault: world.accounts.vault.address,
    sellToken: tokens.weth.address,
    buyToken: tokens.usd.address,
    sellAmount,
    minBuyAmount: (arrivalMidBuyAmount * BigInt(10_000 - (options.limitBps ?? 300))) / 10_000n,
    deadline: Math.floor(Date.now() / 1000) + (options.deadlineSeconds ?? 120),
    nonce: nonce++,
    partialFill: false,
  };
  const intentHash = hashTypedData(
    hedgeIntentTypedData({ intent, chainId: world.descriptor.chains.main.chainId }),
  );
  return { intent, intentHash, arrivalMidBuyAmount };
}

/** The router's cost context on the world's main pool, for a WETH→USDC intent. */
export async function costContext(world: World): Promise<SelectRouteContext> {
  const pool = world.descriptor.chains.main.pools[0];
  if (!pool) throw new Error('no pool');
  const state = await readV3PoolState(world.chains.main.clients.public, pool.address, { wordRadius: 4 });
  const token1PerToken0 = poolMidPrice({ kind: 'uniswap-v3', state });
  const wethIsToken0 = pool.token0 === world.descriptor.chains.main.tokens.weth.address;
  const usdRawPerWethRaw = wethIsToken0 ? token1PerToken0 : 1 / token1PerToken0;
  return {
    midPrice: usdRawPerWethRaw,
    riskAversionPerBuyUnit: 1e-6 / 1e6, // 1e-6 per USD
    annualVolatility: 0.6,
    gasPriceWei: parseGwei('2'),
    nativePriceInBuyPerWei: usdRawPerWethRaw,
    fallbackDelaySeconds: 24,
    nowSeconds: Math.floor(Date.now() / 1000),
  };
}

/** Quotes every venue, selects, and returns the plan (throws NO_ROUTE as the router does). */
export async function plan(
  world: World,
  venues: Venue[],
  request: ReturnType<typeof wethSellIntent>,
): Promise<RoutePlan> {
  const { candidates } = await quoteVenues(venues, { ...request, nowSeconds: Math.floor(Date.now() / 1000) });
  return selectRoute(await costContext(world), { intent: request.intent, candidates });
}

/** Submits and tracks every leg of a plan through its venue; returns the outcomes in leg order. */
export async function execute(
  venues: Venue[],
  request: ReturnType<typeof wethSellIntent>,
  routePlan: RoutePlan,
  onSubmitted?: (txHash: `0x${string}`) => Promise<void>,
): Promise<TrackOutcome[]> {
  const outcomes: TrackOutcome[] = [];
  for (const [legIndex, leg] of routePlan.legs.entries()) {
    const venue = venueOfCandidate(venues, leg.candidateId);
    const venueLeg: VenueLeg = {
      intent: request.intent,
      intentHash: request.intentHash,
      legIndex,
      leg,
      arrivalMidBuyAmount: (request.arrivalMidBuyAmount * leg.sellAmount) / request.intent.sellAmount,
    };
    const submission = await venue.submit(venueLeg);
    await onSubmitted?.(submission.txHash);
    outcomes.push(await venue.track(submission, venueLeg));
  }
  return outcomes;
}

/**
 * Mines a block every `ms` while `work` runs. The work starts only once the interval is set, so
 * its promise always has a handler: a rejection while the mode is being switched would otherwise
 * be an unhandled rejection, failing the test whichever RPC answered first.
 */
export async function withBlocks<T>(world: World, work: () => Promise<T>, ms = 100): Promise<T> {
  await world.chains.main.blocks.setMode({ mode: 'manual', intervalMs: ms });
  try {
    return await work();
  } finally {
    await world.chains.main.blocks.setMode({ mode: 'manual' });
  }
}
