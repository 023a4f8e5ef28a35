import { randomUUID } from 'node:crypto';
import type { HedgeIntent } from '@hedge-router/router';
import type { Hex } from 'viem';
import type { LedgerPort } from './ledgerPort.js';
import type { DecisionRecord, IntentRecord, IntentStatus, SubmissionRecord } from './ledgerRecords.js';

/** An in-memory ledger: the engine's port, plus intake and a status history. */
export type MemoryLedger = LedgerPort & {
  insertIntent(params: {
    chainId: number;
    intentHash: Hex;
    intent: HedgeIntent;
    signature: Hex;
    signer: string;
  }): IntentRecord;
  getIntent(id: string): IntentRecord | undefined;
  /** Every status an intent went through, with its reason and detail, oldest first. */
  events(id: string): { status: IntentStatus; reason: string | null; detail: Record<string, unknown> }[];
};

/**
 * The engine's ledger in process memory, for one process that needs no durability: the
 * execution benchmark drives the engine through it, and tests use it to exercise the lifecycle
 * without a database. Records are copied in and out, so callers cannot change what it holds, as
 * with a real store. Leases are honoured the same way as the SQL ledger's.
 */
export function createMemoryLedger(clock: () => Date = () => new Date()): MemoryLedger {
  const intents = new Map<string, IntentRecord & { lockedBy: string | null; lockedUntil: number | null }>();
  const decisions: DecisionRecord[] = [];
  const submissions: SubmissionRecord[] = [];
  const events = new Map<string, ReturnType<MemoryLedger['events']>>();
  const iso = () => clock().toISOString();
  const copy = <T>(value: T): T => structuredClone(value);
  const publicIntent = ({
    lockedBy: _b,
    lockedUntil: _u,
    ...record
  }: IntentRecord & { lockedBy: unknown; lockedUntil: unknown }) => copy(record);
  const free = (r: { lockedUntil: number | null }) =>
    r.lockedUntil === null || r.lockedUntil < clock().getTime();

  return {
    insertIntent(params) {
      const id = randomUUID();
      const at = iso();
      const record = {
        id,
        chainId: params.chainId,
        vault: params.intent.vault.toLowerCase(),
        intentHash: params.intentHash,
        intent: copy(params.intent),
        signature: params.signature,
        signer: params.signer.toLowerCase(),
        status: 'received' as const,
        statusReason: null,
        createdAt: at,
        updatedAt: at,
        lockedBy: null,
        lockedUntil: null,
      };
      intents.set(id, record);
      events.set(id, [{ status: 'received', reason: null, detail: {} }]);
      return publicIntent(record);
    },
    getIntent(id) {
      const record = intents.get(id);
      return record && publicIntent(record);
    },
    events: (id) => copy(events.get(id) ?? []),

    async transition(id, status, params = {}) {
      const record = intents.get(id);
      if (!record || (params.from && !params.from.includes(record.status))) return false;
      record.status = status;
      record.statusReason = params.reason ?? null;
      record.updatedAt = iso();
      events.get(id)?.push({ status, reason: params.reason ?? null, detail: copy(params.detail ?? {}) });
      return true;
    },

    async recordDecision(intentId, decision) {
      decisions.push({ id: decisions.length + 1, intentId, createdAt: iso(), decision: copy(decision) });
    },
    async listDecisions(intentId) {
      return copy(decisions.filter((d) => d.intentId === intentId));
    },

    async beginSubmission(params) {
      const at = iso();
      const record: SubmissionRecord = {
        id: randomUUID(),
        ...copy(params),
        status: 'submitting',
        submission: null,
        outcome: null,
        createdAt: at,
        updatedAt: at,
      };
      submissions.push(record);
      return copy(record);
    },
    async updateSubmission(id, params) {
      const record = submissions.find((s) => s.id === id);
      // The engine updates only submissions it began here: a missing one is a bug, not a condition.
      // Only the engine calls this, with an id beginSubmission returned: a bug, not an input.
      if (!record) throw new Error(`no submission ${id}`);
      record.status = params.status;
      record.updatedAt = iso();
      if (params.submission !== undefined) record.submission = copy(params.submission);
      if (params.outcome !== undefined) record.outcome = copy(params.outcome);
    },
    async listSubmissions(intentId) {
      return copy(
        submissions
          .filter((s) => s.intentId === intentId)
          .sort((a, b) => a.legIndex - b.legIndex || a.attempt - b.attempt),
      );
    },

    async listWaitingIntents(sinceIso) {
      return [...intents.values()]
        .filter((r) => r.status === 'received' && r.createdAt >= sinceIso && free(r))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map(publicIntent);
    },
    async claimPair(ids, workerId, leaseMs) {
      const pair = ids.map((id) => intents.get(id));
      if (!pair.every((r) => r && r.status === 'received' && free(r))) return false;
      for (const r of pair)
        if (r) Object.assign(r, { lockedBy: workerId, lockedUntil: clock().getTime() + leaseMs });
      return true;
    },
    async renewLease(id, workerId, leaseMs) {
      const record = intents.get(id);
      if (record?.lockedBy !== workerId) return false;
      record.lockedUntil = clock().getTime() + leaseMs;
      return true;
    },
    async releaseLease(id, workerId) {
      const record = intents.get(id);
      if (record?.lockedBy === workerId) Object.assign(record, { lockedBy: null, lockedUntil: null });
    },
  };
}
