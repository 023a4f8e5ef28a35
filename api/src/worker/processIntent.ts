import {
  type CostBreakdown,
  costAt,
  type HedgeIntent,
  parseHedgeIntent,
  type RouteCandidate,
  type RouteLeg,
  type RouteQuote,
} from '@hedge-router/router';
import {
  legId,
  type Submission,
  type TrackOutcome,
  type VenueLeg,
  venueOfCandidate,
} from '@hedge-router/solvers';
import type { Hex } from 'viem';
import type { AppDeps } from '../app/deps.js';
import type { IntentRow, SubmissionRow } from '../ledger/ledger.js';
import type { IntentStatus } from '../ledger/schema.js';
import { decisionView } from '../routes/views.js';
import { toJson } from '../routing/jsonSafe.js';
import { planRoute } from '../routing/planRoute.js';
import { legFromJson } from '../routing/rehydrate.js';
import { findExecutedLeg } from './findExecutedLeg.js';
import { nettingState } from './nettingLeg.js';

export type ProcessContext = AppDeps & {
  workerId: string;
  /** Called while long waits run, so the intent's lease stays ours; false means we lost it. */
  keepLease: () => Promise<boolean>;
  log: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };
};

const INTERRUPTED = 'interrupted before it was sent';
const MAX_SUBMIT_ERRORS = 3;

type LegResult = { status: 'filled'; outcome: TrackOutcome } | { status: 'unfilled'; reason: string };

const nowSeconds = (ctx: ProcessContext) => Math.floor(ctx.clock().getTime() / 1000);

/**
 * Drives one intent from wherever the ledger says it is to a terminal status:
 * received → routing (quote every venue, select, record the decision) → submitted (each leg
 * recorded before its venue is called) → tracked → filled / partially filled / expired / failed,
 * falling back to the next-best venue for a leg that did not fill while the deadline allows.
 * Safe to run again after a crash at any point: a leg that was begun is resolved from the chain
 * (the executor's per-leg replay key says whether it executed) before anything is resent.
 */
export async function processIntent(ctx: ProcessContext, row: IntentRow): Promise<void> {
  const { ledger } = ctx;
  const intent = parseHedgeIntent(JSON.parse(row.intent_json));
  const intentHash = row.intent_hash as Hex;
  const move = async (
    status: IntentStatus,
    reason: string | null,
    detail?: unknown,
    from?: IntentStatus[],
  ) => {
    const moved = await ledger.transition(row.id, status, { reason, detail, ...(from ? { from } : {}) });
    if (moved) ctx.metrics.intentTransitions.inc({ status });
    return moved;
  };

  // 0. Netting: what a cross with an opposite intent already filled, and what is left to route.
  const netting = await nettingState(ctx, {
    intent,
    intentHash,
    submissions: await ledger.listSubmissions(row.id),
  });
  const routed = netting.routed;
  const crossedResults: LegResult[] = netting.crossed ? [{ status: 'filled', outcome: netting.crossed }] : [];

  // 1. The plan: the latest decision, or a new one.
  let legs: RouteLeg[] | undefined;
  if (routed.sellAmount === 0n) legs = [];
  const decisions = await ledger.listDecisions(row.id);
  const lastDecision = decisions.at(-1);
  if (lastDecision) {
    const plan = JSON.parse(lastDecision.plan_json) as { legs?: unknown[] } | null;
    if (plan?.legs) legs = plan.legs.map((l) => legFromJson(JSON.stringify(l)));
  }
  if (!legs) {
    if (routed.deadline <= nowSeconds(ctx))
      return void (await move('expired', 'the deadline passed before routing'));
    await move('routing', null, undefined, ['received', 'routing']);
    const decision = await planRoute(ctx, {
      intent: routed,
      intentHash,
      nowSeconds: nowSeconds(ctx),
      riskAversionPerUsd: ctx.config.DEFAULT_RISK_AVERSION_PER_USD,
      annualVolatility: ctx.config.DEFAULT_ANNUAL_VOLATILITY,
    });
    await ledger.recordDecision(row.id, {
      context: { ...decision.market, blockNumber: decision.market.blockNumber.toString() },
      candidates: decisionView(decision).candidates,
      plan: decision.plan ? JSON.parse(toJson(decision.plan)) : null,
      failures: decision.failures,
    });
    ctx.metrics.routeDecisions.inc({
      outcome: decision.plan?.legs[0]?.venue ?? decision.error?.code ?? 'none',
    });
    if (!decision.plan) {
      // Prices may come back: the intent stays in routing and is tried again until its deadline.
      ctx.log.warn({ intentId: row.id, error: decision.error }, 'no route yet');
      return;
    }
    legs = decision.plan.legs;
  }

  // 2. Each leg in turn, resuming what the ledger shows was begun.
  const submissions = await ledger.listSubmissions(row.id);
  const results: LegResult[] = [...crossedResults];
  for (const [i, leg] of legs.entries()) {
    if (!(await ctx.keepLease())) return;
    const legIndex = netting.legOffset + i;
    results.push(
      await executeLeg(ctx, { row, intent: routed, intentHash, legIndex, leg, submissions, move }),
    );
  }

  // 3. The end: filled, partially filled, or expired; with the reconciliation.
  const filled = results.filter((r) => r.status === 'filled');
  const reconciliation = filled.map((r) => (r.outcome.status === 'filled' ? r.outcome.reconciliation : null));
  const balancesMatch = reconciliation.every((r) => r?.balancesMatch === true);
  const detail = { legsFilled: filled.length, legs: results.length, balancesMatch };
  if (filled.length === results.length)
    await move('filled', balancesMatch ? null : 'filled, but balances did not reconcile', detail);
  else if (filled.length > 0)
    await move('partially_filled', 'some legs could not fill before the deadline', detail);
  else {
    const reasons = results.flatMap((r) => (r.status === 'unfilled' ? [r.reason] : []));
    await move(
      intent.deadline <= nowSeconds(ctx) ? 'expired' : 'failed',
      reasons.join('; ') || 'not filled',
      detail,
    );
  }
}

async function executeLeg(
  ctx: ProcessContext,
  p: {
    row: IntentRow;
    intent: HedgeIntent;
    intentHash: Hex;
    legIndex: number;
    leg: RouteLeg;
    submissions: SubmissionRow[];
    move: (
      status: IntentStatus,
      reason: string | null,
      detail?: unknown,
      from?: IntentStatus[],
    ) => Promise<boolean>;
  },
): Promise<LegResult> {
  const { ledger } = ctx;
  const venueLeg = (leg: RouteLeg): VenueLeg => ({
    intent: p.intent,
    intentHash: p.intentHash,
    legIndex: p.legIndex,
    leg,
    // What the leg's size is worth at the arrival mid: its expected output plus its impact and fees.
    arrivalMidBuyAmount: leg.quote.expectedBuyAmount + leg.cost.priceImpact.amount + leg.cost.fees.amount,
  });
  const attempts = p.submissions.filter((s) => s.leg_index === p.legIndex);
  const done = attempts.find((s) => s.status === 'filled');
  if (done?.outcome_json) return { status: 'filled', outcome: JSON.parse(done.outcome_json) as TrackOutcome };

  // Resume an attempt that was in flight when the last worker stopped.
  const open = attempts.find((s) => s.status === 'submitting' || s.status === 'submitted');
  let attempt = attempts.length;
  let current: RouteLeg = p.leg;
  // Candidates that definitely failed this leg; a submission error counts once it repeats.
  const submitErrors = new Map<string, number>();
  const tried = new Set(
    attempts.filter((s) => s.status !== 'failed' && s.id !== open?.id).map((s) => s.candidate_id),
  );
  for (const s of attempts.filter((a) => a.status === 'failed')) {
    submitErrors.set(s.candidate_id, (submitErrors.get(s.candidate_id) ?? 0) + 1);
    if ((submitErrors.get(s.candidate_id) ?? 0) >= MAX_SUBMIT_ERRORS) tried.add(s.candidate_id);
  }
  if (open) {
    const leg = legFromJson(open.leg_json);
    const outcome = await resumeAttempt(ctx, open, venueLeg(leg));
    if (outcome.status === 'filled') return { status: 'filled', outcome };
    current = leg;
    // A leg interrupted before it was sent never reached its venue: try the same one again.
    if (!(outcome.status === 'not-included' && outcome.reason === INTERRUPTED)) tried.add(leg.candidateId);
  }

  // New attempts: the planned candidate first, then the next-best venue for this size.
  for (;;) {
    if (p.intent.deadline <= nowSeconds(ctx)) return { status: 'unfilled', reason: 'the deadline passed' };
    if (tried.has(current.candidateId)) {
      const next = await nextBestCandidate(ctx, p, tried);
      if (!next) return { status: 'unfilled', reason: 'no venue left that can fill this leg' };
      current = next;
    }
    tried.add(current.candidateId);
    const venue = venueOfCandidate(ctx.venues, current.candidateId);
    const begun = await ledger.beginSubmission({
      intentId: p.row.id,
      legIndex: p.legIndex,
      attempt: attempt++,
      venue: venue.name,
      candidateId: current.candidateId,
      legJson: toJson(current),
    });
    ctx.failpoint?.('after-begin-submission');
    let submission: Submission;
    try {
      submission = await venue.submit(venueLeg(current));
      ctx.failpoint?.('after-submit');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await ledger.updateSubmission(begun.id, {
        status: 'failed',
        outcomeJson: toJson({ status: 'failed', reason }),
      });
      ctx.log.warn(
        { intentId: p.row.id, legIndex: p.legIndex, venue: venue.name, reason },
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
    await ledger.updateSubmission(begun.id, { status: 'submitted', submissionJson: toJson(submission) });
    await p.move('submitted', null, { legIndex: p.legIndex, venue: venue.name, txHash: submission.txHash }, [
      'routing',
      'received',
    ]);
    const outcome = await trackWithLease(ctx, venue.track(submission, venueLeg(current)));
    await recordOutcome(ctx, begun.id, outcome);
    if (outcome.status === 'filled') return { status: 'filled', outcome };
  }
}

async function resumeAttempt(ctx: ProcessContext, open: SubmissionRow, leg: VenueLeg): Promise<TrackOutcome> {
  const venue = venueOfCandidate(ctx.venues, open.candidate_id);
  let submission: Submission | null = open.submission_json
    ? (JSON.parse(open.submission_json) as Submission)
    : null;
  if (!submission) {
    // Begun but never recorded as sent: ask the chain whether the leg executed anyway.
    const id = legId(leg.intentHash, leg.legIndex);
    const found = await findExecutedLeg(ctx.chain.client, ctx.chain.executor, id);
    if (!found.executed) {
      const outcome: TrackOutcome = { status: 'not-included', reason: INTERRUPTED };
      await recordOutcome(ctx, open.id, outcome);
      return outcome;
    }
    submission = {
      venue: venue.name,
      candidateId: open.candidate_id,
      legId: id,
      txHash: found.txHash,
      signedTransaction: '0x',
      submittedAtBlock: '0',
    };
  }
  const outcome = await trackWithLease(ctx, venue.track(submission, leg));
  await recordOutcome(ctx, open.id, outcome);
  return outcome;
}

async function recordOutcome(
  ctx: ProcessContext,
  submissionId: string,
  outcome: TrackOutcome,
): Promise<void> {
  const status = outcome.status === 'not-included' ? 'not_included' : outcome.status;
  await ctx.ledger.updateSubmission(submissionId, { status, outcomeJson: toJson(outcome) });
}

/** Waits for a venue's track while renewing the lease. */
async function trackWithLease(ctx: ProcessContext, tracking: Promise<TrackOutcome>): Promise<TrackOutcome> {
  const timer = setInterval(() => void ctx.keepLease().catch(() => undefined), 5_000);
  try {
    return await tracking;
  } finally {
    clearInterval(timer);
  }
}

/** The best candidate not yet tried that can take this leg's whole size, re-quoted now. */
async function nextBestCandidate(
  ctx: ProcessContext,
  p: { intent: HedgeIntent; intentHash: Hex; leg: RouteLeg },
  tried: Set<string>,
): Promise<RouteLeg | undefined> {
  const decision = await planRoute(ctx, {
    intent: p.intent,
    intentHash: p.intentHash,
    nowSeconds: nowSeconds(ctx),
    riskAversionPerUsd: ctx.config.DEFAULT_RISK_AVERSION_PER_USD,
    annualVolatility: ctx.config.DEFAULT_ANNUAL_VOLATILITY,
  });
  // Re-price every untried candidate at this leg's size; take the cheapest that can fill it.
  let best: { candidate: RouteCandidate; quote: RouteQuote; cost: CostBreakdown } | undefined;
  for (const candidate of decision.routeCandidates) {
    if (tried.has(candidate.id)) continue;
    const priced = costAt(decision.market.context, {
      candidate,
      sellAmount: p.leg.sellAmount,
      intentSellAmount: p.intent.sellAmount,
      intentMinBuyAmount: p.intent.minBuyAmount,
    });
    if (priced.quote && (!best || priced.cost.total.amount < best.cost.total.amount)) {
      best = { candidate, quote: priced.quote, cost: priced.cost };
    }
  }
  if (!best) return undefined;
  return {
    candidateId: best.candidate.id,
    venue: best.candidate.venue,
    liquiditySource: best.candidate.liquiditySource,
    sellAmount: p.leg.sellAmount,
    quote: best.quote,
    cost: best.cost,
  };
}
