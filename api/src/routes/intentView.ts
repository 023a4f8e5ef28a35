import { z } from 'zod';
import type { IntentRow, SubmissionRow } from '../ledger/ledger.js';
import { intentStatus } from './schemas.js';

type Outcome = {
  status: string;
  reason?: string;
  reconciliation?: {
    txHash: string;
    blockNumber: string;
    sellAmount?: string;
    buyAmount?: string;
    slippageVsQuoteBps?: number;
    slippageVsMidBps?: number;
    balancesMatch?: boolean;
    sandwich?: { detected: boolean };
    gasCostWei: string;
  };
};

/** An intent as the API shows it: status, each leg's fills, realised price and slippage, reconciliation. */
export function intentView(row: IntentRow, submissions: SubmissionRow[]) {
  const legs = submissions.map((s) => {
    const submission = s.submission_json ? (JSON.parse(s.submission_json) as { txHash?: string }) : null;
    const outcome = s.outcome_json ? (JSON.parse(s.outcome_json) as Outcome) : null;
    const r = outcome?.reconciliation;
    return {
      legIndex: s.leg_index,
      attempt: s.attempt,
      venue: s.venue,
      candidateId: s.candidate_id,
      status: s.status,
      txHash: submission?.txHash ?? null,
      reason: outcome?.reason ?? null,
      ...(r?.buyAmount !== undefined
        ? {
            fill: {
              blockNumber: r.blockNumber,
              sellAmount: r.sellAmount ?? '0',
              buyAmount: r.buyAmount,
              slippageVsQuoteBps: r.slippageVsQuoteBps ?? null,
              slippageVsMidBps: r.slippageVsMidBps ?? null,
              sandwiched: r.sandwich?.detected ?? false,
              balancesMatch: r.balancesMatch ?? null,
              gasCostWei: r.gasCostWei,
            },
          }
        : {}),
    };
  });
  const fills = legs.flatMap((l) => (l.fill ? [l.fill] : []));
  const sold = fills.reduce((sum, f) => sum + BigInt(f.sellAmount), 0n);
  const bought = fills.reduce((sum, f) => sum + BigInt(f.buyAmount), 0n);
  const weighted = (key: 'slippageVsQuoteBps' | 'slippageVsMidBps') =>
    sold === 0n
      ? null
      : fills.reduce((sum, f) => sum + (f[key] ?? 0) * Number(BigInt(f.sellAmount)), 0) / Number(sold);
  return {
    id: row.id,
    status: row.status,
    statusReason: row.status_reason,
    chainId: row.chain_id,
    intent: JSON.parse(row.intent_json) as Record<string, unknown>,
    intentHash: row.intent_hash,
    signer: row.signer,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    legs,
    filled: {
      sellAmount: sold.toString(),
      buyAmount: bought.toString(),
      /** Buy-token base units per sell-token base unit, realised. */
      realisedPrice: sold === 0n ? null : Number(bought) / Number(sold),
      slippageVsQuoteBps: weighted('slippageVsQuoteBps'),
      slippageVsMidBps: weighted('slippageVsMidBps'),
    },
    reconciliation:
      fills.length === 0
        ? null
        : { balancesMatch: fills.every((f) => f.balancesMatch === true), legsReconciled: fills.length },
  };
}

const fillSchema = z.object({
  blockNumber: z.string(),
  sellAmount: z.string(),
  buyAmount: z.string(),
  slippageVsQuoteBps: z.number().nullable(),
  slippageVsMidBps: z.number().nullable(),
  sandwiched: z.boolean(),
  balancesMatch: z.boolean().nullable(),
  gasCostWei: z.string(),
});

/** The response schema of `GET /v1/intents/:id` (see intentView). */
export const intentViewSchema = z.object({
  id: z.string(),
  status: intentStatus,
  statusReason: z.string().nullable(),
  chainId: z.number(),
  intent: z.record(z.string(), z.unknown()),
  intentHash: z.string(),
  signer: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  legs: z.array(
    z.object({
      legIndex: z.number(),
      attempt: z.number(),
      venue: z.string(),
      candidateId: z.string(),
      status: z.string(),
      txHash: z.string().nullable(),
      reason: z.string().nullable(),
      fill: fillSchema.optional(),
    }),
  ),
  filled: z.object({
    sellAmount: z.string(),
    buyAmount: z.string(),
    realisedPrice: z.number().nullable(),
    slippageVsQuoteBps: z.number().nullable(),
    slippageVsMidBps: z.number().nullable(),
  }),
  reconciliation: z.object({ balancesMatch: z.boolean(), legsReconciled: z.number() }).nullable(),
});

export const intentListSchema = z.object({
  intents: z.array(
    z.object({
      id: z.string(),
      vault: z.string(),
      status: intentStatus,
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
