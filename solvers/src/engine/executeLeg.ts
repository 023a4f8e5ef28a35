import type { HedgeIntent, RouteLeg } from '@hedge-router/router';
import type { Hex } from 'viem';
import { legId } from '../chain/legId.js';
import { venueOfCandidate } from '../venues/quoteVenues.js';
import type { Submission, TrackOutcome, VenueLeg } from '../venues/types.js';
import { MAX_SUBMIT_ERRORS } from './constants.js';
import { recordedRouteDecision } from './decisionViews.js';
import { nowSecondsOf } from './engineDeps.js';
import { findExecutedLeg } from './findExecutedLeg.js';
import type { AttemptOutcome, IntentRecord, SubmissionRecord } from './ledgerRecords.js';
import { nextBestLeg } from './nextBestLeg.js';
import type { MoveStatus, RunIntentDeps } from './runIntent.js';

/** A leg's end: filled (with its reconciliation), or not, and why. */
export type LegResult =
  | { status: 'filled'; outcome: Extract<TrackOutcome, { status: 'filled' }> }
  | { status: 'unfilled'; reason: string };

const INTERRUPTED = 'interrupted before it was sent';

/** The leg as its venue is handed it: with what its size is worth at the arrival mid. */
function venueLegOf(p: { intent: HedgeIntent; intentHash: Hex; legIndex: number }, leg: RouteLeg): VenueLeg {
  return {
    intent: p.intent,
    intentHash: p.intentHash,
    legIndex: p.legIndex,
    leg,
    // What the leg's size is worth at the arrival mid: its expected output plus its impact and fees.
    arrivalMidBuyAmount: leg.quote.expectedBuyAmount + leg.cost.priceImpact.amount + leg.cost.fees.amount,
  };
}

/**
 * One leg to its end: resumes an attempt the ledger shows in flight, else submits the planned
 * candidate, and on a definite non-fill falls back to the next-best candidate for the leg's size
 * (re-quoted now) until one fills, none is left, or the deadline passes. Every attempt is
 * recorded before its venue is called and its outcome after.
 */
export async function executeLeg(
  deps: RunIntentDeps,
  p: {
    record: IntentRecord;
    intent: HedgeIntent;
    intentHash: Hex;
    legIndex: number;
    leg: RouteLeg;
    submissions: SubmissionRecord[];
    move: MoveStatus;
  },
): Promise<LegResult> {
  const { ledger } = deps;
  const attempts = p.submissions.filter((s) => s.legIndex === p.legIndex);
  const done = attempts.find((s) => s.status === 'filled');
  if (done?.outcome?.status === 'filled') return { status: 'filled', outcome: done.outcome };

  // Resume an attempt that was in flight when the last worker stopped.
  const open = attempts.find((s) => s.status === 'submitting' || s.status === 'submitted');
  let attempt = attempts.length;
  let current: RouteLeg = p.leg;
  // Candidates that definitely failed this leg; a submission error counts once it repeats.
  const submitErrors = new Map<string, number>();
  const tried = new Set(
    attempts.filter((s) => s.status !== 'failed' && s.id !== open?.id).map((s) => s.candidateId),
  );
  for (const s of attempts.filter((a) => a.status === 'failed')) {
    submitErrors.set(s.candidateId, (submitErrors.get(s.candidateId) ?? 0) + 1);
    if ((submitErrors.get(s.candidateId) ?? 0) >= MAX_SUBMIT_ERRORS) tried.add(s.candidateId);
  }
  // Why the last attempt did not fill: a fallback's decision records it.
  let lastFailure = attempts.at(-1)?.outcome;
  if (open) {
    const outcome = await resumeAttempt(deps, open, venueLegOf(p, open.leg));
    if (outcome.status === 'filled') return { status: 'filled', outcome };
    lastFailure = outcome;
    current = open.leg;
    // A leg interrupted before it was sent never reached its venue: try the same one again.
    if (!(outcome.status === 'not-included' && outcome.reason === INTERRUPTED))
      tried.add(open.leg.candidateId);
  }

  // New attempts: the planned candidate first, then the next-best venue for this size.
  for (;;) {
    if (p.intent.deadline <= nowSecondsOf(deps)) return { status: 'unfilled', reason: 'the deadline passed' };
    if (tried.has(current.candidateId)) {
      const next = await nextBestLeg(deps, { intent: p.intent, intentHash: p.intentHash, leg: p.leg, tried });
      await ledger.recordDecision(
        p.record.id,
        recordedRouteDecision(next.decision, {
          legIndex: p.legIndex,
          why: `${current.candidateId} did not fill: ${failureText(lastFailure)}`,
          leg: next.leg,
        }),
      );
      deps.log.warn(
        {
          intentId: p.record.id,
          legIndex: p.legIndex,
          failed: current.candidateId,
          why: failureText(lastFailure),
          next: next.leg?.candidateId ?? null,
        },
        next.leg ? 'leg did not fill: falling back' : 'leg did not fill: no venue left',
      );
      if (!next.leg) return { status: 'unfilled', reason: 'no venue left that can fill this leg' };
      current = next.leg;
    }
    tried.add(current.candidateId);
    const venue = venueOfCandidate(deps.venues, current.candidateId);
    const begun = await ledger.beginSubmission({
      intentId: p.record.id,
      legIndex: p.legIndex,
      attempt: attempt++,
      venue: venue.name,
      candidateId: current.candidateId,
      leg: current,
    });
    deps.failpoint?.('after-begin-submission');
    let submission: Submission;
    try {
      await deps.legDriver?.beforeSubmit?.(venue);
      submission = await venue.submit(venueLegOf(p, current));
      deps.failpoint?.('after-submit');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      lastFailure = { status: 'failed', reason };
      await ledger.updateSubmission(begun.id, { status: 'failed', outcome: lastFailure });
      deps.log.warn(
        { intentId: p.record.id, legIndex: p.legIndex, venue: venue.name, reason },
        'submission failed',
      );
      // A venue's error may be passing (an RPC hiccup, a nonce race): retry it before moving on.
      const errors = (submitErrors.get(current.candidateId) ?? 0) + 1;
      submitErrors.set(current.candidateId, errors);
      if (errors < MAX_SUBMIT_ERRORS) {
        tried.delete(current.candidateId);
        await new Promise((r) => setTimeout(r, 250 * errors));
      }
      continue;
    }
    await ledger.updateSubmission(begun.id, { status: 'submitted', submission });
    // Every attempt is an event (a fallback too: issue 15 #7, the stream showed only the first).
    await p.move(
      'submitted',
      null,
      { legIndex: p.legIndex, attempt: begun.attempt, venue: venue.name, txHash: submission.txHash },
      ['routing', 'received', 'submitted'],
    );
    await deps.legDriver?.afterSubmit?.(venue, submission);
    const outcome = await trackWithLease(deps, venue.track(submission, venueLegOf(p, current)));
    await deps.legDriver?.afterTrack?.(venue);
    await recordOutcome(deps, begun.id, outcome);
    if (outcome.status === 'filled') return { status: 'filled', outcome };
    lastFailure = outcome;
  }
}

/** An attempt's end in words, for the fallback decision that follows it. */
function failureText(outcome: AttemptOutcome | null | undefined): string {
  if (!outcome) return 'unknown';
  if (outcome.status === 'reverted') return `reverted in ${outcome.reconciliation.txHash}`;
  if (outcome.status === 'filled') return 'filled';
  return `${outcome.status}: ${outcome.reason}`;
}

async function resumeAttempt(
  deps: RunIntentDeps,
  open: SubmissionRecord,
  leg: VenueLeg,
): Promise<TrackOutcome> {
  const venue = venueOfCandidate(deps.venues, open.candidateId);
  let submission = open.submission;
  if (!submission) {
    // Begun but never recorded as sent: ask the chain whether the leg executed anyway.
    const id = legId(leg.intentHash, leg.legIndex);
    const found = await findExecutedLeg(deps.chain.client, deps.chain.executor, id);
    if (!found.executed) {
      const outcome: TrackOutcome = { status: 'not-included', reason: INTERRUPTED };
      await recordOutcome(deps, open.id, outcome);
      return outcome;
    }
    submission = {
      venue: venue.name,
      candidateId: open.candidateId,
      legId: id,
      txHash: found.txHash,
      signedTransaction: '0x',
      submittedAtBlock: '0',
    };
  }
  const outcome = await trackWithLease(deps, venue.track(submission, leg));
  await recordOutcome(deps, open.id, outcome);
  return outcome;
}

async function recordOutcome(
  deps: RunIntentDeps,
  submissionId: string,
  outcome: TrackOutcome,
): Promise<void> {
  const status = outcome.status === 'not-included' ? 'not_included' : outcome.status;
  await deps.ledger.updateSubmission(submissionId, { status, outcome });
}

/** Waits for a venue's track while renewing the lease. */
async function trackWithLease(deps: RunIntentDeps, tracking: Promise<TrackOutcome>): Promise<TrackOutcome> {
  const timer = setInterval(() => void deps.keepLease().catch(() => undefined), 5_000);
  try {
    return await tracking;
  } finally {
    clearInterval(timer);
  }
}
