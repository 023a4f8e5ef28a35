import { HedgeRouterError } from '@hedge-router/router';
import type { Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from 'viem';
import { encodeFunctionData, parseTransaction, recoverTransactionAddress } from 'viem';
import { hedgeExecutorAbi } from '../../chain/executorAbi.js';
import { legId } from '../../chain/legId.js';
import type { VenueLeg } from '../types.js';
import { withOperatorLock } from './operatorLock.js';
import type { V3PoolRef } from './v3Market.js';

/** Candidate ids of the AMM venues: `<venue>:<chainId>:<pool address>`; the pool is read back at submit. */
export function ammCandidateId(venue: string, chainId: number, pool: Address): string {
  return `${venue}:${chainId}:${pool.toLowerCase()}`;
}

export function poolOfCandidate(candidateId: string, pools: readonly V3PoolRef[]): V3PoolRef {
  const address = candidateId.split(':')[2] ?? '';
  const pool = pools.find((p) => p.address.toLowerCase() === address);
  if (!pool)
    throw new HedgeRouterError('DEPLOYMENT_INCOMPLETE', {
      shortMessage: `candidate ${candidateId} names no configured pool`,
    });
  return pool;
}

export type ExecutorTransactionParameters = {
  executor: Address;
  pool: V3PoolRef;
  leg: VenueLeg;
};

/** The executor's swapV3 calldata for one leg: exactly the leg's sell amount and minimum. */
export function swapV3Calldata({ executor, pool, leg }: ExecutorTransactionParameters): {
  to: Address;
  data: Hex;
  legId: Hex;
} {
  const id = legId(leg.intentHash, leg.legIndex);
  const data = encodeFunctionData({
    abi: hedgeExecutorAbi,
    functionName: 'swapV3',
    args: [
      {
        legId: id,
        // The intent's own vault: it signed (through its keeper) and approved the executor.
        vault: leg.intent.vault,
        pool: pool.address,
        sellToken: leg.intent.sellToken,
        buyToken: leg.intent.buyToken,
        fee: pool.fee,
        sellAmount: leg.leg.sellAmount,
        minBuyAmount: leg.leg.quote.minBuyAmount,
        deadline: BigInt(leg.intent.deadline),
      },
    ],
  });
  return { to: executor, data, legId: id };
}

/**
 * Signs the executor transaction with the operator key: explicit nonce (the operator's next),
 * gas with headroom over the quote's estimate, and EIP-1559 fees over the current base fee.
 */
export async function signExecutorTransaction(
  client: PublicClient,
  wallet: WalletClient<Transport, Chain, Account>,
  call: { to: Address; data: Hex },
  options: {
    gasUnits: bigint;
    priorityFeeWei: bigint;
    /**
     * 'pending' (public transactions): after everything the operator has in flight.
     * 'latest' (bundles): a bundle lands at the top of a block, before anything pending, so it
     * must take the operator's on-chain nonce; a pending transaction with that nonce is then
     * superseded and can never execute.
     */
    nonceTag: 'pending' | 'latest';
  },
): Promise<{ signed: Hex; maxFeePerGas: bigint }> {
  const [nonce, block] = await Promise.all([
    client.getTransactionCount({ address: wallet.account.address, blockTag: options.nonceTag }),
    client.getBlock({ blockTag: 'latest' }),
  ]);
  // Twice the base fee survives six full blocks of base-fee growth before the tip is squeezed.
  const maxFeePerGas = (block.baseFeePerGas ?? 0n) * 2n + options.priorityFeeWei;
  const request = await wallet.prepareTransactionRequest({
    to: call.to,
    data: call.data,
    nonce,
    gas: (options.gasUnits * 3n) / 2n,
    maxFeePerGas,
    maxPriorityFeePerGas: options.priorityFeeWei,
    type: 'eip1559',
  });
  return { signed: await wallet.signTransaction(request), maxFeePerGas };
}

/**
 * Whether a signed transaction that is not mined can still be: once the operator's on-chain
 * nonce has passed the transaction's, another transaction took its place and it never will.
 */
export async function isSuperseded(client: PublicClient, signed: Hex): Promise<boolean> {
  const tx = parseTransaction(signed);
  const from = await recoverTransactionAddress({ serializedTransaction: signed as never });
  const onChainNonce = await client.getTransactionCount({ address: from, blockTag: 'latest' });
  return tx.nonce !== undefined && onChainNonce > tx.nonce;
}

/**
 * Picks the operator's next nonce, signs and broadcasts `call` as one step per operator key
 * (see withOperatorLock), and returns the signed transaction, its hash and the block number at
 * submission: what every venue that calls the executor from the public mempool needs.
 */
export async function sendOperatorTransaction(
  client: PublicClient,
  wallet: WalletClient<Transport, Chain, Account>,
  call: { to: Address; data: Hex },
  options: { gasUnits: bigint; priorityFeeWei: bigint },
): Promise<{ signed: Hex; txHash: Hex; blockNumber: bigint }> {
  return withOperatorLock(wallet.account.address, async () => {
    const { signed } = await signExecutorTransaction(client, wallet, call, {
      ...options,
      nonceTag: 'pending',
    });
    const blockNumber = await client.getBlockNumber({ cacheTime: 0 });
    const txHash = await client.sendRawTransaction({ serializedTransaction: signed });
    return { signed, txHash, blockNumber };
  });
}
