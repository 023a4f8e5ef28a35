import { type RoutePlan, selectRoute } from '@hedge-router/router';
import type { World } from '@hedge-router/simulations';
import {
  type BridgeTerms,
  createCrossChainVenue,
  quoteVenues,
  type V3PoolRef,
  type Venue,
} from '@hedge-router/solvers';
import { privateKeyToAccount } from 'viem/accounts';
import { costContext, type wethSellIntent } from './venuesFixture.js';

/** The bridge's terms as the venue quotes them: Across-like fees and fill times on a real network. */
export const DEFAULT_BRIDGE_TERMS: BridgeTerms = {
  feeBps: 4,
  outboundSeconds: 6,
  returnSeconds: 6,
  fillWindowSeconds: 60,
};

/** The world's remote-chain pools as venue pool refs. */
export function remotePoolRefs(world: World): V3PoolRef[] {
  return world.descriptor.chains.remote.pools.map((p) => ({
    address: p.address,
    fee: p.fee,
    token0: p.token0,
    token1: p.token1,
  }));
}

/** A cross-chain venue from the world's main chain to its remote chain over the local intent bridge. */
export function crossChainVenue(world: World, terms: Partial<BridgeTerms> = {}): Venue {
  const { main, remote } = world.chains;
  return createCrossChainVenue({
    origin: {
      chainId: main.descriptor.chainId,
      client: main.clients.public,
      operator: main.clients.wallet(privateKeyToAccount(world.accounts.executor.privateKey)),
      executor: main.descriptor.executor.address,
      spokePool: main.descriptor.bridge.spokePool,
    },
    destination: {
      chainId: remote.descriptor.chainId,
      client: remote.clients.public,
      executor: remote.descriptor.executor.address,
      spokePool: remote.descriptor.bridge.spokePool,
      pools: remotePoolRefs(world),
    },
    tokenRoutes: (['weth', 'usd'] as const).map((t) => ({
      origin: main.descriptor.tokens[t].address,
      destination: remote.descriptor.tokens[t].address,
    })),
    bridge: { ...DEFAULT_BRIDGE_TERMS, ...terms },
    pollIntervalMs: 20,
  });
}

/**
 * Quotes every venue and selects, as `plan` in venuesFixture does, with a per-venue timeout
 * long enough for a loaded CI machine (two chains are read); a venue that fails is an error here
 * rather than a silently missing candidate.
 */
export async function planAll(
  world: World,
  venues: Venue[],
  request: ReturnType<typeof wethSellIntent>,
): Promise<RoutePlan> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const { candidates, failures } = await quoteVenues(
    venues,
    { ...request, nowSeconds },
    { perVenueTimeoutMs: 30_000 },
  );
  if (failures.length > 0) throw new Error(`venues failed to quote: ${JSON.stringify(failures)}`);
  return selectRoute(await costContext(world), { intent: request.intent, candidates });
}
