import { HedgeRouterError } from '@hedge-router/router';
import { type Address, type Hex, keccak256, parseTransaction, recoverTransactionAddress } from 'viem';
import { RELAY_ERROR_CODE, RelayRpcError } from './relayRpcError.js';

/** A signed transaction of a bundle, decoded once on arrival. */
export type DecodedTransaction = {
  raw: Hex;
  hash: Hex;
  from: Address;
  to: Address | null;
  nonce: number;
  chainId: number | undefined;
  gas: bigint;
  value: bigint;
  data: Hex;
  /** Set for type 0 and 1 transactions. */
  gasPrice: bigint | undefined;
  maxFeePerGas: bigint | undefined;
  maxPriorityFeePerGas: bigint | undefined;
  /** What anvil's `--order fees` sorts by: maxFeePerGas, or gasPrice for legacy transactions. */
  priorityWei: bigint;
};

/**
 * Decodes and recovers the sender of one raw signed transaction. `field` names it in the
 * error, e.g. `params[0].txs[1]`.
 */
export async function decodeRawTransaction(raw: Hex, field: string): Promise<DecodedTransaction> {
  try {
    const tx = parseTransaction(raw);
    const refuse = (shortMessage: string) => new HedgeRouterError('INVALID_INPUT', { shortMessage });
    if (tx.type === 'eip4844') throw refuse('blob transactions are not supported by this relay');
    if (tx.r === undefined || tx.s === undefined) throw refuse('it is unsigned');
    const from = await recoverTransactionAddress({ serializedTransaction: raw as never });
    const maxFeePerGas = 'maxFeePerGas' in tx ? tx.maxFeePerGas : undefined;
    const gasPrice = 'gasPrice' in tx ? tx.gasPrice : undefined;
    const priorityWei = maxFeePerGas ?? gasPrice;
    if (priorityWei === undefined) throw refuse('it has neither maxFeePerGas nor gasPrice');
    return {
      raw,
      hash: keccak256(raw),
      from,
      to: tx.to ?? null,
      nonce: tx.nonce ?? 0,
      chainId: tx.chainId,
      gas: tx.gas ?? 0n,
      value: tx.value ?? 0n,
      data: tx.data ?? '0x',
      gasPrice,
      maxFeePerGas,
      maxPriorityFeePerGas: 'maxPriorityFeePerGas' in tx ? tx.maxPriorityFeePerGas : undefined,
      priorityWei,
    };
  } catch (error) {
    const reason =
      error instanceof Error
        ? ((error as { shortMessage?: string }).shortMessage ?? error.message)
        : String(error);
    throw new RelayRpcError(
      RELAY_ERROR_CODE.invalidParams,
      `${field}: not a valid signed transaction (${reason})`,
      {
        cause: error,
      },
    );
  }
}
