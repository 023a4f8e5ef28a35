import type { HedgeIntent, RouteCandidate, RouteLeg } from '@hedge-router/router';
import type { Hex } from 'viem';
import type { LegReconciliation } from '../reconcile/reconcileLeg.js';
import type { BatchAuctionObservation } from './batchAuction/batchAuctionCandidates.js';
import type { BundleObservation } from './bundle/bundleCandidates.js';
import type { CrossChainObservation } from './crossChain/crossChainCandidates.js';
import type { PublicAmmObservation } from './publicAmm/publicAmmCandidates.js';

/** What a venue is asked to quote: the intent, its EIP-712 hash, and the clock. */
export type VenueQuoteRequest = {
  intent: HedgeIntent;
  /** EIP-712 hash of the intent: leg ids (the executor's replay keys) derive from it. */
  intentHash: Hex;
  /** Unix seconds at decision time. */
  nowSeconds: number;
};

/** One leg of a chosen plan, as handed to the venue that owns its candidate. */
export type VenueLeg = {
  intent: HedgeIntent;
  intentHash: Hex;
  /** Index of the leg in the plan: with the intent hash, the executor's replay key. */
  legIndex: number;
  leg: RouteLeg;
  /** What the leg's sell amount is worth at the arrival mid (buy-token base units), for slippage vs mid. */
  arrivalMidBuyAmount: bigint;
};

/**
 * A submitted leg, JSON-serialisable (bigints as decimal strings) so the ledger can store it and
 * a restarted worker can go on tracking it.
 */
export type Submission = {
  venue: string;
  candidateId: string;
  legId: Hex;
  /** The executor transaction's hash (the same on every resubmission of a bundle). */
  txHash: Hex;
  /** The signed transaction (bundles resubmit it per block). */
  signedTransaction: Hex;
  /** Block number at submission, decimal string. */
  submittedAtBlock: string;
  /**
   * Order-based venues (batch auctions): the order the transaction placed. `txHash` and
   * `signedTransaction` are then the placement transaction (the executor pulling the sell
   * amount and registering the order); the fill comes later, in a settlement transaction.
   */
  order?: { uid: Hex; validTo: number };
};

export type TrackOutcome =
  | { status: 'filled'; reconciliation: Extract<LegReconciliation, { status: 'filled' }> }
  | { status: 'reverted'; reconciliation: Extract<LegReconciliation, { status: 'reverted' }> }
  /** Never executed (not mined or not included by the deadline): safe to fall back. */
  | { status: 'not-included'; reason: string };

/** A venue's quote: its observation and the candidates built from it. */
export type VenueQuote = { observation: VenueObservation; candidates: RouteCandidate[] };

/**
 * What each venue kind observes when it quotes, by kind: enough to build the same candidates
 * again (see registry). Open: a new venue kind adds its entry by declaration merging
 * (`declare module '@hedge-router/solvers' { interface VenueObservations { … } }`) and registers
 * its module (registerVenueModule).
 */
export interface VenueObservations {
  'public-amm': PublicAmmObservation;
  'private-bundle': BundleObservation;
  'batch-auction': BatchAuctionObservation;
  'cross-chain': CrossChainObservation;
}

/**
 * The ways a leg reaches the chain: a transaction in the public mempool, a bundle through a
 * private relay, an order in a batch auction, a deposit into a bridge (and any registered kind).
 */
export type VenueKind = keyof VenueObservations;

/** An observation of any venue kind. */
export type VenueObservation = VenueObservations[VenueKind];

/**
 * One way to execute hedges: a plain object made by a factory. `quote` turns an intent into
 * an observation and candidate routes (pure quoting functions the router prices and splits); `submit` sends a
 * chosen leg; `track` follows it to a fill or a definite non-fill. Venues are handed to the
 * router as a list.
 */
export type Venue = {
  /** Unique among the venues handed to the router; candidate ids start with it. */
  name: string;
  /**
   * How the venue's legs reach the chain: a simulation produces the blocks, auctions and bridge
   * fills each kind needs (the service needs nothing: the real world produces them).
   */
  kind: VenueKind;
  /**
   * What the venue prices from right now (its observation: plain data, recorded with the
   * decision) and the candidates its module's pure `candidatesAt` builds from it.
   */
  quote: (request: VenueQuoteRequest) => Promise<VenueQuote>;
  submit: (leg: VenueLeg) => Promise<Submission>;
  track: (submission: Submission, leg: VenueLeg, options?: { signal?: AbortSignal }) => Promise<TrackOutcome>;
  /**
   * Withdraws a submitted leg that has not filled (venues with resting orders); afterwards
   * `track` reports it not-included. Absent where a submission cannot be withdrawn.
   */
  cancel?: (submission: Submission, leg: VenueLeg) => Promise<void>;
};
