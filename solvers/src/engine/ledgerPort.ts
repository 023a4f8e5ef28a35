import type { RouteLeg } from '@hedge-router/router';
import type { Submission } from '../venues/types.js';
import type {
  AttemptOutcome,
  DecisionRecord,
  IntentRecord,
  IntentStatus,
  RecordedDecision,
  SubmissionRecord,
  SubmissionStatus,
} from './ledgerRecords.js';

/**
 * What the engine needs of a ledger: the intent lifecycle's writes and reads, as typed records.
 * The service's SQL ledger (api) and the in-memory one (`createMemoryLedger`, for the execution
 * benchmark and tests) implement it. Every write happens before the engine acts on it, so a
 * crash at any point resumes from the ledger without losing or repeating a trade.
 */
export type LedgerPort = {
  /**
   * Moves an intent to `status` with its event, atomically. With `from`, only if the intent is
   * still in one of those statuses: false when someone else moved it.
   */
  transition(
    id: string,
    status: IntentStatus,
    params?: { reason?: string | null; detail?: Record<string, unknown>; from?: readonly IntentStatus[] },
  ): Promise<boolean>;

  recordDecision(intentId: string, decision: RecordedDecision): Promise<void>;
  /** Every decision about the intent, oldest first. */
  listDecisions(intentId: string): Promise<DecisionRecord[]>;

  /** Records a leg about to be sent (before the venue is called): a crash after this resumes it. */
  beginSubmission(params: {
    intentId: string;
    legIndex: number;
    attempt: number;
    venue: string;
    candidateId: string;
    leg: RouteLeg;
  }): Promise<SubmissionRecord>;
  updateSubmission(
    id: string,
    params: { status: SubmissionStatus; submission?: Submission; outcome?: AttemptOutcome },
  ): Promise<void>;
  /** Every attempt of every leg of the intent, by leg, then attempt. */
  listSubmissions(intentId: string): Promise<SubmissionRecord[]>;

  // Leases, for netting: a pair is crossed by the process that leased both intents.
  /** New intents (received, not leased) created at or after `sinceIso`, oldest first. */
  listWaitingIntents(sinceIso: string): Promise<IntentRecord[]>;
  /** Leases both intents to `workerId` atomically, only if both are still received and free. */
  claimPair(ids: readonly [string, string], workerId: string, leaseMs: number): Promise<boolean>;
  /** Extends a lease this worker holds; false if another worker took the intent meanwhile. */
  renewLease(id: string, workerId: string, leaseMs: number): Promise<boolean>;
  releaseLease(id: string, workerId: string): Promise<void>;
};
