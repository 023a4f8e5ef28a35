import type { HedgeIntent, RouteLeg } from '@hedge-router/router';
import { legId, reconcileLeg, type TrackOutcome } from '@hedge-router/solvers';
import { type Hex, zeroAddress } from 'viem';
import type { AppDeps } from '../app/deps.js';
import type { SubmissionRow } from '../ledger/ledger.js';
import { toJson } from '../routing/jsonSafe.js';
import { legFromJson } from '../routing/rehydrate.js';
import { findExecutedLeg } from './findExecutedLeg.js';

/** The venue name and candidate id netting's crossed legs are recorded under. */
export const NETTING_VENUE = 'netting';
export const NETTING_CANDIDATE_ID = 'netting:cross';

export type NettingState = {
  /** What is left to route through the venues (the whole intent when nothing was crossed). */
  routed: HedgeIntent;
  /** Leg index of the first routed leg: 1 after a cross (leg 0 is the crossed part), else 0. */
  legOffset: number;
  /** The crossed leg's fill, when there was one. */
  crossed: TrackOutcome | undefined;
};

/**
 * Where netting left an intent, from the ledger and, for a cross that was begun but never
 * recorded as settled (a crash, a lost receipt), from the chain: the executor marks the crossed
 * leg id executed, so the cross either happened (reconciled now from its transaction) or never
 * will under that leg id (any route of the whole intent takes leg 0, which the executor lets
 * execute once: a late cross and a route can never both fill).
 */
export async function nettingState(
  ctx: Pick<AppDeps, 'chain' | 'ledger'>,
  p: { intent: HedgeIntent; intentHash: Hex; submissions: SubmissionRow[] },
): Promise<NettingState> {
  const none = { routed: p.intent, legOffset: 0, crossed: undefined };
  const row = p.submissions.find((s) => s.venue === NETTING_VENUE);
  if (!row) return none;
  const leg: RouteLeg = legFromJson(row.leg_json);
  let outcome: TrackOutcome | undefined =
    row.status === 'filled' && row.outcome_json ? (JSON.parse(row.outcome_json) as TrackOutcome) : undefined;
  if (row.status === 'submitting') {
    const id = legId(p.intentHash, 0);
    const found = await findExecutedLeg(ctx.chain.client, ctx.chain.executor, id);
    if (found.executed) {
      const reconciliation = await reconcileLeg(ctx.chain.client, {
        txHash: found.txHash,
        executor: ctx.chain.executor,
        vault: p.intent.vault,
        pool: zeroAddress,
        sellToken: p.intent.sellToken,
        buyToken: p.intent.buyToken,
        legId: id,
        quotedBuyAmount: leg.quote.expectedBuyAmount,
        arrivalMidBuyAmount: leg.quote.expectedBuyAmount,
      });
      outcome =
        reconciliation.status === 'filled'
          ? { status: 'filled', reconciliation }
          : { status: 'reverted', reconciliation };
      await ctx.ledger.updateSubmission(row.id, {
        status: outcome.status,
        submissionJson: toJson({ venue: NETTING_VENUE, txHash: found.txHash }),
        outcomeJson: toJson(outcome),
      });
    } else {
      await ctx.ledger.updateSubmission(row.id, {
        status: 'not_included',
        outcomeJson: toJson({ status: 'not-included', reason: 'the cross was not settled' }),
      });
    }
  }
  if (outcome?.status !== 'filled') return none;
  // Stored outcomes carry amounts as decimal strings (a fresh one has bigints): read either.
  const sold = BigInt(String(outcome.reconciliation.sellAmount));
  return {
    routed: {
      ...p.intent,
      sellAmount: p.intent.sellAmount - sold,
      minBuyAmount:
        p.intent.minBuyAmount > leg.quote.minBuyAmount ? p.intent.minBuyAmount - leg.quote.minBuyAmount : 0n,
    },
    legOffset: 1,
    crossed: outcome,
  };
}
