import { HedgeRouterError } from '@hedge-router/router';
import {
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  encodeDeployData,
  encodeFunctionData,
  getContractAddress,
  type Hex,
  type PublicClient,
} from 'viem';
import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import type { Artifact } from '../artifacts.js';

type Sent = { label: string; hash: Hex };

// Every boot transaction carries explicit gas, fees and nonce and is signed locally: one RPC
// round trip per transaction instead of four (estimate, fees, chain id, nonce). A reverted
// step is caught from its receipt, by label.
const BOOT_GAS = 8_000_000n;
const BOOT_MAX_FEE_PER_GAS = 50_000_000_000n;
const BOOT_PRIORITY_FEE_PER_GAS = 1n;

export type Deployer = {
  address: Address;
  deploy: (label: string, artifact: Artifact, args?: readonly unknown[]) => Promise<Address>;
  write: <const abi extends Abi, name extends ContractFunctionName<abi, 'nonpayable' | 'payable'>>(
    label: string,
    call: {
      address: Address;
      abi: abi;
      functionName: name;
      args: ContractFunctionArgs<abi, 'nonpayable' | 'payable', name>;
      value?: bigint;
    },
  ) => Promise<Hex>;
  /** Waits for every transaction sent so far and throws, naming the step, if any reverted. */
  confirm: () => Promise<void>;
};

/** A sender of boot transactions for one key on one automining chain. */
export async function createDeployer(client: PublicClient, privateKey: Hex): Promise<Deployer> {
  const account: PrivateKeyAccount = privateKeyToAccount(privateKey);
  const chainId = await client.getChainId();
  let nonce = await client.getTransactionCount({ address: account.address, blockTag: 'pending' });
  const sent: Sent[] = [];

  const send = async (label: string, tx: { to?: Address; data: Hex; value?: bigint }) => {
    const serializedTransaction = await account.signTransaction({
      type: 'eip1559',
      chainId,
      nonce: nonce++,
      gas: BOOT_GAS,
      maxFeePerGas: BOOT_MAX_FEE_PER_GAS,
      maxPriorityFeePerGas: BOOT_PRIORITY_FEE_PER_GAS,
      to: tx.to ?? null,
      data: tx.data,
      value: tx.value ?? 0n,
    });
    const hash = await client.sendRawTransaction({ serializedTransaction });
    sent.push({ label, hash });
    return hash;
  };

  return {
    address: account.address,
    async deploy(label, artifact, args = []) {
      const address = getContractAddress({ from: account.address, nonce: BigInt(nonce) });
      await send(label, { data: encodeDeployData({ abi: artifact.abi, bytecode: artifact.bytecode, args }) });
      return address;
    },
    async write(label, call) {
      const data = encodeFunctionData({
        abi: call.abi,
        functionName: call.functionName,
        args: call.args,
      } as Parameters<typeof encodeFunctionData>[0]);
      return send(label, {
        to: call.address,
        data,
        ...(call.value === undefined ? {} : { value: call.value }),
      });
    },
    async confirm() {
      const receipts = await Promise.all(
        sent.splice(0).map(async ({ label, hash }) => ({
          label,
          receipt: await client.waitForTransactionReceipt({ hash, pollingInterval: 20 }),
        })),
      );
      const failed = receipts.filter(({ receipt }) => receipt.status !== 'success');
      if (failed.length > 0)
        throw new HedgeRouterError('TRANSACTION_REVERTED', {
          shortMessage: `boot transactions reverted: ${failed.map((f) => f.label).join(', ')}`,
        });
    },
  };
}
