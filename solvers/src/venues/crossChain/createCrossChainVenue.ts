import { HedgeRouterError, type RouteTiming } from '@hedge-router/router';
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from 'viem';
import { poolOfCandidate, sendOperatorTransaction } from '../shared/executorTransaction.js';
import { observeV3Pools, type V3PoolRef } from '../shared/v3Market.js';
import type { Submission, Venue } from '../types.js';
import { bridgeOutCalldata } from './bridgeOutCalldata.js';
import {
  BRIDGE_OUT_GAS,
  type CrossChainObservation,
  crossChainCandidatesAt,
} from './crossChainCandidates.js';
import { trackCrossChainLeg } from './trackCrossChainLeg.js';

/** The bridge's terms, as its relayers quote them (Across: the suggested-fees API). */
export type BridgeTerms = {
  /** The relayer's fee on each leg, integer bps of the amount bridged. */
  feeBps: number;
  /** Seconds from deposit to fill, each way (the relayer's latency plus a block). */
  outboundSeconds: number;
  returnSeconds: number;
  /** Seconds a deposit may wait for its fill before it is refunded (the fill deadline's distance). */
  fillWindowSeconds: number;
  /** Seconds the return leg may wait for its fill, after the outbound deadline. Default fillWindowSeconds. */
  returnFillWindowSeconds?: number;
  /** Probability in [0, 1] that a relayer fills a deposit at these terms. Default 1. */
  fillProbability?: number;
};

export type CrossChainVenueParameters = {
  /** Venue name and candidate-id prefix; default 'cross-chain'. */
  name?: string;
  /** The chain the intents and vaults live on: its executor sends legs over the bridge. */
  origin: {
    chainId: number;
    client: PublicClient;
    /** The router's operator key, the only caller the executor accepts. */
    operator: WalletClient<Transport, Chain, Account>;
    executor: Address;
    spokePool: Address;
  };
  /** The chain whose pools the legs are sold on (its executor runs the destination action). */
  destination: {
    chainId: number;
    client: PublicClient;
    executor: Address;
    spokePool: Address;
    pools: readonly V3PoolRef[];
  };
  /** Each origin token the bridge carries and its counterpart on the destination. */
  tokenRoutes: readonly { origin: Address; destination: Address }[];
  bridge: BridgeTerms;
  /** Priority fee the operator bids on the origin, wei per gas (default 1 gwei). */
  priorityFeeWei?: bigint;
  /** How often `track` polls both chains (default 100 ms). */
  pollIntervalMs?: number;
  /** Clock for the fill deadlines, unix seconds. Default the wall clock. */
  nowSeconds?: () => number;
};

function invalid(field: string, shortMessage: string): never {
  throw new HedgeRouterError('INVALID_INPUT', { field, shortMessage });
}

function validate(p: CrossChainVenueParameters): void {
  const b = p.bridge;
  if (!(Number.isInteger(b.feeBps) && b.feeBps >= 0 && b.feeBps < 10_000)) {
    invalid('bridge.feeBps', `must be an integer in [0, 10000), got ${b.feeBps}`);
  }
  for (const field of ['outboundSeconds', 'returnSeconds', 'fillWindowSeconds'] as const) {
    if (!(Number.isFinite(b[field]) && b[field] >= 0))
      invalid(`bridge.${field}`, `must be ≥ 0, got ${b[field]}`);
  }
  if (!(b.fillWindowSeconds > b.outboundSeconds)) {
    invalid(
      'bridge.fillWindowSeconds',
      `must exceed bridge.outboundSeconds (${b.outboundSeconds}), got ${b.fillWindowSeconds}`,
    );
  }
  const fillProbability = b.fillProbability ?? 1;
  if (!(fillProbability >= 0 && fillProbability <= 1)) {
    invalid('bridge.fillProbability', `must be in [0, 1], got ${fillProbability}`);
  }
  if (p.origin.chainId === p.destination.chainId) {
    invalid('destination.chainId', `must differ from the origin's (${p.origin.chainId})`);
  }
  if (p.tokenRoutes.length === 0) invalid('tokenRoutes', 'must name at least one token the bridge carries');
  if (p.destination.pools.length === 0) invalid('destination.pools', 'must name at least one pool');
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The cross-chain venue: a leg is bridged over an intent bridge to the destination chain, sold
 * there on a deeper pool by the destination executor (inside the relayer's fill), and the
 * proceeds bridged back to the vault on the origin. The vault's funds only move through the
 * executors: bridgeOut pulls exactly the sell amount into the bridge with the vault as refund
 * address; the destination action enforces the leg's minimum (net of the return fee) or the
 * fill reverts and the deposit is refunded after its deadline. Its quote: both bridge fees, the
 * destination pool's exact impact (read from the destination chain), gas on both chains, and
 * delay risk for both legs' latency.
 */
export function createCrossChainVenue(params: CrossChainVenueParameters): Venue {
  validate(params);
  const name = params.name ?? 'cross-chain';
  const { origin, destination, bridge } = params;
  const priorityFeeWei = params.priorityFeeWei ?? 1_000_000_000n;
  const pollIntervalMs = params.pollIntervalMs ?? 100;
  const nowSeconds = params.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const timing: RouteTiming = {
    expectedSecondsToFill: bridge.outboundSeconds + bridge.returnSeconds,
    fillProbability: bridge.fillProbability ?? 1,
    // A fill that never comes is known when its deposit is refunded, after the fill window.
    secondsLostOnNonFill: bridge.fillWindowSeconds,
  };
  const destinationToken = (token: Address) =>
    params.tokenRoutes.find((r) => same(r.origin, token))?.destination;

  return {
    name,
    kind: 'cross-chain',
    async quote({ intent }) {
      const sellToken = destinationToken(intent.sellToken);
      const buyToken = destinationToken(intent.buyToken);
      const pools =
        sellToken && buyToken
          ? destination.pools.filter(
              (p) =>
                (same(p.token0, sellToken) && same(p.token1, buyToken)) ||
                (same(p.token1, sellToken) && same(p.token0, buyToken)),
            )
          : [];
      const [observed, originBlock] = await Promise.all([
        observeV3Pools(destination.client, pools),
        origin.client.getBlock({ blockTag: 'latest' }),
      ]);
      const observation: CrossChainObservation = {
        kind: 'cross-chain',
        venue: name,
        destinationChainId: destination.chainId,
        destinationSellToken: sellToken && buyToken ? sellToken : null,
        originBaseFeePerGas: originBlock.baseFeePerGas ?? 0n,
        destinationBaseFeePerGas: observed.baseFeePerGas,
        priorityFeeWei,
        bridgeFeeBps: bridge.feeBps,
        timing,
        pools: observed.pools,
      };
      return { observation, candidates: crossChainCandidatesAt(observation) };
    },

    async submit(leg): Promise<Submission> {
      const pool = poolOfCandidate(leg.leg.candidateId, destination.pools);
      const sellToken = destinationToken(leg.intent.sellToken);
      const buyToken = destinationToken(leg.intent.buyToken);
      if (!sellToken || !buyToken) {
        invalid(
          'leg.intent',
          `the bridge carries no route for ${leg.intent.sellToken} → ${leg.intent.buyToken}`,
        );
      }
      const now = nowSeconds();
      if (now >= leg.intent.deadline) invalid('leg.intent.deadline', `already passed (now ${now})`);
      const fillDeadline = Math.min(leg.intent.deadline, now + bridge.fillWindowSeconds);
      const call = bridgeOutCalldata({
        executor: origin.executor,
        leg,
        originChainId: origin.chainId,
        destinationChainId: destination.chainId,
        pool,
        destinationSellToken: sellToken,
        destinationBuyToken: buyToken,
        bridgeFeeBps: bridge.feeBps,
        fillDeadline,
        returnFillDeadline: fillDeadline + (bridge.returnFillWindowSeconds ?? bridge.fillWindowSeconds),
      });
      const { signed, blockNumber, txHash } = await sendOperatorTransaction(
        origin.client,
        origin.operator,
        call,
        {
          gasUnits: BRIDGE_OUT_GAS,
          priorityFeeWei,
        },
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

    track(submission, leg, options = {}) {
      return trackCrossChainLeg({
        origin: { ...origin, priorityFeeWei },
        destination,
        submission,
        leg,
        pollIntervalMs,
        signal: options.signal,
      });
    },
  };
}
