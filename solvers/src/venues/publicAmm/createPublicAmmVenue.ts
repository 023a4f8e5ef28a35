import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from 'viem';
import {
  isSuperseded,
  poolOfCandidate,
  sendOperatorTransaction,
  swapV3Calldata,
} from '../shared/executorTransaction.js';
import { outcomeOfMinedLeg, sleep } from '../shared/trackExecutorTransaction.js';
import {
  atHeadBlock,
  observeV3Pools,
  poolsForIntent,
  readV3PoolAtBlock,
  type V3PoolRef,
} from '../shared/v3Market.js';
import type { Submission, Venue } from '../types.js';
import { gasUnitsWithinBound } from './gasUnitsWithinBound.js';
import {
  GAS_PER_TICK_CROSSED,
  type PublicAmmObservation,
  protectedToleranceBps,
  publicAmmCandidatesAt,
  SWAP_GAS_UNITS,
} from './publicAmmCandidates.js';

export type PublicAmmVenueParameters = {
  /** Venue name and candidate-id prefix; default 'public-amm'. */
  name?: string;
  chainId: number;
  client: PublicClient;
  /** The router's operator key, the only caller the executor accepts. */
  operator: WalletClient<Transport, Chain, Account>;
  executor: Address;
  /** The chain's wrapped native token (gas converts to it one for one). */
  wrappedNative: Address;
  pools: readonly V3PoolRef[];
  /** Seconds between blocks, for the expected delay. */
  blockTimeSeconds: number;
  /**
   * 'protected' (default): the minimum output is the tighter of the intent's limit and the
   * break-even bound (no profitable sandwich), where that leaves `minToleranceBps` of room;
   * where it does not, the tighter of the limit and the quote less `minToleranceBps` (a sandwich
   * then takes at most that room, priced as leakage).
   * 'naive': a fixed slippage bound below the quote, as most wallets do (for comparison).
   */
  slippage?: { mode: 'protected'; minToleranceBps?: number } | { mode: 'naive'; bps: number };
  /**
   * Forecast volatility of the pair, annualised (default 0.6). Sets the protected mode's default
   * `minToleranceBps`: two standard deviations of the price over one block, so a break-even bound
   * is used only where an ordinary price move before inclusion reverts the swap at most ~2% of
   * the time. A large hedge's break-even bound is a fraction of a bp (a sandwich pays at almost
   * any room): such a bound would revert about every other block, so the venue quotes the bound
   * that leaves `minToleranceBps` of room, with the sandwich it lets through (at most that room)
   * as leakage, and a private route wins when it costs less.
   */
  annualVolatility?: number;
  /** Probability in [0, 1] that a searcher watches the public mempool (default 1). */
  attackProbability?: number;
  /** Priority fee the operator bids, wei per gas (default 1 gwei). */
  priorityFeeWei?: bigint;
  /** How often `track` polls for the receipt (default a quarter block). */
  pollIntervalMs?: number;
};

/**
 * The public AMM venue: executes a leg through HedgeExecutor on a Uniswap V3 pool of the pair
 * (one candidate per fee tier), sent to the public mempool. Its quote simulates the swap
 * exactly on the pool state read from the chain and carries the expected MEV leakage at the
 * bound it will submit with; by default that bound is just tight enough that no sandwich pays
 * (Heimbach and Wattenhofer), never looser than the intent's limit.
 */
export function createPublicAmmVenue(params: PublicAmmVenueParameters): Venue {
  const name = params.name ?? 'public-amm';
  const slippage = params.slippage ?? { mode: 'protected' };
  const priorityFeeWei = params.priorityFeeWei ?? 1_000_000_000n;
  const pollIntervalMs = params.pollIntervalMs ?? Math.max(10, (params.blockTimeSeconds * 1000) / 4);
  const slippageTerms: PublicAmmObservation['slippage'] =
    slippage.mode === 'protected'
      ? {
          mode: 'protected',
          minToleranceBps:
            slippage.minToleranceBps ??
            protectedToleranceBps({
              annualVolatility: params.annualVolatility ?? 0.6,
              blockTimeSeconds: params.blockTimeSeconds,
            }),
        }
      : slippage;

  return {
    name,
    kind: 'public-amm',
    // The observation and candidates depend on the block and the pair only (not on the size):
    // built once per block and pair, shared by every quote.
    quote: ({ intent }) =>
      atHeadBlock(
        params.client,
        `${name}:candidates:${intent.sellToken}:${intent.buyToken}`,
        async (head) => {
          const observed = await observeV3Pools(params.client, poolsForIntent(params.pools, intent), head);
          const observation: PublicAmmObservation = {
            kind: 'public-amm',
            venue: name,
            chainId: params.chainId,
            ...observed,
            wrappedNative: params.wrappedNative,
            slippage: slippageTerms,
            attackProbability: params.attackProbability ?? 1,
            priorityFeeWei,
            blockTimeSeconds: params.blockTimeSeconds,
          };
          return { observation, candidates: publicAmmCandidatesAt(observation, { intent }) };
        },
      ),

    async submit(leg): Promise<Submission> {
      const pool = poolOfCandidate(leg.leg.candidateId, params.pools);
      const call = swapV3Calldata({ executor: params.executor, pool, leg });
      // Gas for the worst path the bound admits, not only the quoted one: in the public mempool
      // a front-run may push the swap over ticks its quote did not cross (see gasUnitsWithinBound).
      const head = await params.client.getBlockNumber({ cacheTime: 0 });
      const { pool: ammPool } = await readV3PoolAtBlock(params.client, pool.address, head);
      const gasUnits = gasUnitsWithinBound({
        pool: ammPool,
        zeroForOne: pool.token0.toLowerCase() === leg.intent.sellToken.toLowerCase(),
        sellAmount: leg.leg.sellAmount,
        minBuyAmount: leg.leg.quote.minBuyAmount,
        quoteGasUnits: leg.leg.quote.gasUnits,
        baseGasUnits: SWAP_GAS_UNITS,
        gasUnitsPerTickCrossed: GAS_PER_TICK_CROSSED,
      });
      const { signed, blockNumber, txHash } = await sendOperatorTransaction(
        params.client,
        params.operator,
        call,
        { gasUnits, priorityFeeWei },
      );
      return {
        venue: name,
        candidateId: leg.leg.candidateId,
        legId: call.legId,
        txHash,
        signedTransaction: signed,
        submittedAtBlock: blockNumber.toString(),
      };
    },

    async track(submission, leg, options = {}) {
      const pool = poolOfCandidate(submission.candidateId, params.pools);
      // The executor reverts after the deadline, so once a block past it is mined without our
      // transaction, it can never execute: a definite non-fill, safe to fall back.
      for (;;) {
        const receipt = await params.client
          .getTransactionReceipt({ hash: submission.txHash })
          .catch(() => undefined);
        if (receipt) {
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
          // Look once more: the transaction that took the nonce may have been ours.
          if (await params.client.getTransactionReceipt({ hash: submission.txHash }).catch(() => undefined))
            continue;
          return {
            status: 'not-included',
            reason: 'superseded: another operator transaction took its nonce',
          };
        }
        const head = await params.client.getBlock({ blockTag: 'latest' });
        if (head.timestamp > BigInt(leg.intent.deadline)) {
          // Our transaction may have landed in that very block: look once more before giving up.
          const late = await params.client
            .getTransactionReceipt({ hash: submission.txHash })
            .catch(() => undefined);
          if (late) continue;
          return {
            status: 'not-included',
            reason: `not mined by the deadline (block ${head.number} is past it)`,
          };
        }
        await sleep(pollIntervalMs, options.signal);
      }
    },
  };
}
