// @flashbots/ethers-provider-bundle 1.0.0 is CommonJS and pinned to ethers 6.7.1, which npm
// nests under solvers/node_modules (the root's ethers is v5, for @cowprotocol/contracts).
// Importing either from ESM makes TypeScript mix the two ethers copies (TS2345 on #private),
// so both are loaded here through createRequire from this workspace, with types taken in
// require mode. Everything that touches the Flashbots client goes through this module.
import { createRequire } from 'node:module';
import { HedgeRouterError } from '@hedge-router/router';

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
  /**
   * Bound on one relay request, ms (default 5000; ethers' own default is 300 000). Set on the
   * relay's FetchRequest; ethers 6.7.1 does not abort a node request that outlives it, so every
   * relay call must also go through `relayCall`, which enforces it.
   */
  relayTimeoutMs?: number;
};

export const DEFAULT_RELAY_TIMEOUT_MS = 5_000;

export type FlashbotsClient = {
  provider: EthersJsonRpcProvider;
  authSigner: EthersWallet;
  bundles: FlashbotsBundleProvider;
  /** The relay's URL and the bound on one relay request (for relayCall). */
  relayUrl: string;
  relayTimeoutMs: number;
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
  const relayTimeoutMs = params.relayTimeoutMs ?? DEFAULT_RELAY_TIMEOUT_MS;
  const relay = new ethers6.FetchRequest(params.relayUrl);
  relay.timeout = relayTimeoutMs;
  const bundles = await flashbots.FlashbotsBundleProvider.create(provider, authSigner, relay, params.chainId);
  return {
    provider,
    authSigner,
    bundles,
    relayUrl: params.relayUrl,
    relayTimeoutMs,
    destroy: () => provider.destroy(),
  };
}

/**
 * A relay request that failed: `timeout` (no answer within the bound: the relay may still have
 * acted on it), `refused` (a JSON-RPC error answer: it did not), or `failed` (an HTTP error, an
 * answer that is not JSON or not the expected shape, a network error). Its code: VENUE_REFUSED
 * when refused, UPSTREAM_FAILED otherwise.
 */
export class RelayError extends HedgeRouterError {
  override readonly name: string = 'RelayError';
  readonly kind: 'timeout' | 'refused' | 'failed';
  constructor(kind: RelayError['kind'], message: string, options: { cause?: unknown } = {}) {
    super(kind === 'refused' ? 'VENUE_REFUSED' : 'UPSTREAM_FAILED', {
      shortMessage: message,
      cause: options.cause,
    });
    this.kind = kind;
  }
}

/**
 * Runs one call of the Flashbots client against the relay with the client's timeout, and turns
 * every way it can go wrong into a RelayError naming the relay and the request: the client
 * returns the relay's JSON-RPC errors as `{ error }` objects and throws on HTTP errors and
 * unparsable answers. A call that outlives the timeout is abandoned (its late result ignored).
 */
export async function relayCall<T extends object>(
  fb: Pick<FlashbotsClient, 'relayUrl' | 'relayTimeoutMs'>,
  what: string,
  call: () => Promise<T | { error: { message: string; code: number } }>,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pending = call();
  pending.catch(() => undefined); // settles after the timeout: nobody waits for it any more
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new RelayError(
            'timeout',
            `relay ${fb.relayUrl} did not answer ${what} within ${fb.relayTimeoutMs} ms`,
          ),
        ),
      fb.relayTimeoutMs,
    );
  });
  let response: T | { error: { message: string; code: number } };
  try {
    response = await Promise.race([pending, timeout]);
  } catch (error) {
    if (error instanceof RelayError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new RelayError('failed', `relay ${fb.relayUrl} failed ${what}: ${message}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  if ('error' in response && response.error) {
    const { message, code } = response.error;
    throw new RelayError('refused', `relay ${fb.relayUrl} refused ${what}: ${message} (${code})`);
  }
  return response as T;
}
