import {
  type Account,
  type Chain,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  type PublicClient,
  type TestClient,
  type Transport,
  type WalletClient,
} from 'viem';

export type ChainClients = {
  chain: Chain;
  public: PublicClient;
  test: TestClient<'anvil'>;
  wallet: (account: Account) => WalletClient<Transport, Chain, Account>;
};

/** A viem chain for a local anvil at `rpcUrl`. */
export function localChain(chainId: number, name: string, rpcUrl: string): Chain {
  return defineChain({
    id: chainId,
    name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

/**
 * viem clients for one local chain. `cacheTime: 0` and a short polling interval because a
 * local chain moves in milliseconds and viem otherwise caches the block number for 4 s.
 */
export function createChainClients(chain: Chain, pollingIntervalMs = 50): ChainClients {
  const transport = http(chain.rpcUrls.default.http[0], { batch: false, retryCount: 0 });
  const options = { chain, transport, cacheTime: 0, pollingInterval: pollingIntervalMs };
  return {
    chain,
    public: createPublicClient(options) as PublicClient,
    test: createTestClient({ ...options, mode: 'anvil' }),
    wallet: (account) => createWalletClient({ ...options, account }),
  };
}
