// @flashbots/ethers-provider-bundle 1.0.0 is CommonJS and pinned to ethers 6.7.1, which npm
// nests under solvers/node_modules (the root's ethers is v5, for @cowprotocol/contracts).
// Importing either from ESM makes TypeScript mix the two ethers copies (TS2345 on #private),
// so both are loaded here through createRequire from this workspace, with types taken in
// require mode. Everything that touches the Flashbots client goes through this module.
import { createRequire } from 'node:module';

type FlashbotsModule = typeof import('@flashbots/ethers-provider-bundle', { with: {
  'resolution-mode': 'require',
}});
type EthersModule = typeof import('ethers', { with: { 'resolution-mode': 'require' }});

const require = createRequire(import.meta.url);

/** ethers 6.7.1, the copy the Flashbots client was built against. */
export const ethers6: EthersModule = require('ethers');
/** The real Flashbots client, `@flashbots/ethers-provider-bundle` 1.0.0. */
export const flashbots: FlashbotsModule = require('@flashbots/ethers-provider-bundle');

export type FlashbotsBundleProvider = InstanceType<FlashbotsModule['FlashbotsBundleProvider']>;
export type EthersJsonRpcProvider = InstanceType<EthersModule['JsonRpcProvider']>;
export type EthersWallet = InstanceType<EthersModule['Wallet']>;

export type CreateFlashbotsClientParameters = {
  /** The chain's JSON-RPC URL (nonces, blocks, receipts: the client's "generic provider"). */
  rpcUrl: string;
  chainId: number;
  /** The relay's URL (the local relay's `url`, or https://relay.flashbots.net). */
  relayUrl: string;
  /** Key that signs the X-Flashbots-Signature header (a reputation key, holds no funds). */
  authPrivateKey: string;
  /** How often the generic provider polls for blocks (ethers' default 4000 ms is too slow locally). */
  pollingIntervalMs?: number;
};

export type FlashbotsClient = {
  provider: EthersJsonRpcProvider;
  authSigner: EthersWallet;
  bundles: FlashbotsBundleProvider;
  /** Stops the generic provider's polling. */
  destroy: () => void;
};

/**
 * The real Flashbots client pointed at `relayUrl`, with an ethers 6.7.1 provider on a static
 * network (`Network.from(chainId)`, not `true`, which 6.7.1 mishandles) and a short polling
 * interval, so `wait()` sees local blocks promptly.
 */
export async function createFlashbotsClient(
  params: CreateFlashbotsClientParameters,
): Promise<FlashbotsClient> {
  const network = ethers6.Network.from(params.chainId);
  const provider = new ethers6.JsonRpcProvider(params.rpcUrl, network, { staticNetwork: network });
  provider.pollingInterval = params.pollingIntervalMs ?? 100;
  const authSigner = new ethers6.Wallet(params.authPrivateKey);
  const bundles = await flashbots.FlashbotsBundleProvider.create(
    provider,
    authSigner,
    params.relayUrl,
    params.chainId,
  );
  return { provider, authSigner, bundles, destroy: () => provider.destroy() };
}
