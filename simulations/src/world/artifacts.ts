import { createRequire } from 'node:module';
import { HedgeRouterError } from '@hedge-router/router';
import type { Abi, Hex } from 'viem';

const require = createRequire(import.meta.url);

export type Artifact = { abi: Abi; bytecode: Hex };

// The published npm artifact of every contract the world deploys unmodified.
const ARTIFACT_PATHS = {
  WETH9: '@uniswap/v2-periphery/build/WETH9.json',
  UniswapV3Factory: '@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json',
  SwapRouter: '@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json',
  QuoterV2: '@uniswap/v3-periphery/artifacts/contracts/lens/QuoterV2.sol/QuoterV2.json',
  NonfungiblePositionManager:
    '@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json',
  GPv2AllowListAuthentication: '@cowprotocol/contracts/lib/contracts/GPv2AllowListAuthentication.json',
  GPv2Settlement: '@cowprotocol/contracts/lib/contracts/GPv2Settlement.json',
} as const;

export type ArtifactName = keyof typeof ARTIFACT_PATHS;

const cache = new Map<ArtifactName, Artifact>();

/**
 * Loads a contract's ABI and creation bytecode from its npm package. Hardhat artifacts, Waffle
 * builds (bytecode without 0x, or under `evm.bytecode.object`) are all accepted.
 */
export function loadArtifact(name: ArtifactName): Artifact {
  const cached = cache.get(name);
  if (cached) return cached;
  const json = require(ARTIFACT_PATHS[name]) as {
    abi: Abi;
    bytecode?: string | { object: string };
    evm?: { bytecode: { object: string } };
  };
  const raw =
    typeof json.bytecode === 'string' ? json.bytecode : (json.bytecode?.object ?? json.evm?.bytecode.object);
  if (!raw)
    throw new HedgeRouterError('SIMULATION_FAILED', { shortMessage: `artifact ${name} has no bytecode` });
  const artifact: Artifact = { abi: json.abi, bytecode: (raw.startsWith('0x') ? raw : `0x${raw}`) as Hex };
  cache.set(name, artifact);
  return artifact;
}
