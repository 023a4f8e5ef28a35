import { OrderQuoteSideKindSell, SigningScheme } from '@cowprotocol/cow-sdk';
import { HedgeRouterError } from '@hedge-router/router';
import {
  type Account,
  type Address,
  type Chain,
  decodeEventLog,
  encodeFunctionData,
  type Hex,
  keccak256,
  type PublicClient,
  stringToHex,
  type Transport,
  type WalletClient,
} from 'viem';
import { hedgeExecutorAbi } from '../../chain/executorAbi.js';
import { legId as legIdOf } from '../../chain/legId.js';
import { signExecutorTransaction } from '../shared/executorTransaction.js';
import type { ObservedPool } from '../shared/observedPools.js';
import { withOperatorLock } from '../shared/operatorLock.js';
import { sleep } from '../shared/trackExecutorTransaction.js';
import { observeV3Pools, poolsForIntent, type V3PoolRef } from '../shared/v3Market.js';
import type { Submission, TrackOutcome, Venue, VenueLeg } from '../types.js';
import { PLACEMENT_GAS_UNITS } from './batchAuctionCandidate.js';
import { type BatchAuctionObservation, batchAuctionCandidatesAt } from './batchAuctionCandidates.js';
import { createOrderbookClient } from './orderbookClient.js';
import { reconcileCowFill } from './reconcileCowFill.js';
import { signCowOrder } from './signCowOrder.js';

export type BatchAuctionVenueParameters = {
  /** Venue name and candidate-id prefix; default 'batch-auction'. */
  name?: string;
  chainId: number;
  client: PublicClient;
  /** The router's operator key: signs the orders (checked by the executor, EIP-1271) and the placements. */
  operator: WalletClient<Transport, Chain, Account>;
  /** HedgeExecutor: owns the orders, holds each sell amount until the settlement pulls it. */
  executor: Address;
  /** The GPv2Settlement the orders are signed for (the executor must be configured for it). */
  settlement: Address;
  /** The orderbook: the local one, or a real one; default the HEDGE_ROUTER_COW_ORDERBOOK_URL env. */
  orderbookUrl?: string;
  /** The pair's pools, for the mid price (the quote's reference). */
  pools: readonly V3PoolRef[];
  /** Seconds between auctions (expected wait ≈ half of it plus the settlement). */
  auctionIntervalSeconds: number;
  /** How long an order rests before it is reclaimed and the router falls back (default 3 auctions). */
  validitySeconds?: number;
  protocolFeeBps?: number;
  /** For the fill probability of tight limits (default 0.6). */
  annualVolatility?: number;
  priorityFeeWei?: bigint;
  pollIntervalMs?: number;
};

const APP_CODE = 'hedge-router';

/**
 * The batch-auction venue on CoW Protocol. A leg becomes a fill-or-kill sell order owned by
 * HedgeExecutor: the operator calls `placeCowOrder`, which pulls exactly the leg's sell amount
 * from the vault, registers the order digest (receiver the vault, limit the leg's minimum) and
 * lets the settlement's vault relayer take it; the order is signed with the CoW SDK (EIP-712
 * against the configured settlement) by the operator key, which the executor's
 * `isValidSignature` accepts only for orders it registered (EIP-1271). The vault never hands
 * over a key and its funds can only go to the settlement for that order or back to it. The
 * order is posted, tracked and read back with the SDK's OrderBookApi; a fill is reconciled
 * from the settlement's Trade event. An order whose limit is not met rests until it expires;
 * `track` then reclaims the funds (the order is invalidated on chain and the leg id freed) and
 * reports not-included, so the router falls back.
 */
export function createBatchAuctionVenue(params: BatchAuctionVenueParameters): Venue {
  const name = params.name ?? 'batch-auction';
  const orderbook = createOrderbookClient({
    chainId: params.chainId,
    ...(params.orderbookUrl ? { orderbookUrl: params.orderbookUrl } : {}),
  });
  const protocolFeeBps = params.protocolFeeBps ?? 2;
  const validitySeconds = params.validitySeconds ?? params.auctionIntervalSeconds * 3;
  const priorityFeeWei = params.priorityFeeWei ?? 1_000_000_000n;
  const pollIntervalMs = params.pollIntervalMs ?? 100;

  const sendOperatorCall = async (data: Hex) => {
    // Nonce, signature and broadcast as one step per operator key (see operatorLock).
    const { signed, hash } = await withOperatorLock(params.operator.account.address, async () => {
      const tx = await signExecutorTransaction(
        params.client,
        params.operator,
        { to: params.executor, data },
        { gasUnits: PLACEMENT_GAS_UNITS * 2n, priorityFeeWei, nonceTag: 'pending' },
      );
      return {
        signed: tx.signed,
        hash: await params.client.sendRawTransaction({ serializedTransaction: tx.signed }),
      };
    });
    const receipt = await params.client.waitForTransactionReceipt({ hash, pollingInterval: pollIntervalMs });
    return { signed, hash, receipt };
  };

  const reclaim = async (legId: Hex) => {
    const { receipt } = await sendOperatorCall(
      encodeFunctionData({ abi: hedgeExecutorAbi, functionName: 'reclaimCowOrder', args: [legId] }),
    );
    return receipt.status === 'success';
  };

  const chainNow = async () => Number((await params.client.getBlock({ blockTag: 'latest' })).timestamp);

  return {
    name,
    kind: 'batch-auction',
    async quote({ intent }) {
      const pools = poolsForIntent(params.pools, intent);
      const [observed, response] = await Promise.all([
        observeV3Pools(params.client, pools),
        pools.length === 0
          ? undefined
          : orderbook.getQuote({
              sellToken: intent.sellToken,
              buyToken: intent.buyToken,
              from: params.executor,
              receiver: intent.vault,
              kind: OrderQuoteSideKindSell.SELL,
              sellAmountBeforeFee: intent.sellAmount.toString(),
              signingScheme: SigningScheme.EIP1271,
            }),
      ]);
      const observation: BatchAuctionObservation = {
        kind: 'batch-auction',
        venue: name,
        chainId: params.chainId,
        deepestPool: observed.pools.reduce<ObservedPool | null>(
          (a, b) => (a === null || b.state.liquidity > a.state.liquidity ? b : a),
          null,
        ),
        orderbookQuote: response
          ? {
              sellAmount: BigInt(response.quote.sellAmount),
              buyAmount: BigInt(response.quote.buyAmount),
              feeAmount: BigInt(response.quote.feeAmount),
            }
          : null,
        protocolFeeBps,
        auctionIntervalSeconds: params.auctionIntervalSeconds,
        validitySeconds,
        annualVolatility: params.annualVolatility ?? 0.6,
      };
      return { observation, candidates: batchAuctionCandidatesAt(observation, { intent }) };
    },

    async submit(leg): Promise<Submission> {
      const id = legIdOf(leg.intentHash, leg.legIndex);
      const now = await chainNow();
      const validTo = Math.min(leg.intent.deadline, now + validitySeconds);
      const fullAppData = JSON.stringify({ appCode: APP_CODE, metadata: { legId: id }, version: '1.3.0' });
      const appData = keccak256(stringToHex(fullAppData));
      const order = {
        sellToken: leg.intent.sellToken,
        buyToken: leg.intent.buyToken,
        // The intent's vault: it approved the executor, and it is the order's receiver.
        receiver: leg.intent.vault,
        sellAmount: leg.leg.sellAmount,
        buyAmount: leg.leg.quote.minBuyAmount,
        validTo,
        appData,
      };
      // Sign first: nothing moves if signing fails.
      const signature = await signCowOrder({
        client: params.client,
        operator: params.operator.account,
        chainId: params.chainId,
        settlement: params.settlement,
        order,
      });
      const blockNumber = await params.client.getBlockNumber({ cacheTime: 0 });
      const placed = await sendOperatorCall(
        encodeFunctionData({
          abi: hedgeExecutorAbi,
          functionName: 'placeCowOrder',
          args: [
            {
              legId: id,
              vault: leg.intent.vault,
              sellToken: order.sellToken,
              buyToken: order.buyToken,
              sellAmount: order.sellAmount,
              minBuyAmount: order.buyAmount,
              validTo,
              appData,
            },
          ],
        }),
      );
      if (placed.receipt.status !== 'success')
        throw new HedgeRouterError('TRANSACTION_REVERTED', {
          shortMessage: `placeCowOrder reverted in ${placed.hash} (leg ${id} already executed, or past its deadline)`,
        });
      const event = placed.receipt.logs
        .filter((l) => l.address.toLowerCase() === params.executor.toLowerCase())
        .map((l) => decodeEventLog({ abi: hedgeExecutorAbi, data: l.data, topics: l.topics }))
        .find((e) => e.eventName === 'CowOrderPlaced');
      if (event?.eventName !== 'CowOrderPlaced')
        throw new HedgeRouterError('UPSTREAM_FAILED', {
          shortMessage: `placement ${placed.hash} emitted no CowOrderPlaced`,
        });
      const uid = event.args.orderUid;
      try {
        const posted = await orderbook.sendOrder({
          ...order,
          sellAmount: order.sellAmount.toString(),
          buyAmount: order.buyAmount.toString(),
          appData: fullAppData,
          appDataHash: appData,
          feeAmount: '0',
          kind: 'sell' as never,
          partiallyFillable: false,
          signingScheme: SigningScheme.EIP1271,
          signature,
          from: params.executor,
        });
        if (posted.toLowerCase() !== uid.toLowerCase())
          throw new HedgeRouterError('UPSTREAM_FAILED', {
            shortMessage: `orderbook computed uid ${posted}, the executor registered ${uid}`,
          });
      } catch (error) {
        // The book refused it: give the vault its funds back before reporting the failure.
        await reclaim(id);
        const body = (error as { body?: { errorType?: string; description?: string } }).body;
        // An answer with an errorType is the book's refusal; anything else, the book failing.
        throw new HedgeRouterError(body?.errorType ? 'VENUE_REFUSED' : 'UPSTREAM_FAILED', {
          shortMessage: `orderbook refused the order: ${body?.errorType ?? ''} ${body?.description ?? (error as Error).message}`,
          cause: error,
        });
      }
      return {
        venue: name,
        candidateId: leg.leg.candidateId,
        legId: id,
        txHash: placed.hash,
        signedTransaction: placed.signed,
        submittedAtBlock: blockNumber.toString(),
        order: { uid, validTo },
      };
    },

    async track(submission, leg, options = {}): Promise<TrackOutcome> {
      const order = submission.order;
      // Recorded by submit with its order: a record without one is not this venue's.
      if (!order)
        throw new HedgeRouterError('LEDGER_RECORD_INVALID', {
          shortMessage: `submission of leg ${submission.legId} carries no order`,
        });
      for (;;) {
        const book = await orderbook.getOrder(order.uid);
        if (book.status === 'fulfilled') return filled(submission, leg, order.uid);
        const now = await chainNow();
        if (book.status === 'cancelled' || book.status === 'expired' || now > order.validTo) {
          // Past validTo the settlement refuses the order; reclaiming invalidates it anyway.
          // If the reclaim fails, the order filled in the meantime: read the fill.
          const open = await params.client.readContract({
            address: params.executor,
            abi: hedgeExecutorAbi,
            functionName: 'cowOrders',
            args: [submission.legId],
          });
          if (open[3] && !(await reclaim(submission.legId))) continue;
          return {
            status: 'not-included',
            reason: `batch-auction order ${book.status === 'open' ? 'expired' : book.status} unfilled (limit not met by validTo ${order.validTo}); the sell amount went back to the vault`,
          };
        }
        await sleep(pollIntervalMs, options.signal);
      }
    },

    async cancel(submission) {
      // EIP-1271 orders cannot be cancelled by a signed off-chain message (the real API accepts
      // only ECDSA cancellations): the owner invalidates them on chain, which the book picks up.
      const open = await params.client.readContract({
        address: params.executor,
        abi: hedgeExecutorAbi,
        functionName: 'cowOrders',
        args: [submission.legId],
      });
      if (open[3] && !(await reclaim(submission.legId)))
        throw new HedgeRouterError('CONFLICT', {
          shortMessage: `cannot cancel leg ${submission.legId}: its order already filled`,
        });
    },
  };

  async function filled(submission: Submission, leg: VenueLeg, uid: Hex): Promise<TrackOutcome> {
    const trades = await orderbook.getTrades({ orderUid: uid });
    const txHash = trades[0]?.txHash;
    if (!txHash)
      throw new HedgeRouterError('UPSTREAM_FAILED', {
        shortMessage: `order ${uid} is fulfilled but the book lists no settlement transaction`,
      });
    const reconciliation = await reconcileCowFill(params.client, {
      settlement: params.settlement,
      settlementTxHash: txHash as Hex,
      placementTxHash: submission.txHash,
      orderUid: uid,
      vault: leg.intent.vault,
      sellToken: leg.intent.sellToken,
      buyToken: leg.intent.buyToken,
      quotedBuyAmount: leg.leg.quote.expectedBuyAmount,
      arrivalMidBuyAmount: leg.arrivalMidBuyAmount,
    });
    return { status: 'filled', reconciliation };
  }
}
