import { HedgeRouterError } from '@hedge-router/router';
import {
  type Account,
  type Address,
  type Chain,
  type Hex,
  keccak256,
  type PublicClient,
  TransactionReceiptNotFoundError,
  type Transport,
  type WalletClient,
} from 'viem';
import {
  isSuperseded,
  poolOfCandidate,
  signExecutorTransaction,
  swapV3Calldata,
} from '../shared/executorTransaction.js';
import { withOperatorLock } from '../shared/operatorLock.js';
import { outcomeOfMinedLeg, sleep } from '../shared/trackExecutorTransaction.js';
import { atHeadBlock, observeV3Pools, poolsForIntent, type V3PoolRef } from '../shared/v3Market.js';
import type { Submission, TrackOutcome, Venue } from '../types.js';
import { type BundleObservation, bundleBlocksLeft, bundleCandidatesAt } from './bundleCandidates.js';
import { createFlashbotsClient, type FlashbotsClient, RelayError, relayCall } from './flashbotsClient.js';

export type BundleVenueParameters = {
  /** Venue name and candidate-id prefix; default 'private-bundle'. */
  name?: string;
  chainId: number;
  client: PublicClient;
  /** The chain's RPC URL, for the Flashbots client's own provider. */
  rpcUrl: string;
  /** The relay: the local relay's URL, or https://relay.flashbots.net against mainnet. */
  relayUrl: string;
  /** Key that signs X-Flashbots-Signature (reputation only, holds no funds). */
  relayAuthKey: Hex;
  operator: WalletClient<Transport, Chain, Account>;
  executor: Address;
  pools: readonly V3PoolRef[];
  blockTimeSeconds: number;
  /**
   * Probability in (0, 1] that one target block includes the bundle (the share of blocks the
   * relay's builders win: ~0.9 on mainnet, where ~10% of blocks are built without MEV-Boost).
   */
  inclusionProbability: number;
  /** Priority fee per gas paid to the block's builder (default 2 gwei). */
  priorityFeeWei?: bigint;
  /**
   * The priority fee the router's gas price already counts (the API's market snapshot prices gas
   * at base fee + 1 gwei, what a public transaction bids; default 1 gwei). The bundle's priority
   * fee above it is the builder's tip: a real cost a public route does not pay, quoted as a fee.
   */
  pricedPriorityFeeWei?: bigint;
  /** The chain's wrapped native token: converts the builder tip (wei) into the buy token. */
  wrappedNative?: Address;
  pollIntervalMs?: number;
  /**
   * Bound on one relay request (eth_callBundle, eth_sendBundle), ms; default 5000. A relay that
   * does not answer in time fails that request instead of holding the operator lock (ethers'
   * default is 5 minutes).
   */
  relayTimeoutMs?: number;
  /**
   * Resubmissions the relay may fail in a row (one per block: refused, HTTP error, bad answer or
   * timeout) before `track` gives the bundle up as not-included; default 3.
   */
  maxRelayFailures?: number;
};

/** Times the relay may answer "target not after the current block" before a send gives up. */
const MAX_STALE_TARGET_RETRIES = 10;

/** The receipt of a mined transaction, or undefined if it is not mined; RPC errors throw. */
async function receiptIfMined(client: PublicClient, hash: Hex) {
  try {
    return await client.getTransactionReceipt({ hash });
  } catch (error) {
    if (error instanceof TransactionReceiptNotFoundError) return undefined;
    throw error;
  }
}

/**
 * The private bundle venue: the executor transaction is signed and sent as a one-transaction
 * bundle through the real Flashbots client (`eth_callBundle` to simulate, then `eth_sendBundle`
 * for each next block until included or the intent's deadline passes). Searchers never see it,
 * so its quote has no MEV leakage and the leg's bound is the intent's limit; what it pays
 * instead is delay: each block is won by the relay's builders only with `inclusionProbability`.
 */
export function createBundleVenue(params: BundleVenueParameters): Venue {
  const name = params.name ?? 'private-bundle';
  const priorityFeeWei = params.priorityFeeWei ?? 2_000_000_000n;
  const pollIntervalMs = params.pollIntervalMs ?? Math.max(10, (params.blockTimeSeconds * 1000) / 4);
  const tipPerGasWei = priorityFeeWei - (params.pricedPriorityFeeWei ?? 1_000_000_000n);
  const maxRelayFailures = params.maxRelayFailures ?? 3;
  let flashbots: Promise<FlashbotsClient> | undefined;
  const client = () => {
    if (!flashbots) {
      const created = createFlashbotsClient({
        rpcUrl: params.rpcUrl,
        chainId: params.chainId,
        relayUrl: params.relayUrl,
        authPrivateKey: params.relayAuthKey,
        pollingIntervalMs: pollIntervalMs,
        ...(params.relayTimeoutMs !== undefined ? { relayTimeoutMs: params.relayTimeoutMs } : {}),
      });
      // A failed creation is not kept: the next call tries again.
      created.catch(() => {
        if (flashbots === created) flashbots = undefined;
      });
      flashbots = created;
    }
    return flashbots;
  };

  // A bundle targets the block after the head. Blocks can be mined between reading the head and
  // the relay receiving the bundle, so a "target not after the current block" answer is retried
  // for a later block: at once if our head moved (a race), after a poll interval if it did not
  // (the relay's node is ahead of ours). Returns the target with the relay's failure, if any;
  // chain RPC errors throw.
  const sendForNextBlock = async (signed: Hex): Promise<{ target: bigint; error?: RelayError }> => {
    const fb = await client();
    let target = 0n;
    let previousHead: bigint | undefined;
    for (let attempt = 0; ; attempt++) {
      const head = await params.client.getBlockNumber({ cacheTime: 0 });
      if (previousHead !== undefined && head <= previousHead) await sleep(pollIntervalMs);
      previousHead = head;
      target = head + 1n > target ? head + 1n : target + 1n;
      try {
        await relayCall(fb, `eth_sendBundle for block ${target}`, () =>
          fb.bundles.sendRawBundle([signed], Number(target)),
        );
        return { target };
      } catch (error) {
        if (!(error instanceof RelayError)) throw error;
        const stale = error.kind === 'refused' && /not after the current block/.test(error.message);
        if (stale && attempt < MAX_STALE_TARGET_RETRIES) continue;
        return { target, error };
      }
    }
  };

  return {
    name,
    kind: 'private-bundle',
    // The observation depends on the block and the pair only, the candidates on the blocks left
    // too (not on the size): built once per block for each, shared by every quote.
    quote({ intent, nowSeconds }) {
      const blocksLeft = bundleBlocksLeft(intent, nowSeconds, params.blockTimeSeconds);
      return atHeadBlock(
        params.client,
        `${name}:candidates:${intent.sellToken}:${intent.buyToken}:${blocksLeft}`,
        async (head) => {
          const observed = await observeV3Pools(params.client, poolsForIntent(params.pools, intent), head);
          const observation: BundleObservation = {
            kind: 'private-bundle',
            venue: name,
            chainId: params.chainId,
            blockNumber: observed.blockNumber,
            blockTimeSeconds: params.blockTimeSeconds,
            inclusionProbability: params.inclusionProbability,
            tipPerGasWei,
            wrappedNative: params.wrappedNative ?? null,
            pools: observed.pools,
          };
          return { observation, candidates: bundleCandidatesAt(observation, { intent, nowSeconds }) };
        },
      );
    },

    async submit(leg): Promise<Submission> {
      const pool = poolOfCandidate(leg.leg.candidateId, params.pools);
      const call = swapV3Calldata({ executor: params.executor, pool, leg });
      // Nonce, signature, simulation and first send as one step per operator key.
      const { signed, target } = await withOperatorLock(params.operator.account.address, async () => {
        const tx = await signExecutorTransaction(params.client, params.operator, call, {
          gasUnits: leg.leg.quote.gasUnits,
          priorityFeeWei,
          nonceTag: 'latest',
        });
        const blockNumber = await params.client.getBlockNumber({ cacheTime: 0 });
        const fb = await client();
        const simulation = await relayCall(fb, 'eth_callBundle (the bundle simulation)', () =>
          fb.bundles.simulate([tx.signed], Number(blockNumber + 1n), Number(blockNumber)),
        );
        if (simulation.firstRevert) {
          const revert = simulation.firstRevert as { error?: string; revert?: string };
          throw new HedgeRouterError('VENUE_REFUSED', {
            shortMessage: `bundle would revert: ${revert.revert || revert.error || 'reverted'}`,
          });
        }
        const sent = await sendForNextBlock(tx.signed);
        // Refused or failed: the relay does not hold the bundle, nothing can execute. A timeout
        // is not known to have failed (the relay may have taken the bundle for its target
        // block), so it is returned as a submission, and track finds out.
        if (sent.error && sent.error.kind !== 'timeout') throw sent.error;
        return { signed: tx.signed, target: sent.target };
      });
      return {
        venue: name,
        candidateId: leg.leg.candidateId,
        legId: call.legId,
        txHash: keccak256(signed),
        signedTransaction: signed,
        submittedAtBlock: (target - 1n).toString(),
      };
    },

    // Follows the bundle block by block: once the head reaches the block it was last sent for,
    // it is mined (reconciled), superseded, past the deadline, or resent for the next block.
    // The relay failing a resend (refused, HTTP error, bad answer, timeout) is not an error of
    // track: the bundle is tried again at the next block, and after `maxRelayFailures` failures
    // in a row it is reported not-included (it cannot be included without the relay; a bundle
    // targets one block, so once that block has passed without it nothing is pending). Chain
    // RPC errors throw: whether the leg executed is then unknown, and tracking must be resumed.
    async track(submission, leg, options = {}): Promise<TrackOutcome> {
      const pool = poolOfCandidate(submission.candidateId, params.pools);
      let targetBlock = BigInt(submission.submittedAtBlock) + 1n;
      let relayFailures = 0;
      let lastRelayError: RelayError | undefined;
      for (;;) {
        const head = await params.client.getBlock({ blockTag: 'latest' });
        if (head.number >= targetBlock) {
          if (await receiptIfMined(params.client, submission.txHash)) {
            return outcomeOfMinedLeg(params.client, {
              txHash: submission.txHash,
              executor: params.executor,
              vault: leg.intent.vault,
              pool,
              leg,
              legId: submission.legId,
            });
          }
          if (await isSuperseded(params.client, submission.signedTransaction)) {
            return {
              status: 'not-included',
              reason: 'superseded: another operator transaction took its nonce',
            };
          }
          if (head.timestamp + BigInt(params.blockTimeSeconds) > BigInt(leg.intent.deadline)) {
            return {
              status: 'not-included',
              reason:
                `bundle not included by the deadline (last target block ${targetBlock})` +
                (lastRelayError ? `; the relay's last failure: ${lastRelayError.message}` : ''),
            };
          }
          if (relayFailures >= maxRelayFailures && lastRelayError) {
            return {
              status: 'not-included',
              reason: `the relay failed ${relayFailures} resubmissions in a row, the bundle cannot be included without it (last: ${lastRelayError.message})`,
            };
          }
          // Missed: a bundle targets one block, so resubmit for the next one.
          const sent = await sendForNextBlock(submission.signedTransaction);
          targetBlock = sent.target;
          relayFailures = sent.error ? relayFailures + 1 : 0;
          lastRelayError = sent.error;
        }
        await sleep(pollIntervalMs, options.signal);
      }
    },
  };
}
