import { type Address, zeroAddress } from 'viem';
import { loadArtifact } from '../artifacts.js';
import type { Deployer } from './Deployer.js';

export type UniswapV3Contracts = {
  factory: Address;
  swapRouter: Address;
  quoterV2: Address;
  positionManager: Address;
};

/**
 * Deploys Uniswap V3 from its published artifacts, unmodified: the core factory and the
 * periphery's SwapRouter, QuoterV2 and NonfungiblePositionManager. The core pool's init-code
 * hash equals the periphery's POOL_INIT_CODE_HASH, so the periphery finds our pools as it
 * finds mainnet's. The position manager's token descriptor is only used for tokenURI, so it
 * points nowhere.
 */
export async function deployUniswapV3(deployer: Deployer, weth: Address): Promise<UniswapV3Contracts> {
  const factory = await deployer.deploy('UniswapV3Factory', loadArtifact('UniswapV3Factory'));
  const swapRouter = await deployer.deploy('SwapRouter', loadArtifact('SwapRouter'), [factory, weth]);
  const quoterV2 = await deployer.deploy('QuoterV2', loadArtifact('QuoterV2'), [factory, weth]);
  const positionManager = await deployer.deploy(
    'NonfungiblePositionManager',
    loadArtifact('NonfungiblePositionManager'),
    [factory, weth, zeroAddress],
  );
  return { factory, swapRouter, quoterV2, positionManager };
}
