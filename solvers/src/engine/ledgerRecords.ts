// What the engine reads from and writes to its ledger, as typed records. The ledger stores JSON
// (bigints as decimal strings, router's `toJson`); the schemas in recordSchemas.ts decode it
// once, at the adapter, into these types, and reject a record that does not have that shape.
import type { HedgeIntent, RouteLeg } from '@hedge-router/router';
import type { Hex } from 'viem';
import type { Submission, TrackOutcome, VenueObservation } from '../venues/types.js';
import type { RecordedMarket } from './recordSchemas.js';

export type { RecordedMarket, RecordedPool } from './recordSchemas.js';

/** Where an intent is in its lifecycle (see runIntent). */
export const intentStatuses = [
  'received',
  'routing',
  'submitted',
  'partially_filled',
  'filled',
  'expired',
  'failed',
  'cancelled',
] as const;
export type IntentStatus = (typeof intentStatuses)[number];

/**
 * Statuses an intent never leaves, each written once. Partially filled is one: what filled
 * stays filled and the rest cannot be routed any more (running such an intent again only wrote
 * the same status again, hundreds of times a second: issue 15).
 */
export const TERMINAL_STATUSES: readonly IntentStatus[] = [
  'filled',
  'partially_filled',
  'expired',
  'failed',
  'cancelled',
];

/** Statuses an intent moves on from: a terminal status is only ever written from one of these. */
export const LIVE_STATUSES: readonly IntentStatus[] = intentStatuses.filter(
  (s) => !TERMINAL_STATUSES.includes(s),
);

/** Where one submission attempt of a leg is. */
export const submissionStatuses = [
  'submitting',
  'submitted',
  'filled',
  'reverted',
  'not_included',
  'failed',
] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/** How an attempt ended: a venue's TrackOutcome, or the venue refusing it at submission. */
export type AttemptOutcome = TrackOutcome | { status: 'failed'; reason: string };

/** An intent as the engine drives it. */
export type IntentRecord = {
  id: string;
  chainId: number;
  /** Lower-case, as stored. */
  vault: string;
  intentHash: Hex;
  intent: HedgeIntent;
  signature: Hex;
  /** Lower-case. */
  signer: string;
  status: IntentStatus;
  statusReason: string | null;
  /** ISO-8601 UTC. */
  createdAt: string;
  updatedAt: string;
};

/** One attempt at one leg, begun (recorded) before its venue is called. */
export type SubmissionRecord = {
  id: string;
  intentId: string;
  legIndex: number;
  attempt: number;
  venue: string;
  candidateId: string;
  leg: RouteLeg;
  status: SubmissionStatus;
  submission: Submission | null;
  outcome: AttemptOutcome | null;
  createdAt: string;
  updatedAt: string;
};

/** One venue's candidate, priced alone for the whole intent, as a decision records it (the wire view). */
export type CandidateRecord = {
  id: string;
  venue: string;
  available: boolean;
  reason: string | null;
  expectedBuyAmount?: string;
  minBuyAmount?: string;
  expectedDelaySeconds?: number;
  fillProbability?: number;
  cost?: CostRecord;
};

/** A cost breakdown on the wire: each stage's amount as a decimal string (buy-token base units) and its bps. */
export type CostRecord = Record<
  'priceImpact' | 'fees' | 'gas' | 'mevLeakage' | 'delayRisk' | 'fillRisk' | 'total',
  { amount: string; bps: number }
>;

/** One decision about an intent: a route decision, or a netting cross. */
export type RecordedDecision =
  | {
      kind: 'route';
      market: RecordedMarket;
      candidates: CandidateRecord[];
      plan: {
        legs: RouteLeg[];
        cost: RouteLeg['cost'];
        expectedBuyAmount: bigint;
        minBuyAmount: bigint;
      } | null;
      error: { code: string; message: string } | null;
      failures: { venue: string; reason: string }[];
      /** What each venue observed (empty in decisions recorded before venues reported it). */
      observations: VenueObservation[];
      /**
       * Set on a fallback: the re-quote after leg `legIndex` did not fill, and why it did not; its
       * plan is the one leg chosen instead (null when no venue was left). The intent's plan is
       * the last route decision without it.
       */
      fallback?: { legIndex: number; why: string };
    }
  | { kind: 'netting'; with: string; mid: { n: bigint; d: bigint }; leg: RouteLeg };

export type DecisionRecord = { id: number; intentId: string; createdAt: string; decision: RecordedDecision };

/** One intent as a ledger holds it: the intent, every decision, every attempt (for audits). */
export type IntentHistory = {
  intent: IntentRecord;
  decisions: DecisionRecord[];
  submissions: SubmissionRecord[];
};
