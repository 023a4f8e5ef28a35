import type { Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from 'viem';
import { createPublicClient, createWalletClient, defineChain, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Deployment } from '../config/deployment.js';
import type { Config } from '../config/loadConfig.js';
import { withBlockCache } from './blockCachedClient.js';
import { createNodeHttpFetch } from './nodeHttpFetch.js';

export type KnownToken = { address: Address; symbol: string; decimals: number };

export type ChainContext = {
  chainId: number;
  rpcUrl: string;
  client: PublicClient;
  operator: WalletClient<Transport, Chain, Account>;
  executor: Address;
  tokens: { weth: KnownToken; usd: KnownToken };
  pools: Deployment['chains']['main']['pools'];
};

/** viem clients and the deployment's addresses for the chain the service routes on. */
export function createChainContext(config: Config, deployment: Deployment): ChainContext {
  const main = deployment.chains.main;
  const operatorKey =
    (config.OPERATOR_PRIVATE_KEY as Hex | undefined) ?? deployment.accounts?.executor?.privateKey;
  if (!operatorKey)
    throw new Error('OPERATOR_PRIVATE_KEY: required (the deployment file has no executor key)');
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
      { headMaxAgeMs: config.CHAIN_HEAD_MAX_AGE_MS },
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

/** The known token at `address`, or undefined. */
export function knownToken(chain: ChainContext, address: string): KnownToken | undefined {
  const lower = address.toLowerCase();
  return [chain.tokens.weth, chain.tokens.usd].find((t) => t.address.toLowerCase() === lower);
}
