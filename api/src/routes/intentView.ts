import { serializeHedgeIntent } from '@hedge-router/router';
import type { IntentRecord, SubmissionRecord } from '@hedge-router/solvers';
import { z } from 'zod';
import { intentStatus } from './schemas.js';

/** An intent as the API shows it: status, each leg's fills, realised price and slippage, reconciliation. */
export function intentView(record: IntentRecord, submissions: SubmissionRecord[]) {
  const legs = submissions.map((s) => {
    const r = s.outcome?.status === 'filled' ? s.outcome.reconciliation : undefined;
    return {
      legIndex: s.legIndex,
      attempt: s.attempt,
      venue: s.venue,
      candidateId: s.candidateId,
      status: s.status,
      txHash: s.submission?.txHash ?? null,
      reason: s.outcome && 'reason' in s.outcome ? s.outcome.reason : null,
      ...(r
        ? {
            fill: {
              blockNumber: r.blockNumber.toString(),
              sellAmount: r.sellAmount.toString(),
              buyAmount: r.buyAmount.toString(),
              slippageVsQuoteBps: r.slippageVsQuoteBps,
              slippageVsMidBps: r.slippageVsMidBps,
              sandwiched: r.sandwich.detected,
              balancesMatch: r.balancesMatch,
              gasCostWei: r.gasCostWei.toString(),
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
    id: record.id,
    status: record.status,
    statusReason: record.statusReason,
    chainId: record.chainId,
    intent: serializeHedgeIntent(record.intent),
    intentHash: record.intentHash,
    signer: record.signer,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
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
