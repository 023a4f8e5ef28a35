import type { RouteLeg } from '@hedge-router/router';
import type { TrackOutcome } from '../venues/types.js';
import { recordedRouteDecision } from './decisionViews.js';
import { type EngineDeps, nowSecondsOf } from './engineDeps.js';
import { executeLeg, type LegResult } from './executeLeg.js';
import { type IntentRecord, type IntentStatus, LIVE_STATUSES } from './ledgerRecords.js';
import { nettingState } from './nettingState.js';
import { planRoute } from './planRoute.js';

/** The engine's deps for one intent: with the lease it holds on it. */
export type RunIntentDeps = EngineDeps & {
  /** Called while long waits run, so the intent's lease stays ours; false means we lost it. */
  keepLease: () => Promise<boolean>;
};

/** Moves the intent's status (with `from`, only from those), counted by the observer. */
export type MoveStatus = (
  status: IntentStatus,
  reason: string | null,
  detail?: Record<string, unknown>,
  from?: IntentStatus[],
) => Promise<boolean>;

/**
 * The one intent lifecycle: drives an intent from wherever the ledger says it is to a terminal
 * status: received → routing (quote every venue, select, record the decision) → submitted (each
 * leg recorded before its venue is called) → tracked → filled / partially filled / expired /
 * failed, falling back to the next-best venue for a leg that did not fill while the deadline
 * allows. Safe to run again after a crash at any point: a leg that was begun is resolved from the
 * chain (the executor's per-leg replay key says whether it executed) before anything is resent.
 * The service's worker, the execution benchmark and the tests all run this.
 */
export async function runIntent(deps: RunIntentDeps, record: IntentRecord): Promise<void> {
  const { ledger } = deps;
  const { intent, intentHash } = record;
  const move: MoveStatus = async (status, reason, detail, from) => {
    const moved = await ledger.transition(record.id, status, {
      reason,
      ...(detail ? { detail } : {}),
      ...(from ? { from } : {}),
    });
    if (moved) deps.observer?.transition?.(status);
    return moved;
  };

  // 0. Netting: what a cross with an opposite intent already filled, and what is left to route.
  const netting = await nettingState(deps, {
    intent,
    intentHash,
    submissions: await ledger.listSubmissions(record.id),
  });
  const routed = netting.routed;
  const crossedResults: LegResult[] = netting.crossed ? [{ status: 'filled', outcome: netting.crossed }] : [];

  // 1. The plan: the latest route decision's (the intake's, or one made before a restart) when it
  // routes exactly what is left, else a new one (netting crossed part of the intent since).
  let legs: RouteLeg[] | undefined;
  if (routed.sellAmount === 0n) legs = [];
  // (Fallback decisions re-plan one leg; the intent's plan is the last one without.)
  const lastRoute = (await ledger.listDecisions(record.id)).findLast(
    (d) => d.decision.kind === 'route' && !d.decision.fallback,
  );
  const lastPlan = lastRoute?.decision.kind === 'route' ? lastRoute.decision.plan : null;
  if (!legs && lastPlan && lastPlan.legs.reduce((sum, l) => sum + l.sellAmount, 0n) === routed.sellAmount)
    legs = lastPlan.legs;
  if (!legs) {
    if (routed.deadline <= nowSecondsOf(deps))
      return void (await move('expired', 'the deadline passed before routing', undefined, [
        ...LIVE_STATUSES,
      ]));
    await move('routing', null, undefined, ['received', 'routing']);
    const decision = await planRoute(deps, {
      intent: routed,
      intentHash,
      nowSeconds: nowSecondsOf(deps),
      ...deps.pricing,
    });
    await ledger.recordDecision(record.id, recordedRouteDecision(decision));
    deps.observer?.decision?.(decision.plan?.legs[0]?.venue ?? decision.error?.code ?? 'none');
    if (!decision.plan) {
      // Prices may come back: the intent stays in routing and is tried again until its deadline.
      deps.log.warn({ intentId: record.id, error: decision.error }, 'no route yet');
      return;
    }
    legs = decision.plan.legs;
  }

  // 2. Each leg in turn, resuming what the ledger shows was begun.
  const submissions = await ledger.listSubmissions(record.id);
  const results: LegResult[] = [...crossedResults];
  for (const [i, leg] of legs.entries()) {
    if (!(await deps.keepLease())) return;
    const legIndex = netting.legOffset + i;
    results.push(
      await executeLeg(deps, { record, intent: routed, intentHash, legIndex, leg, submissions, move }),
    );
  }

  // 3. The end: filled, partially filled, or expired; with the reconciliation.
  const filled = results.filter(
    (r): r is { status: 'filled'; outcome: Extract<TrackOutcome, { status: 'filled' }> } =>
      r.status === 'filled',
  );
  const balancesMatch = filled.every((r) => r.outcome.reconciliation.balancesMatch);
  const detail = { legsFilled: filled.length, legs: results.length, balancesMatch };
  if (filled.length === results.length)
    await move('filled', balancesMatch ? null : 'filled, but balances did not reconcile', detail, [
      ...LIVE_STATUSES,
    ]);
  else if (filled.length > 0)
    await move('partially_filled', 'some legs could not fill before the deadline', detail, [
      ...LIVE_STATUSES,
    ]);
  else {
    const reasons = results.flatMap((r) => (r.status === 'unfilled' ? [r.reason] : []));
    await move(
      intent.deadline <= nowSecondsOf(deps) ? 'expired' : 'failed',
      reasons.join('; ') || 'not filled',
      detail,
      [...LIVE_STATUSES],
    );
  }
}
