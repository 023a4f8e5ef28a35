import { HedgeRouterError } from '@hedge-router/router';
import {
  type Account,
  type Address,
  type Chain,
  encodeFunctionData,
  type Hex,
  type PublicClient,
  parseEventLogs,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
  zeroAddress,
} from 'viem';

import { erc20Abi } from '../../chain/abis.js';
import { hedgeExecutorAbi } from '../../chain/executorAbi.js';
import { latestEventBackwards } from '../../chain/latestEventBackwards.js';
import type { LegReconciliation } from '../../reconcile/reconcileLeg.js';
import { isSuperseded, signExecutorTransaction } from '../shared/executorTransaction.js';
import { withOperatorLock } from '../shared/operatorLock.js';
import { sleep } from '../shared/trackExecutorTransaction.js';
import type { Submission, TrackOutcome, VenueLeg } from '../types.js';
import { DEPOSIT_STATE, intentSpokePoolAbi, type RelayData } from './intentSpokePoolAbi.js';

/** One chain of a cross-chain route, as tracking reads it. */
export type CrossChainSide = { client: PublicClient; executor: Address; spokePool: Address };

/** A filled cross-chain leg's reconciliation: the executor fields plus both bridge legs. */
export type CrossChainReconciliation = Extract<LegReconciliation, { status: 'filled' }> & {
  crossChain: {
    /** Where the proceeds were paid: 'origin' normally; 'destination' if the return leg was refunded there. */
    deliveredOn: 'origin' | 'destination';
    outbound: { relayHash: Hex; depositId: number; inputAmount: bigint; outputAmount: bigint; fillTx: Hex };
    destinationSwap: { txHash: Hex; sellAmount: bigint; buyAmount: bigint };
    inbound: { relayHash: Hex; depositId: number; inputAmount: bigint; outputAmount: bigint; settleTx: Hex };
  };
};

export type TrackCrossChainLegParameters = {
  origin: CrossChainSide & { operator: WalletClient<Transport, Chain, Account>; priorityFeeWei: bigint };
  destination: CrossChainSide;
  submission: Submission;
  leg: VenueLeg;
  pollIntervalMs: number;
  signal?: AbortSignal | undefined;
};

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The deposit a receipt made on `spokePool` (there is exactly one per bridged leg). */
function depositIn(receipt: TransactionReceipt, spokePool: Address): { relayHash: Hex; relay: RelayData } {
  const [event] = parseEventLogs({
    abi: intentSpokePoolAbi,
    eventName: 'FundsDeposited',
    logs: receipt.logs.filter((log) => same(log.address, spokePool)),
  });
  if (!event)
    throw new HedgeRouterError('UPSTREAM_FAILED', {
      shortMessage: `transaction ${receipt.transactionHash} made no deposit on ${spokePool}`,
    });
  return { relayHash: event.args.relayHash, relay: event.args.relay as RelayData };
}

/** The transaction that filled `relayHash` on `side`, or undefined while unfilled. */
async function fillReceipt(side: CrossChainSide, relayHash: Hex): Promise<TransactionReceipt | undefined> {
  const relayer = await side.client.readContract({
    address: side.spokePool,
    abi: intentSpokePoolAbi,
    functionName: 'fillRelayer',
    args: [relayHash],
  });
  if (relayer === zeroAddress) return undefined;
  const log = await latestEventBackwards(await side.client.getBlockNumber(), (range) =>
    side.client.getContractEvents({
      address: side.spokePool,
      abi: intentSpokePoolAbi,
      eventName: 'FilledRelay',
      args: { relayHash },
      ...range,
    }),
  );
  if (!log)
    throw new HedgeRouterError('UPSTREAM_FAILED', {
      shortMessage: `relay ${relayHash} is filled but has no FilledRelay event`,
    });
  return side.client.getTransactionReceipt({ hash: log.transactionHash });
}

const depositState = (side: CrossChainSide, depositId: number) =>
  side.client.readContract({
    address: side.spokePool,
    abi: intentSpokePoolAbi,
    functionName: 'depositState',
    args: [depositId],
  });

async function balanceDelta(client: PublicClient, token: Address, owner: Address, blockNumber: bigint) {
  const at = (block: bigint) =>
    client.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [owner],
      blockNumber: block,
    });
  const [before, after] = await Promise.all([at(blockNumber - 1n), at(blockNumber)]);
  return after - before;
}

const bps = (shortfall: bigint, reference: bigint) =>
  reference === 0n ? 0 : (Number(shortfall) / Number(reference)) * 10_000;

/**
 * Follows a cross-chain leg to a definite outcome: the executor's bridgeOut on the origin
 * (reverted → 'reverted'); the relayer's fill and destination swap (a deposit refunded after its
 * deadline → 'not-included', after freeing the leg id on the executor so a fallback can fill it);
 * the return fill paying the vault on the origin → 'filled', reconciled: the vault's sell balance
 * moved by exactly −sellAmount in the bridgeOut block and its buy balance by exactly the return
 * fill's amount in that fill's block.
 */
export async function trackCrossChainLeg(p: TrackCrossChainLegParameters): Promise<TrackOutcome> {
  const { origin, destination, submission, leg } = p;
  const vault = leg.intent.vault;

  // 1. The bridgeOut transaction on the origin.
  let receipt: TransactionReceipt | undefined;
  for (;;) {
    receipt = await origin.client.getTransactionReceipt({ hash: submission.txHash }).catch(() => undefined);
    if (receipt) break;
    if (await isSuperseded(origin.client, submission.signedTransaction)) {
      if (await origin.client.getTransactionReceipt({ hash: submission.txHash }).catch(() => undefined))
        continue;
      return { status: 'not-included', reason: 'superseded: another operator transaction took its nonce' };
    }
    const head = await origin.client.getBlock({ blockTag: 'latest' });
    if (head.timestamp > BigInt(leg.intent.deadline)) {
      if (await origin.client.getTransactionReceipt({ hash: submission.txHash }).catch(() => undefined))
        continue;
      return {
        status: 'not-included',
        reason: `bridgeOut not mined by the deadline (block ${head.number} is past it)`,
      };
    }
    await sleep(p.pollIntervalMs, p.signal);
  }
  const gasUsed = receipt.gasUsed;
  const gasCostWei = receipt.gasUsed * receipt.effectiveGasPrice;
  if (receipt.status !== 'success') {
    return {
      status: 'reverted',
      reconciliation: {
        status: 'reverted',
        txHash: submission.txHash,
        blockNumber: receipt.blockNumber,
        gasUsed,
        gasCostWei,
      },
    };
  }
  const outbound = depositIn(receipt, origin.spokePool);

  // 2. The relayer's fill with the destination swap, or the refund of a fill that never came.
  let destinationFill: TransactionReceipt | undefined;
  for (;;) {
    destinationFill = await fillReceipt(destination, outbound.relayHash);
    if (destinationFill) break;
    if ((await depositState(origin, outbound.relay.depositId)) === DEPOSIT_STATE.refunded) {
      await releaseLegId(origin, submission.legId);
      return {
        status: 'not-included',
        reason: `bridge fill never came: deposit ${outbound.relay.depositId} refunded to the vault after its fill deadline ${outbound.relay.fillDeadline}`,
      };
    }
    await sleep(p.pollIntervalMs, p.signal);
  }
  const [swapped] = parseEventLogs({
    abi: hedgeExecutorAbi,
    eventName: 'HedgeLegSwappedRemote',
    logs: destinationFill.logs.filter((log) => same(log.address, destination.executor)),
  });
  if (!swapped || swapped.args.legId !== submission.legId) {
    throw new HedgeRouterError('UPSTREAM_FAILED', {
      shortMessage: `fill ${destinationFill.transactionHash} has no destination swap of leg ${submission.legId}`,
    });
  }
  const inbound = depositIn(destinationFill, destination.spokePool);

  // 3. The return fill paying the vault on the origin (or the return deposit's refund on the destination).
  for (;;) {
    const returnFill = await fillReceipt(origin, inbound.relayHash);
    const refunded =
      !returnFill && (await depositState(destination, inbound.relay.depositId)) === DEPOSIT_STATE.refunded;
    if (returnFill || refunded) {
      const settle = returnFill ?? (await refundReceipt(destination, inbound.relayHash));
      const deliveredOn = returnFill ? 'origin' : 'destination';
      const buyClient = returnFill ? origin.client : destination.client;
      const buyToken = returnFill ? inbound.relay.outputToken : inbound.relay.inputToken;
      const buyAmount = returnFill ? inbound.relay.outputAmount : inbound.relay.inputAmount;
      const [sell, buy] = await Promise.all([
        balanceDelta(origin.client, leg.intent.sellToken, vault, receipt.blockNumber),
        balanceDelta(buyClient, buyToken, vault, settle.blockNumber),
      ]);
      const sellAmount = leg.leg.sellAmount;
      const reconciliation: CrossChainReconciliation = {
        status: 'filled',
        txHash: submission.txHash,
        blockNumber: settle.blockNumber,
        sellAmount,
        buyAmount,
        gasUsed,
        gasCostWei,
        slippageVsQuoteBps: bps(leg.leg.quote.expectedBuyAmount - buyAmount, leg.leg.quote.expectedBuyAmount),
        slippageVsMidBps: bps(leg.arrivalMidBuyAmount - buyAmount, leg.arrivalMidBuyAmount),
        // The destination swap runs inside the relayer's fill, which we assume a relayer sends
        // privately; sandwich detection on the destination pool is not done here.
        sandwich: { detected: false },
        balanceDeltas: { sell, buy },
        balancesMatch: sell === -sellAmount && buy === buyAmount,
        crossChain: {
          deliveredOn,
          outbound: {
            relayHash: outbound.relayHash,
            depositId: outbound.relay.depositId,
            inputAmount: outbound.relay.inputAmount,
            outputAmount: outbound.relay.outputAmount,
            fillTx: destinationFill.transactionHash,
          },
          destinationSwap: {
            txHash: destinationFill.transactionHash,
            sellAmount: swapped.args.sellAmount,
            buyAmount: swapped.args.buyAmount,
          },
          inbound: {
            relayHash: inbound.relayHash,
            depositId: inbound.relay.depositId,
            inputAmount: inbound.relay.inputAmount,
            outputAmount: inbound.relay.outputAmount,
            settleTx: settle.transactionHash,
          },
        },
      };
      return { status: 'filled', reconciliation };
    }
    await sleep(p.pollIntervalMs, p.signal);
  }
}

async function refundReceipt(side: CrossChainSide, relayHash: Hex): Promise<TransactionReceipt> {
  const log = await latestEventBackwards(await side.client.getBlockNumber(), (range) =>
    side.client.getContractEvents({
      address: side.spokePool,
      abi: intentSpokePoolAbi,
      eventName: 'DepositRefunded',
      args: { relayHash },
      ...range,
    }),
  );
  if (!log)
    throw new HedgeRouterError('UPSTREAM_FAILED', {
      shortMessage: `deposit ${relayHash} is refunded but has no DepositRefunded event`,
    });
  return side.client.getTransactionReceipt({ hash: log.transactionHash });
}

/**
 * Frees a refunded leg's id on the executor (anyone may; the operator does it here) so the
 * router's fallback can fill the leg. Idempotent: skipped once released.
 */
async function releaseLegId(origin: TrackCrossChainLegParameters['origin'], id: Hex): Promise<void> {
  const [, , open] = await origin.client.readContract({
    address: origin.executor,
    abi: hedgeExecutorAbi,
    functionName: 'bridgeDeposits',
    args: [id],
  });
  if (!open) return;
  const data = encodeFunctionData({
    abi: hedgeExecutorAbi,
    functionName: 'releaseRefundedBridgeLeg',
    args: [id],
  });
  // Nonce, signature and broadcast as one step per operator key (concurrent legs).
  const hash = await withOperatorLock(origin.operator.account.address, async () => {
    const { signed } = await signExecutorTransaction(
      origin.client,
      origin.operator,
      { to: origin.executor, data },
      { gasUnits: 60_000n, priorityFeeWei: origin.priorityFeeWei, nonceTag: 'pending' },
    );
    return origin.client.sendRawTransaction({ serializedTransaction: signed });
  });
  const released = await origin.client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (released.status !== 'success')
    throw new HedgeRouterError('TRANSACTION_REVERTED', {
      shortMessage: `releaseRefundedBridgeLeg(${id}) reverted in ${hash}`,
    });
}
