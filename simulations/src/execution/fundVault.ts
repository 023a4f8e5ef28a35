import { HedgeRouterError } from '@hedge-router/router';
import { mintableErc20Abi, wethAbi } from '@hedge-router/solvers';
import { parseEther, parseUnits } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { World } from '../world/startWorld.js';
import type { HedgeSchedule } from './hedgeSchedule.js';

/**
 * Gives the benchmark's vault what its schedule trades: the WETH of its initial delta hedge
 * plus every sale, and the USD of every purchase at the path's highest price, with 20% spare.
 * The world's default vault holds 1,000 WETH, less than the initial hedge of a 10,000-call book
 * (~5,000 WETH): without this, hedges fail for want of balance, which is not an execution cost
 * (the first full run measured "bundle would revert" on 2 of 20 hedges for that reason alone).
 * Runs in automine mode; the vault wraps ETH it is given and the USD owner mints to it.
 */
export async function fundVault(world: World, schedule: HedgeSchedule): Promise<void> {
  const main = world.chains.main;
  const { weth, usd } = main.descriptor.tokens;
  const vault = world.accounts.vault.address;
  const sold = schedule.hedges.reduce((s, h) => s + Math.max(0, -h.units), 0);
  const bought = schedule.hedges.reduce((s, h) => s + Math.max(0, h.units), 0);
  const maxPrice = Math.max(...schedule.prices);
  const wethNeeded = parseEther(String(Math.ceil((Math.max(0, schedule.initialHedge) + sold) * 1.2)));
  const usdNeeded = parseUnits(String(Math.ceil(bought * maxPrice * 1.2)), usd.decimals);
  const client = main.clients.public;
  await main.clients.test.setBalance({ address: vault, value: wethNeeded + parseEther('100') });
  const vaultWallet = main.clients.wallet(privateKeyToAccount(world.accounts.vault.privateKey));
  const owner = main.clients.wallet(privateKeyToAccount(world.accounts.deployer.privateKey));
  const hashes = [
    await vaultWallet.writeContract({
      address: weth.address,
      abi: wethAbi,
      functionName: 'deposit',
      value: wethNeeded,
    }),
    await owner.writeContract({
      address: usd.address,
      abi: mintableErc20Abi,
      functionName: 'mint',
      args: [vault, usdNeeded],
    }),
  ];
  for (const hash of hashes) {
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    if (receipt.status !== 'success')
      throw new HedgeRouterError('TRANSACTION_REVERTED', {
        shortMessage: `funding the benchmark vault reverted in ${hash}`,
      });
  }
}
