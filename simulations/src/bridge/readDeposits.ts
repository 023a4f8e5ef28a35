import { intentSpokePoolAbi, type RelayData } from '@hedge-router/solvers';
import { type Address, encodeAbiParameters, type Hex, keccak256, type PublicClient } from 'viem';

/** A deposit read from an origin spoke pool's `FundsDeposited` event. */
export type ObservedDeposit = { relayHash: Hex; relay: RelayData; blockNumber: bigint; txHash: Hex };

const relayDataParameter = intentSpokePoolAbi.find(
  (item) => item.type === 'function' && item.name === 'fillRelay',
)?.inputs[0];

/** keccak256(abi.encode(relay)): the spoke pool's id of a deposit on both chains. */
export function relayHashOf(relay: RelayData): Hex {
  // The ABI is a constant of this package: only an edit of it can get here.
  if (!relayDataParameter) throw new Error('intentSpokePoolAbi has no fillRelay(RelayData)');
  return keccak256(encodeAbiParameters([relayDataParameter], [relay]));
}

/** The deposits made on `spokePool` in blocks [fromBlock, toBlock]. */
export async function readDeposits(
  client: PublicClient,
  p: { spokePool: Address; fromBlock: bigint; toBlock: bigint },
): Promise<ObservedDeposit[]> {
  if (p.fromBlock > p.toBlock) return [];
  const logs = await client.getContractEvents({
    address: p.spokePool,
    abi: intentSpokePoolAbi,
    eventName: 'FundsDeposited',
    fromBlock: p.fromBlock,
    toBlock: p.toBlock,
  });
  return logs.map((log) => ({
    relayHash: log.args.relayHash as Hex,
    relay: log.args.relay as RelayData,
    blockNumber: log.blockNumber,
    txHash: log.transactionHash,
  }));
}
