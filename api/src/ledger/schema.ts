import type { Generated } from 'kysely';

// The ledger's tables. JSON payloads are stored as text so that the same migrations and
// queries run on SQLite and PostgreSQL; timestamps are ISO-8601 strings (UTC) for the same reason.

import type { IntentStatus, SubmissionStatus } from '@hedge-router/solvers';

// The statuses are the engine's (one definition, with the lifecycle that moves them).
export { type IntentStatus, type SubmissionStatus, TERMINAL_STATUSES } from '@hedge-router/solvers';

export type KeepersTable = {
  vault: string;
  keeper: string;
  created_at: string;
};

export type IntentsTable = {
  id: string;
  chain_id: number;
  vault: string;
  nonce: string;
  intent_hash: string;
  /** The intent's wire form (decimal strings), as signed. */
  intent_json: string;
  signature: string;
  signer: string;
  status: IntentStatus;
  status_reason: string | null;
  created_at: string;
  updated_at: string;
  /** Lease of the worker processing it: another worker may take it once the lease has passed. */
  locked_by: string | null;
  locked_until: string | null;
};

export type DecisionsTable = {
  id: Generated<number>;
  intent_id: string;
  created_at: string;
  /** The cost context (mid, gas price, λ, σ) the decision was priced in. */
  context_json: string;
  /** Every candidate route priced at the full size, with its cost stages. */
  candidates_json: string;
  /** The chosen plan (legs, stage sums) and why. */
  plan_json: string;
  /** Venues that failed to quote, with the reason. */
  failures_json: string;
};

export type SubmissionsTable = {
  id: string;
  intent_id: string;
  leg_index: number;
  attempt: number;
  venue: string;
  candidate_id: string;
  /** The leg (size, quote, cost) this submission executes. */
  leg_json: string;
  status: SubmissionStatus;
  /** The venue's Submission (tx hash, signed tx), once sent. */
  submission_json: string | null;
  /** The venue's TrackOutcome (reconciliation), once known. */
  outcome_json: string | null;
  created_at: string;
  updated_at: string;
};

export type EventsTable = {
  id: Generated<number>;
  intent_id: string;
  vault: string;
  status: string;
  detail_json: string;
  created_at: string;
};

export type LedgerSchema = {
  keepers: KeepersTable;
  intents: IntentsTable;
  decisions: DecisionsTable;
  submissions: SubmissionsTable;
  events: EventsTable;
};
