import { HedgeRouterError } from '@hedge-router/router';
import type { Address, Hex, PublicClient } from 'viem';
import { hedgeExecutorAbi } from '../chain/executorAbi.js';
import { latestEventBackwards } from '../chain/latestEventBackwards.js';

/**
 * Whether the executor already executed `legId`, and in which transaction: the chain's answer
 * after a crash, when the ledger cannot know whether a submission it began was ever sent.
 */
export async function findExecutedLeg(
  client: PublicClient,
  executor: Address,
  legId: Hex,
): Promise<{ executed: false } | { executed: true; txHash: Hex }> {
  const executed = await client.readContract({
    address: executor,
    abi: hedgeExecutorAbi,
    functionName: 'executed',
    args: [legId],
  });
  if (!executed) return { executed: false };
  // Searched back from the head: the leg executed while its intent was live, so lately.
  const log = await latestEventBackwards(await client.getBlockNumber(), (range) =>
    client.getContractEvents({
      address: executor,
      abi: hedgeExecutorAbi,
      eventName: 'HedgeLegExecuted',
      args: { legId },
      ...range,
    }),
  );
  // The executor says executed, its log says nothing: the node pruned or lost the log.
  if (!log?.transactionHash)
    throw new HedgeRouterError('UPSTREAM_FAILED', {
      shortMessage: `leg ${legId} is marked executed but its event was not found`,
      details: { legId, executor },
    });
  return { executed: true, txHash: log.transactionHash };
}
