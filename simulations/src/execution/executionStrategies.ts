import { createBundleVenue, createPublicAmmVenue, type V3PoolRef, type Venue } from '@hedge-router/solvers';
import { privateKeyToAccount } from 'viem/accounts';
import type { World } from '../world/startWorld.js';

/** What a strategy's venues are built from: the world and, when running, the local relay's URL. */
export type StrategyEnv = { world: World; relayUrl: string; inclusionProbability: number };

/**
 * A routing strategy: the venues the router may choose from for every hedge. A single-venue
 * strategy is "always that venue". `venues` returns undefined (with `unavailable` saying why)
 * for a venue this build does not have yet, so the list can name it and the report says so.
 */
export type ExecutionStrategy = {
  name: string;
  description: string;
  venues: (env: StrategyEnv) => Venue[] | undefined;
  unavailable?: string;
};

function common(world: World) {
  const main = world.chains.main;
  const d = main.descriptor;
  const pools: V3PoolRef[] = d.pools.map((p) => ({
    address: p.address,
    fee: p.fee,
    token0: p.token0,
    token1: p.token1,
  }));
  return {
    chainId: d.chainId,
    client: main.clients.public,
    operator: main.clients.wallet(privateKeyToAccount(world.accounts.executor.privateKey)),
    executor: d.executor.address,
    pools,
    blockTimeSeconds: 12,
    pollIntervalMs: 20,
  };
}

const naivePublic = (env: StrategyEnv) =>
  createPublicAmmVenue({
    ...common(env.world),
    name: 'public-naive',
    wrappedNative: env.world.descriptor.chains.main.tokens.weth.address,
    slippage: { mode: 'naive', bps: 50 },
  });
const protectedPublic = (env: StrategyEnv) =>
  createPublicAmmVenue({
    ...common(env.world),
    wrappedNative: env.world.descriptor.chains.main.tokens.weth.address,
    slippage: { mode: 'protected' },
  });
const bundle = (env: StrategyEnv) =>
  createBundleVenue({
    ...common(env.world),
    rpcUrl: env.world.descriptor.chains.main.rpcUrl,
    relayUrl: env.relayUrl,
    relayAuthKey: env.world.accounts.relayer.privateKey,
    inclusionProbability: env.inclusionProbability,
  });

/**
 * The strategies of the execution-quality benchmark. The batch auction (CoW) is listed but not
 * wired: its venue is being built in parallel; once `solvers` exports its factory, return it
 * from `venues` here and add it to the router's list.
 */
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
    description: 'always the CoW batch auction',
    venues: () => undefined,
    unavailable: 'the batch-auction venue is not exported by @hedge-router/solvers yet',
  },
  {
    name: 'router',
    description:
      "the router's choice over every available venue (protected public, bundle) per hedge, splits allowed",
    venues: (env) => [protectedPublic(env), bundle(env)],
  },
];
