import { type Address, type PublicClient, parseAbi } from 'viem';
import { loadArtifact } from '../artifacts.js';
import type { Deployer } from './Deployer.js';

export type CowContracts = {
  settlement: Address;
  /** The GPv2VaultRelayer the settlement deployed: traders approve this address. */
  vaultRelayer: Address;
  authenticator: Address;
  /** The Balancer vault GPv2Settlement was constructed with: unused for plain ERC20 orders. */
  balancerVault: Address;
};

const allowListAbi = parseAbi([
  'function initializeManager(address manager)',
  'function addSolver(address solver)',
]);
const settlementAbi = parseAbi(['function vaultRelayer() view returns (address)']);

// GPv2Settlement only calls the Balancer vault for orders that trade Balancer internal
// balances; plain ERC20 orders never touch it, so a fixed address with no code stands in.
const NO_BALANCER_VAULT: Address = '0x000000000000000000000000000000000000ba1a';

/**
 * Deploys CoW Protocol's real GPv2AllowListAuthentication and GPv2Settlement from
 * @cowprotocol/contracts, makes the deployer the allow-list manager and allow-lists `solver`.
 * The settlement's constructor deploys its GPv2VaultRelayer at the settlement's first CREATE.
 */
export async function deployCow(
  deployer: Deployer,
  client: PublicClient,
  solver: Address,
): Promise<CowContracts> {
  const authenticator = await deployer.deploy(
    'GPv2AllowListAuthentication',
    loadArtifact('GPv2AllowListAuthentication'),
  );
  await deployer.write('allow-list: initializeManager', {
    address: authenticator,
    abi: allowListAbi,
    functionName: 'initializeManager',
    args: [deployer.address],
  });
  await deployer.write('allow-list: addSolver', {
    address: authenticator,
    abi: allowListAbi,
    functionName: 'addSolver',
    args: [solver],
  });
  const settlement = await deployer.deploy('GPv2Settlement', loadArtifact('GPv2Settlement'), [
    authenticator,
    NO_BALANCER_VAULT,
  ]);
  await deployer.confirm();
  const vaultRelayer = await client.readContract({
    address: settlement,
    abi: settlementAbi,
    functionName: 'vaultRelayer',
  });
  return { settlement, vaultRelayer, authenticator, balancerVault: NO_BALANCER_VAULT };
}
