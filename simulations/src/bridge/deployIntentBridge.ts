import { erc20Abi, hedgeExecutorAbi } from '@hedge-router/solvers';
import { type Address, maxUint256, type PublicClient } from 'viem';
import type { AccountName, NamedAccount } from '../world/accounts.js';
import { createDeployer } from '../world/deploy/Deployer.js';
import { compileContract } from '../world/solidity/compileContract.js';

/** One chain of the world as the bridge's deployment needs it. */
export type BridgeChainSide = {
  client: PublicClient;
  chainId: number;
  executor: Address;
  tokens: readonly Address[];
};

/** The intent bridge's contracts: one spoke pool per chain, and the key both trust. */
export type IntentBridgeDeployment = { spokePools: { main: Address; remote: Address }; attester: Address };

// The vaults that route hedges over the bridge, as they approved the executor at boot.
const VAULTS: AccountName[] = ['vault', 'vault2'];

/**
 * Deploys the local intent bridge on both chains (in parallel, after both are booted, since
 * each vault's route names the other chain's executor): an IntentSpokePool per chain trusting
 * `attester`; the relayer approves both spoke pools for its inventory (it fills with its own
 * tokens); each vault sets its bridge route on both chains (its spoke pool, the other chain, the
 * executor there), as a vault's owner would once to allow cross-chain hedges.
 */
export async function deployIntentBridge(p: {
  main: BridgeChainSide;
  remote: BridgeChainSide;
  accounts: Record<AccountName, NamedAccount>;
  attester: Address;
}): Promise<IntentBridgeDeployment> {
  const deployOn = async (side: BridgeChainSide, other: BridgeChainSide) => {
    const deployer = await createDeployer(side.client, p.accounts.deployer.privateKey);
    const spokePool = await deployer.deploy(
      'IntentSpokePool',
      compileContract('IntentSpokePool.sol', 'IntentSpokePool'),
      [p.attester],
    );
    // Approvals and routes only record the address: no need to wait for the deployment first.
    const relayer = await createDeployer(side.client, p.accounts.relayer.privateKey);
    for (const token of side.tokens) {
      await relayer.write('relayer approves the spoke pool', {
        address: token,
        abi: erc20Abi,
        functionName: 'approve',
        args: [spokePool, maxUint256],
      });
    }
    const vaults = await Promise.all(
      VAULTS.map(async (name) => {
        const vault = await createDeployer(side.client, p.accounts[name].privateKey);
        await vault.write(`${name} sets its bridge route`, {
          address: side.executor,
          abi: hedgeExecutorAbi,
          functionName: 'setBridgeRoute',
          args: [spokePool, BigInt(other.chainId), other.executor],
        });
        return vault;
      }),
    );
    await Promise.all([deployer.confirm(), relayer.confirm(), ...vaults.map((v) => v.confirm())]);
    return spokePool;
  };
  const [main, remote] = await Promise.all([deployOn(p.main, p.remote), deployOn(p.remote, p.main)]);
  return { spokePools: { main, remote }, attester: p.attester };
}
