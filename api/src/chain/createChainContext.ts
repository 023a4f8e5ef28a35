import type { EngineChain } from '@hedge-router/solvers';
import type { Chain, Hex, PublicClient } from 'viem';
import { createPublicClient, createWalletClient, defineChain, http, webSocket } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Deployment } from '../config/deployment.js';
import { type Config, ConfigError } from '../config/loadConfig.js';
import { type BlockCacheOptions, withBlockCache } from './blockCachedClient.js';
import { createNodeHttpFetch } from './nodeHttpFetch.js';

/** The engine's chain, as the service builds it from its config and deployment file. */
export type ChainContext = EngineChain;

/**
 * viem clients and the deployment's addresses for the chain the service routes on. With
 * `followHeads` and CHAIN_WS_URL set, the head comes from a newHeads subscription on that URL
 * instead of a read per request (the quote workers: a thread's sockets end with it).
 */
export function createChainContext(
  config: Config,
  deployment: Deployment,
  options: { followHeads?: boolean } = {},
): ChainContext {
  const main = deployment.chains.main;
  const operatorKey =
    (config.OPERATOR_PRIVATE_KEY as Hex | undefined) ?? deployment.accounts?.executor?.privateKey;
  if (!operatorKey)
    throw new ConfigError('required (the deployment file has no executor key)', {
      field: 'OPERATOR_PRIVATE_KEY',
    });
  const chain = defineChain({
    id: main.chainId,
    name: `chain-${main.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [main.rpcUrl] } },
  });
  // node's HTTP client under viem (see nodeHttpFetch): the head is read for every quote.
  const transport = http(main.rpcUrl, { timeout: 10_000, retryCount: 1, fetchFn: createNodeHttpFetch() });
  return {
    chainId: main.chainId,
    rpcUrl: main.rpcUrl,
    // Reads at a fixed block are cached per block (pool states for quotes); see withBlockCache.
    client: withBlockCache(
      createPublicClient({ chain, transport, cacheTime: 0, pollingInterval: 100 }) as PublicClient,
      {
        headMaxAgeMs: config.CHAIN_HEAD_MAX_AGE_MS,
        ...(options.followHeads && config.CHAIN_WS_URL
          ? {
              watchHeads: headWatcher(chain, config.CHAIN_WS_URL),
              // A subscription silent for three blocks (30 s at least) is no longer trusted alone.
              headSilenceMs: Math.max(30_000, 3_000 * config.BLOCK_TIME_SECONDS),
            }
          : {}),
      },
    ),
    operator: createWalletClient({
      chain,
      transport,
      account: privateKeyToAccount(operatorKey),
      cacheTime: 0,
    }),
    executor: main.executor.address,
    tokens: main.tokens,
    pools: main.pools,
  };
}

/** New heads pushed over a WebSocket (viem reconnects and subscribes again after a drop). */
function headWatcher(chain: Chain, wsUrl: string): NonNullable<BlockCacheOptions['watchHeads']> {
  return (onHead, onLost) => {
    const client = createPublicClient({ chain, transport: webSocket(wsUrl, { timeout: 10_000 }) });
    return client.watchBlocks({ onBlock: onHead, onError: onLost, emitMissed: false });
  };
}
