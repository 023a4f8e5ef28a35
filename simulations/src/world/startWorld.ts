import { HedgeRouterError } from '@hedge-router/router';
import { type Address, type Hex, parseAbi } from 'viem';
import { deriveBridgeAttester } from '../bridge/bridgeAttester.js';
import { deployIntentBridge } from '../bridge/deployIntentBridge.js';
import { type AccountName, DEVNET_MNEMONIC, deriveAccounts, type NamedAccount } from './accounts.js';
import { type AnvilProcess, spawnAnvil } from './anvil/spawnAnvil.js';
import { type BlockControl, type BlockMode, createBlockControl } from './blocks.js';
import { type ChainClients, createChainClients, localChain } from './chainClients.js';
import { type DeployedChain, deployChain } from './deploy/deployChain.js';
import {
  type ChainDescriptor,
  defaultDescriptorPath,
  type WorldDescriptor,
  writeWorldDescriptor,
} from './descriptor.js';
import { type ChainSpec, DEFAULT_WORLD_CONFIG, type WorldConfig } from './worldConfig.js';

export type StartWorldParameters = {
  config?: WorldConfig;
  mnemonic?: string;
  /** Where to write the descriptor JSON; `null` writes none. Default: defaultDescriptorPath(). */
  descriptorPath?: string | null;
  /** Block mode of every chain once booted (boot itself always automines). Default: auto. */
  blockMode?: BlockMode;
};

export type WorldChain = {
  descriptor: ChainDescriptor;
  clients: ChainClients;
  blocks: BlockControl;
  anvil: AnvilProcess;
};

export type WorldSnapshot = { readonly ids: Record<'main' | 'remote', Hex> };

export type World = {
  descriptor: WorldDescriptor;
  descriptorPath: string | null;
  accounts: Record<AccountName, NamedAccount>;
  chains: Record<'main' | 'remote', WorldChain>;
  /** Takes a snapshot of both chains. */
  snapshot: () => Promise<WorldSnapshot>;
  /** Reverts both chains to a snapshot (which is then used up, as anvil does). */
  revert: (snapshot: WorldSnapshot) => Promise<void>;
  /** Reverts both chains to their state right after boot, in milliseconds. */
  reset: () => Promise<void>;
  /** Ends both anvil processes and any block schedule. Idempotent. */
  stop: () => Promise<void>;
};

const ZERO_ADDRESS: Address = '0x0000000000000000000000000000000000000000';

const erc20MetaAbi = parseAbi([
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
]);

async function describeChain(
  spec: ChainSpec,
  accounts: Record<AccountName, NamedAccount>,
  anvil: AnvilProcess,
  clients: ChainClients,
  deployed: DeployedChain,
): Promise<Omit<ChainDescriptor, 'bridge'>> {
  const token = async (address: Address) => {
    const [symbol, decimals] = await Promise.all([
      clients.public.readContract({ address, abi: erc20MetaAbi, functionName: 'symbol' }),
      clients.public.readContract({ address, abi: erc20MetaAbi, functionName: 'decimals' }),
    ]);
    return { address, symbol, decimals };
  };
  return {
    name: spec.name,
    chainId: spec.chainId,
    rpcUrl: anvil.rpcUrl,
    tokens: { weth: await token(deployed.weth), usd: await token(deployed.usd) },
    uniswapV3: deployed.uniswapV3,
    executor: { address: deployed.hedgeExecutor, operator: accounts.executor.address },
    cow: deployed.cow,
    pools: deployed.pools,
  };
}

async function bootChain(
  spec: ChainSpec,
  mnemonic: string,
  accounts: Record<AccountName, NamedAccount>,
  wethPriceUsd: number,
): Promise<WorldChain> {
  const anvil = await spawnAnvil({ chainId: spec.chainId, mnemonic, accounts: Object.keys(accounts).length });
  try {
    const clients = createChainClients(localChain(spec.chainId, `hedge-router-${spec.name}`, anvil.rpcUrl));
    const deployed = await deployChain(clients, spec, accounts, wethPriceUsd);
    return {
      // The bridge is filled in by startWorld once both chains are up.
      descriptor: {
        ...(await describeChain(spec, accounts, anvil, clients, deployed)),
        bridge: { spokePool: ZERO_ADDRESS, attester: ZERO_ADDRESS },
      },
      clients,
      blocks: createBlockControl(clients.test),
      anvil,
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/**
 * Starts the deterministic local world: two anvil chains (main 31337 with Uniswap V3 and CoW
 * Protocol, remote 31338 with a deeper Uniswap V3 pool), real contracts deployed from their
 * npm artifacts, named funded accounts. Both chains boot in parallel. Returns a typed handle
 * and writes the descriptor JSON. Always call `stop()`; the anvil processes also end with this
 * process, however it ends.
 */
export async function startWorld(params: StartWorldParameters = {}): Promise<World> {
  const startedAt = new Date();
  const t0 = performance.now();
  const config = params.config ?? DEFAULT_WORLD_CONFIG;
  const mnemonic = params.mnemonic ?? DEVNET_MNEMONIC;
  const accounts = deriveAccounts(mnemonic);
  const mainSpec = config.chains.find((c) => c.name === 'main');
  const remoteSpec = config.chains.find((c) => c.name === 'remote');
  if (!mainSpec || !remoteSpec)
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'the world config needs a main and a remote chain',
    });

  const booted = await Promise.allSettled([
    bootChain(mainSpec, mnemonic, accounts, config.wethPriceUsd),
    bootChain(remoteSpec, mnemonic, accounts, config.wethPriceUsd),
  ]);
  const failure = booted.find((b) => b.status === 'rejected');
  if (failure) {
    await Promise.all(booted.map((b) => (b.status === 'fulfilled' ? b.value.anvil.stop() : undefined)));
    throw (failure as PromiseRejectedResult).reason;
  }
  const [main, remote] = booted.map((b) => (b as PromiseFulfilledResult<WorldChain>).value) as [
    WorldChain,
    WorldChain,
  ];
  // The intent bridge spans both chains (each vault's route names the other chain's executor),
  // so it is deployed once both are up, before the boot snapshot.
  const bridgeChain = (chain: typeof main) => ({
    client: chain.clients.public,
    chainId: chain.descriptor.chainId,
    executor: chain.descriptor.executor.address,
    tokens: [chain.descriptor.tokens.weth.address, chain.descriptor.tokens.usd.address],
  });
  try {
    const bridge = await deployIntentBridge({
      main: bridgeChain(main),
      remote: bridgeChain(remote),
      accounts,
      attester: deriveBridgeAttester(mnemonic).address,
    });
    main.descriptor.bridge = { spokePool: bridge.spokePools.main, attester: bridge.attester };
    remote.descriptor.bridge = { spokePool: bridge.spokePools.remote, attester: bridge.attester };
  } catch (error) {
    await Promise.all([main.anvil.stop(), remote.anvil.stop()]);
    throw error;
  }
  const chains = { main, remote };

  const snapshot = async (): Promise<WorldSnapshot> => ({
    ids: {
      main: await main.clients.test.snapshot(),
      remote: await remote.clients.test.snapshot(),
    },
  });
  const revert = async (snap: WorldSnapshot) => {
    await Promise.all([
      main.clients.test.revert({ id: snap.ids.main }),
      remote.clients.test.revert({ id: snap.ids.remote }),
    ]);
  };
  let bootSnapshot = await snapshot();

  if (params.blockMode)
    await Promise.all([main.blocks.setMode(params.blockMode), remote.blocks.setMode(params.blockMode)]);

  const descriptor: WorldDescriptor = {
    version: 1,
    startedAt: startedAt.toISOString(),
    bootMs: Math.round(performance.now() - t0),
    mnemonic,
    wethPriceUsd: config.wethPriceUsd,
    accounts,
    chains: { main: main.descriptor, remote: remote.descriptor },
  };
  const descriptorPath =
    params.descriptorPath === undefined ? defaultDescriptorPath() : params.descriptorPath;
  if (descriptorPath) writeWorldDescriptor(descriptorPath, descriptor);

  let stopped: Promise<void> | undefined;
  return {
    descriptor,
    descriptorPath,
    accounts,
    chains,
    snapshot,
    revert,
    async reset() {
      const modes = [main.blocks.mode(), remote.blocks.mode()] as const;
      await revert(bootSnapshot);
      bootSnapshot = await snapshot();
      // A revert restores chain state, not the node's mining settings: put the modes back.
      await Promise.all([main.blocks.setMode(modes[0]), remote.blocks.setMode(modes[1])]);
    },
    stop() {
      stopped ??= (async () => {
        main.blocks.stop();
        remote.blocks.stop();
        await Promise.all([main.anvil.stop(), remote.anvil.stop()]);
      })();
      return stopped;
    },
  };
}
