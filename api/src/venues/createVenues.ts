import { createVenue, type Venue, type VenueEnv, type VenueKind } from '@hedge-router/solvers';
import { createPublicClient, defineChain, type Hex, http, type PublicClient } from 'viem';
import type { ChainContext } from '../chain/createChainContext.js';
import type { Deployment } from '../config/deployment.js';
import { type Config, ConfigError } from '../config/loadConfig.js';

/**
 * The venues the service routes through: the public AMM (protected) always; bundles when a relay
 * is configured; the CoW batch auction when an orderbook URL is configured and the deployment
 * names CoW's settlement; the cross-chain venue when the deployment has a remote chain and the
 * bridge's spoke pools on both (and CROSS_CHAIN_ENABLED is not false).
 */
export function createVenues(config: Config, deployment: Deployment, chain: ChainContext): Venue[] {
  const remote = deployment.chains.remote;
  const originSpoke = deployment.chains.main.bridge?.spokePool;
  const cow = deployment.chains.main.cow;
  const relayAuthKey =
    (config.RELAY_AUTH_PRIVATE_KEY as Hex | undefined) ?? deployment.accounts?.relayer?.privateKey;
  const env: VenueEnv = {
    chainId: chain.chainId,
    rpcUrl: chain.rpcUrl,
    client: chain.client,
    operator: chain.operator,
    executor: chain.executor,
    wrappedNative: chain.tokens.weth.address,
    pools: chain.pools,
    blockTimeSeconds: config.BLOCK_TIME_SECONDS,
    ...(relayAuthKey ? { relayAuthKey } : {}),
    ...(cow ? { cowSettlement: cow.settlement } : {}),
    ...(remote?.bridge && originSpoke
      ? {
          bridge: {
            originSpokePool: originSpoke,
            destination: {
              chainId: remote.chainId,
              client: remoteClient(remote.chainId, remote.rpcUrl),
              executor: remote.executor.address,
              spokePool: remote.bridge.spokePool,
              pools: remote.pools,
            },
            tokenRoutes: (['weth', 'usd'] as const).map((t) => ({
              origin: chain.tokens[t].address,
              destination: remote.tokens[t].address,
            })),
          },
        }
      : {}),
  };
  // Each venue the config enables, with its terms: the one place the service wires venues.
  const enabled: [VenueKind, unknown][] = [['public-amm', { slippage: { mode: 'protected' } }]];
  if (config.RELAY_URL && relayAuthKey)
    enabled.push([
      'private-bundle',
      {
        relayUrl: config.RELAY_URL,
        inclusionProbability: config.BUNDLE_INCLUSION_PROBABILITY,
        relayTimeoutMs: config.RELAY_TIMEOUT_MS,
        maxRelayFailures: config.RELAY_MAX_FAILURES,
      },
    ]);
  if (config.COW_ORDERBOOK_URL) {
    if (!cow)
      throw new ConfigError('set, but the deployment file names no CoW settlement', {
        field: 'COW_ORDERBOOK_URL',
      });
    enabled.push([
      'batch-auction',
      {
        orderbookUrl: config.COW_ORDERBOOK_URL,
        auctionIntervalSeconds: config.COW_AUCTION_INTERVAL_SECONDS,
        annualVolatility: config.DEFAULT_ANNUAL_VOLATILITY,
      },
    ]);
  }
  if (config.CROSS_CHAIN_ENABLED && env.bridge)
    enabled.push([
      'cross-chain',
      {
        bridge: {
          feeBps: config.BRIDGE_FEE_BPS,
          outboundSeconds: config.BRIDGE_LEG_SECONDS,
          returnSeconds: config.BRIDGE_LEG_SECONDS,
          fillWindowSeconds: config.BRIDGE_FILL_WINDOW_SECONDS,
        },
      },
    ]);
  return enabled.map(([kind, venueConfig]) => createVenue(kind, venueConfig, env));
}

function remoteClient(chainId: number, rpcUrl: string): PublicClient {
  const chain = defineChain({
    id: chainId,
    name: `chain-${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  return createPublicClient({
    chain,
    transport: http(rpcUrl, { timeout: 10_000, retryCount: 1 }),
    cacheTime: 0,
    pollingInterval: 100,
  }) as PublicClient;
}
