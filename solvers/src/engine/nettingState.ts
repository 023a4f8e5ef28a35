import type { HedgeIntent } from '@hedge-router/router';
import { type Hex, zeroAddress } from 'viem';
import { legId } from '../chain/legId.js';
import { reconcileLeg } from '../reconcile/reconcileLeg.js';
import type { TrackOutcome } from '../venues/types.js';
import { NETTING_CANDIDATE_ID, NETTING_VENUE } from './constants.js';
import type { EngineDeps } from './engineDeps.js';
import { findExecutedLeg } from './findExecutedLeg.js';
import type { SubmissionRecord } from './ledgerRecords.js';

export type NettingState = {
  /** What is left to route through the venues (the whole intent when nothing was crossed). */
  routed: HedgeIntent;
  /** Leg index of the first routed leg: 1 after a cross (leg 0 is the crossed part), else 0. */
  legOffset: number;
  /** The crossed leg's fill, when there was one. */
  crossed: Extract<TrackOutcome, { status: 'filled' }> | undefined;
};

/**
 * Where netting left an intent, from the ledger and, for a cross that was begun but never
 * recorded as settled (a crash, a lost receipt), from the chain: the executor marks the crossed
 * leg id executed, so the cross either happened (reconciled now from its transaction) or never
 * will under that leg id (any route of the whole intent takes leg 0, which the executor lets
 * execute once: a late cross and a route can never both fill).
 */
export async function nettingState(
  deps: Pick<EngineDeps, 'chain' | 'ledger'>,
  p: { intent: HedgeIntent; intentHash: Hex; submissions: SubmissionRecord[] },
): Promise<NettingState> {
  const none = { routed: p.intent, legOffset: 0, crossed: undefined };
  const row = p.submissions.find((s) => s.venue === NETTING_VENUE);
  if (!row) return none;
  let outcome = row.outcome;
  if (row.status === 'submitting') {
    const id = legId(p.intentHash, 0);
    const found = await findExecutedLeg(deps.chain.client, deps.chain.executor, id);
    if (found.executed) {
      const reconciliation = await reconcileLeg(deps.chain.client, {
        txHash: found.txHash,
        executor: deps.chain.executor,
        vault: p.intent.vault,
        pool: zeroAddress,
        sellToken: p.intent.sellToken,
        buyToken: p.intent.buyToken,
        legId: id,
        quotedBuyAmount: row.leg.quote.expectedBuyAmount,
        arrivalMidBuyAmount: row.leg.quote.expectedBuyAmount,
      });
      outcome =
        reconciliation.status === 'filled'
          ? { status: 'filled', reconciliation }
          : { status: 'reverted', reconciliation };
      await deps.ledger.updateSubmission(row.id, {
        status: outcome.status,
        submission: nettingSubmission(id, found.txHash),
        outcome,
      });
    } else {
      await deps.ledger.updateSubmission(row.id, {
        status: 'not_included',
        outcome: { status: 'not-included', reason: 'the cross was not settled' },
      });
      outcome = null;
    }
  }
  if (outcome?.status !== 'filled') return none;
  const sold = outcome.reconciliation.sellAmount;
  return {
    routed: {
      ...p.intent,
      sellAmount: p.intent.sellAmount - sold,
      minBuyAmount:
        p.intent.minBuyAmount > row.leg.quote.minBuyAmount
          ? p.intent.minBuyAmount - row.leg.quote.minBuyAmount
          : 0n,
    },
    legOffset: 1,
    crossed: outcome,
  };
}

/** A cross's transaction as a submission (nothing to resend: the cross is one atomic call). */
export function nettingSubmission(id: Hex, txHash: Hex) {
  return {
    venue: NETTING_VENUE,
    candidateId: NETTING_CANDIDATE_ID,
    legId: id,
    txHash,
    signedTransaction: '0x' as Hex,
    submittedAtBlock: '0',
  };
}
