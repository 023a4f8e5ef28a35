import {
  type BridgeTerms,
  createVenue,
  type V3PoolRef,
  type Venue,
  type VenueEnv,
} from '@hedge-router/solvers';
import { privateKeyToAccount } from 'viem/accounts';
import type { World } from '../world/startWorld.js';
import { BLOCK_SECONDS } from './executeHedge.js';

/**
 * What a strategy's venues are built from: the world and the local services the benchmark
 * started for this strategy's run (the relay always; the orderbook and the bridge when the
 * strategy asks for them).
 */
export type StrategyEnv = {
  world: World;
  relayUrl: string;
  inclusionProbability: number;
  /** The local CoW orderbook's URL, when the strategy `needs.orderbook`. */
  orderbookUrl?: string;
  /** True when the local intent bridge's relayer runs (the strategy `needs.bridge` and the world has one). */
  bridgeRunning?: boolean;
  /** The main chain's clock, unix seconds (deadlines are chain time). Default the wall clock. */
  nowSeconds?: () => number;
};

/**
 * A routing strategy: the venues the router may choose from for every hedge. A single-venue
 * strategy is "always that venue". `venues` returns undefined (with `unavailable` saying why)
 * for a venue the world cannot offer, so the list can name it and the report says so.
 */
export type ExecutionStrategy = {
  name: string;
  description: string;
  /** Local services the benchmark starts for this strategy's run. */
  needs?: { orderbook?: boolean; bridge?: boolean };
  venues: (env: StrategyEnv) => Venue[] | undefined;
  unavailable?: string;
};

/**
 * The bridge's terms as the cross-chain venue quotes them: an Across-like relayer fee per leg
 * and a few seconds per direction on a real network. The local relayer fills after
 * BRIDGE_LATENCY_MS of wall clock; the benchmark counts the terms' seconds as the time to fill.
 */
export const BENCH_BRIDGE_TERMS: BridgeTerms = {
  feeBps: 4,
  outboundSeconds: 6,
  returnSeconds: 6,
  fillWindowSeconds: 60,
};
export const BRIDGE_LATENCY_MS = 100;

/** Seconds between batch auctions as the venue quotes them: one auction per 12 s block. */
export const AUCTION_INTERVAL_SECONDS = 12;

/** The world's main chain as every venue is wired to it (the remote chain and bridge when running). */
export function venueEnv(env: Pick<StrategyEnv, 'world' | 'bridgeRunning' | 'nowSeconds'>): VenueEnv {
  const { main, remote } = env.world.chains;
  const d = main.descriptor;
  const bridged = env.bridgeRunning === true && !ZERO.test(d.bridge.spokePool);
  return {
    chainId: d.chainId,
    rpcUrl: d.rpcUrl,
    client: main.clients.public,
    operator: main.clients.wallet(privateKeyToAccount(env.world.accounts.executor.privateKey)),
    executor: d.executor.address,
    wrappedNative: d.tokens.weth.address,
    pools: poolRefs(env.world, 'main'),
    blockTimeSeconds: BLOCK_SECONDS,
    pollIntervalMs: 20,
    relayAuthKey: env.world.accounts.relayer.privateKey,
    ...(d.cow ? { cowSettlement: d.cow.settlement } : {}),
    ...(bridged
      ? {
          bridge: {
            originSpokePool: d.bridge.spokePool,
            destination: {
              chainId: remote.descriptor.chainId,
              client: remote.clients.public,
              executor: remote.descriptor.executor.address,
              spokePool: remote.descriptor.bridge.spokePool,
              pools: poolRefs(env.world, 'remote'),
            },
            tokenRoutes: (['weth', 'usd'] as const).map((t) => ({
              origin: d.tokens[t].address,
              destination: remote.descriptor.tokens[t].address,
            })),
          },
        }
      : {}),
    ...(env.nowSeconds ? { nowSeconds: env.nowSeconds } : {}),
  };
}

function poolRefs(world: World, chain: 'main' | 'remote'): V3PoolRef[] {
  return world.chains[chain].descriptor.pools.map((p) => ({
    address: p.address,
    fee: p.fee,
    token0: p.token0,
    token1: p.token1,
  }));
}

const ZERO = /^0x0{40}$/;

const naivePublic = (env: StrategyEnv) =>
  createVenue('public-amm', { name: 'public-naive', slippage: { mode: 'naive', bps: 50 } }, venueEnv(env));
const protectedPublic = (env: StrategyEnv) =>
  createVenue('public-amm', { slippage: { mode: 'protected' } }, venueEnv(env));
const bundle = (env: StrategyEnv) =>
  createVenue(
    'private-bundle',
    { relayUrl: env.relayUrl, inclusionProbability: env.inclusionProbability },
    venueEnv(env),
  );

/** The CoW venue on the local orderbook; undefined when the world has no settlement or no book runs. */
function batchAuction(env: StrategyEnv): Venue | undefined {
  if (!env.world.descriptor.chains.main.cow || !env.orderbookUrl) return undefined;
  return createVenue(
    'batch-auction',
    { orderbookUrl: env.orderbookUrl, auctionIntervalSeconds: AUCTION_INTERVAL_SECONDS },
    venueEnv(env),
  );
}

/** Main → remote over the local intent bridge; undefined when the world has no bridge or it is not running. */
function crossChain(env: StrategyEnv): Venue | undefined {
  const wired = venueEnv(env);
  return wired.bridge ? createVenue('cross-chain', { bridge: BENCH_BRIDGE_TERMS }, wired) : undefined;
}

/** The strategies of the execution-quality benchmark (the list). */
export const executionStrategies: ExecutionStrategy[] = [
  {
    name: 'public-naive-50bps',
    description: 'always the public mempool with a 0.5% slippage bound (the common wallet default)',
    venues: (env) => [naivePublic(env)],
  },
  {
    name: 'private-bundle',
    description: 'always a private bundle through the Flashbots-compatible relay',
    venues: (env) => [bundle(env)],
  },
  {
    name: 'batch-auction',
    description: 'always the CoW batch auction (local orderbook and solver, one auction per block)',
    needs: { orderbook: true },
    venues: (env) => {
      const venue = batchAuction(env);
      return venue ? [venue] : undefined;
    },
    unavailable: 'the world has no CoW settlement',
  },
  {
    name: 'public-protected',
    description:
      'always the public mempool with the protected bound (the break-even slippage bound where it leaves room, else the limit with its leakage priced)',
    venues: (env) => [protectedPublic(env)],
  },
  {
    name: 'cross-chain',
    description:
      "always the cross-chain venue: bridged to the remote chain's pool over the local intent bridge and back",
    needs: { bridge: true },
    venues: (env) => {
      const venue = crossChain(env);
      return venue ? [venue] : undefined;
    },
    unavailable: 'the world has no bridge',
  },
  {
    name: 'router-main-chain',
    description:
      "the router's choice over the main chain's venues only (protected public, bundle, batch auction): what the router adds without the remote pool",
    needs: { orderbook: true },
    venues: (env) =>
      [protectedPublic(env), bundle(env), batchAuction(env)].filter((v): v is Venue => v !== undefined),
  },
  {
    name: 'router',
    description:
      "the router's choice per hedge over every venue the world has (protected public, bundle, batch auction, cross-chain to the remote pool), splits allowed",
    needs: { orderbook: true, bridge: true },
    venues: (env) =>
      [protectedPublic(env), bundle(env), batchAuction(env), crossChain(env)].filter(
        (v): v is Venue => v !== undefined,
      ),
  },
];
