import {
  type Address,
  type BlockTag,
  decodeErrorResult,
  getAddress,
  type Hex,
  hexToBigInt,
  numberToHex,
  type PublicClient,
  pad,
} from 'viem';
import { bundleHash } from './bundleHash.js';
import type { DecodedTransaction } from './decodeRawTransaction.js';
import { nextBaseFee } from './nextBaseFee.js';
import { RELAY_ERROR_CODE, RelayRpcError } from './relayRpcError.js';

/** One transaction's simulation, in the relay's wire format (amounts as decimal wei strings). */
export type CallBundleTxResult = {
  txHash: Hex;
  gasUsed: number;
  /** The priority fee per gas the block's coinbase receives (wei), as mev-geth reports it. */
  gasPrice: string;
  gasFees: string;
  coinbaseDiff: string;
  ethSentToCoinbase: string;
  fromAddress: Address;
  toAddress: Address | null;
  /** The call's return data. */
  value: Hex;
  error?: string;
  revert?: string;
};

/** `eth_callBundle`'s result, in the relay's wire format. */
export type CallBundleResult = {
  bundleGasPrice: string;
  bundleHash: Hex;
  coinbaseDiff: string;
  ethSentToCoinbase: string;
  gasFees: string;
  results: CallBundleTxResult[];
  stateBlockNumber: number;
  totalGasUsed: number;
};

export type SimulateBundleParameters = {
  txs: readonly DecodedTransaction[];
  /** The block the bundle is simulated as part of (its number, base fee, coinbase). */
  targetBlock: bigint;
  /** The state the simulation starts from; default the latest block. */
  stateBlock?: bigint | BlockTag;
  /** Hashes allowed to revert without failing the bundle (eth_sendBundle's revertingTxHashes). */
  revertingTxHashes?: ReadonlySet<Hex>;
  timestampSeconds?: bigint;
  coinbase?: Address;
};

export type SimulateBundleReturnType = {
  result: CallBundleResult;
  /** The first transaction that reverted and was not allowed to, if any. */
  failure: { txHash: Hex; reason: string } | undefined;
  totalGasUsed: bigint;
  coinbaseDiffWei: bigint;
  baseFeePerGasWei: bigint;
};

type SimulatedCall = {
  status: Hex;
  gasUsed: Hex;
  returnData: Hex;
  logs: { address: Address; topics: Hex[]; data: Hex }[];
};

// eth_simulateV1 with traceTransfers reports every ETH transfer as an ERC-20 Transfer log from
// this address (ERC-7528), which is how direct payments to the coinbase are counted.
const ETH_TRANSFER_LOG_ADDRESS = '0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';
const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';

function tipPerGas(tx: DecodedTransaction, baseFee: bigint): bigint {
  if (tx.maxFeePerGas !== undefined) {
    const room = tx.maxFeePerGas - baseFee;
    const tip = tx.maxPriorityFeePerGas ?? 0n;
    return tip < room ? tip : room;
  }
  return (tx.gasPrice ?? 0n) - baseFee;
}

function revertReason(returnData: Hex): string {
  try {
    const decoded = decodeErrorResult({ data: returnData });
    return decoded.errorName === 'Error'
      ? String(decoded.args?.[0])
      : `${decoded.errorName}(${decoded.args?.join(', ')})`;
  } catch {
    return returnData;
  }
}

/**
 * Simulates a bundle at the top of `targetBlock` on the chain's current state, transactions in
 * order with state carried over, without mining (anvil's `eth_simulateV1`). anvil's own
 * validation there is lax (it accepts a wrong nonce or a fee under the base fee), so those are
 * checked here first, and answered like geth/mev-geth does (`err: nonce too low: ...`).
 * Gas fees count the priority fee only (the base fee is burnt); the coinbase difference adds
 * direct ETH payments to the coinbase.
 */
export async function simulateBundle(
  client: PublicClient,
  params: SimulateBundleParameters,
): Promise<SimulateBundleReturnType> {
  const stateBlock = params.stateBlock ?? 'latest';
  const parent =
    typeof stateBlock === 'bigint'
      ? await client.getBlock({ blockNumber: stateBlock })
      : await client.getBlock({ blockTag: stateBlock });
  if (parent.number === null)
    throw new RelayRpcError(RELAY_ERROR_CODE.bundleRejected, 'err: state block is pending');
  const baseFee = nextBaseFee({
    baseFeePerGas: parent.baseFeePerGas ?? 0n,
    gasUsed: parent.gasUsed,
    gasLimit: parent.gasLimit,
  });
  const coinbase = params.coinbase ?? parent.miner;
  const chainId = client.chain?.id ?? (await client.getChainId());

  const nextNonce = new Map<Address, number>();
  for (const tx of params.txs) {
    if (tx.chainId !== undefined && tx.chainId !== chainId)
      throw new RelayRpcError(
        RELAY_ERROR_CODE.bundleRejected,
        `err: invalid chain id ${tx.chainId} for tx ${tx.hash} (chain is ${chainId})`,
      );
    const expected =
      nextNonce.get(tx.from) ??
      (await client.getTransactionCount({ address: tx.from, blockNumber: parent.number }));
    if (tx.nonce !== expected)
      throw new RelayRpcError(
        RELAY_ERROR_CODE.bundleRejected,
        `err: nonce too ${tx.nonce < expected ? 'low' : 'high'}: address ${tx.from}, tx: ${tx.nonce} state: ${expected}`,
      );
    nextNonce.set(tx.from, expected + 1);
    if (tx.priorityWei < baseFee)
      throw new RelayRpcError(
        RELAY_ERROR_CODE.bundleRejected,
        `err: max fee per gas less than block base fee: address ${tx.from}, maxFeePerGas: ${tx.priorityWei} baseFee: ${baseFee}`,
      );
  }

  const calls = params.txs.map((tx) => ({
    from: tx.from,
    to: tx.to ?? undefined,
    gas: numberToHex(tx.gas),
    value: numberToHex(tx.value),
    input: tx.data,
    nonce: numberToHex(tx.nonce),
    ...(tx.maxFeePerGas !== undefined
      ? {
          maxFeePerGas: numberToHex(tx.maxFeePerGas),
          maxPriorityFeePerGas: numberToHex(tx.maxPriorityFeePerGas ?? 0n),
        }
      : { gasPrice: numberToHex(tx.gasPrice ?? 0n) }),
  }));
  const blockOverrides = {
    number: numberToHex(params.targetBlock),
    baseFeePerGas: numberToHex(baseFee),
    feeRecipient: coinbase,
    ...(params.timestampSeconds !== undefined ? { time: numberToHex(params.timestampSeconds) } : {}),
  };
  let simulated: { calls: SimulatedCall[] }[];
  try {
    simulated = (await client.request({
      method: 'eth_simulateV1',
      params: [
        { blockStateCalls: [{ blockOverrides, calls }], validation: true, traceTransfers: true },
        numberToHex(parent.number),
      ],
    } as never)) as { calls: SimulatedCall[] }[];
  } catch (error) {
    const message = (error as { details?: string; shortMessage?: string }).details ?? String(error);
    throw new RelayRpcError(RELAY_ERROR_CODE.bundleRejected, `err: ${message}`);
  }
  const simCalls = simulated[0]?.calls ?? [];

  const coinbaseTopic = pad(coinbase.toLowerCase() as Hex).toLowerCase();
  let failure: SimulateBundleReturnType['failure'];
  let totalGas = 0n;
  let totalFees = 0n;
  let totalSent = 0n;
  const results = params.txs.map((tx, i): CallBundleTxResult => {
    const call = simCalls[i];
    if (!call)
      throw new RelayRpcError(RELAY_ERROR_CODE.bundleRejected, `err: no simulation result for tx ${tx.hash}`);
    const gasUsed = hexToBigInt(call.gasUsed);
    const tip = tipPerGas(tx, baseFee);
    const gasFees = gasUsed * tip;
    const sent = call.logs
      .filter(
        (log) =>
          log.address.toLowerCase() === ETH_TRANSFER_LOG_ADDRESS &&
          log.topics[0] === TRANSFER_TOPIC &&
          log.topics[2]?.toLowerCase() === coinbaseTopic,
      )
      .reduce((sum, log) => sum + hexToBigInt(log.data), 0n);
    totalGas += gasUsed;
    totalFees += gasFees;
    totalSent += sent;
    const base = {
      txHash: tx.hash,
      gasUsed: Number(gasUsed),
      gasPrice: tip.toString(),
      gasFees: gasFees.toString(),
      coinbaseDiff: (gasFees + sent).toString(),
      ethSentToCoinbase: sent.toString(),
      fromAddress: getAddress(tx.from),
      toAddress: tx.to ? getAddress(tx.to) : null,
      value: call.returnData,
    };
    if (call.status === '0x1') return base;
    const reason = revertReason(call.returnData);
    if (!failure && !params.revertingTxHashes?.has(tx.hash))
      failure = { txHash: tx.hash, reason: `execution reverted: ${reason}` };
    return { ...base, error: 'execution reverted', revert: reason };
  });

  const coinbaseDiff = totalFees + totalSent;
  return {
    result: {
      bundleGasPrice: (totalGas > 0n ? coinbaseDiff / totalGas : 0n).toString(),
      bundleHash: bundleHash(params.txs.map((tx) => tx.hash)),
      coinbaseDiff: coinbaseDiff.toString(),
      ethSentToCoinbase: totalSent.toString(),
      gasFees: totalFees.toString(),
      results,
      stateBlockNumber: Number(parent.number),
      totalGasUsed: Number(totalGas),
    },
    failure,
    totalGasUsed: totalGas,
    coinbaseDiffWei: coinbaseDiff,
    baseFeePerGasWei: baseFee,
  };
}
