// What the engine reads from and writes to its ledger, as typed records. The ledger stores JSON
// (bigints as decimal strings, router's `toJson`); these schemas decode it once, at the adapter,
// into the types the engine works with, and reject a record that does not have that shape.
import {
  bigintJson,
  type HedgeIntent,
  hedgeIntentCodec,
  type RouteLeg,
  serializeHedgeIntent,
  toJson,
} from '@hedge-router/router';
import type { Hex } from 'viem';
import { z } from 'zod';
import { venueObservationSchema } from '../venues/registry/venueModules.js';
import type { Submission, TrackOutcome, VenueObservation } from '../venues/types.js';

/** Where an intent is in its lifecycle (see runIntent). */
export const intentStatuses = [
  'received',
  'routing',
  'submitted',
  'partially_filled',
  'filled',
  'expired',
  'failed',
  'cancelled',
] as const;
export type IntentStatus = (typeof intentStatuses)[number];

/** Statuses an intent never leaves. */
export const TERMINAL_STATUSES: readonly IntentStatus[] = ['filled', 'expired', 'failed', 'cancelled'];

/** Where one submission attempt of a leg is. */
export const submissionStatuses = [
  'submitting',
  'submitted',
  'filled',
  'reverted',
  'not_included',
  'failed',
] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

const hex = z.custom<Hex>((v) => typeof v === 'string' && /^0x[0-9a-fA-F]*$/.test(v), 'must be 0x-hex');
const address = z.custom<`0x${string}`>(
  (v) => typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v),
  'must be a 0x address',
);

const stage = z.object({ amount: bigintJson, bps: z.number() });
export const costBreakdownSchema = z.object({
  priceImpact: stage,
  fees: stage,
  gas: stage,
  mevLeakage: stage,
  delayRisk: stage,
  fillRisk: stage,
  total: stage,
});

export const routeQuoteSchema = z.object({
  sellAmount: bigintJson,
  expectedBuyAmount: bigintJson,
  minBuyAmount: bigintJson,
  feesInBuy: bigintJson,
  gasUnits: bigintJson,
  mevLeakageInBuy: bigintJson,
  timing: z.object({
    expectedSecondsToFill: z.number(),
    fillProbability: z.number(),
    secondsLostOnNonFill: z.number(),
  }),
  revertTolerance: z.number().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** A plan's leg as stored with its decision and its submissions. */
export const routeLegSchema: z.ZodType<RouteLeg, unknown> = z.object({
  candidateId: z.string(),
  venue: z.string(),
  liquiditySource: z.string(),
  sellAmount: bigintJson,
  quote: routeQuoteSchema,
  cost: costBreakdownSchema,
});

/**
 * A venue's submission. Netting's crosses were once stored as `{ venue, txHash }` only: the
 * defaults read those too (no leg id to resend, nothing signed to resend).
 */
export const submissionSchema: z.ZodType<Submission, unknown> = z.object({
  venue: z.string(),
  candidateId: z.string().default('netting:cross'),
  legId: hex.default('0x'),
  txHash: hex,
  signedTransaction: hex.default('0x'),
  submittedAtBlock: z.string().default('0'),
  order: z.object({ uid: hex, validTo: z.number() }).optional(),
});

const sandwichSchema = z.discriminatedUnion('detected', [
  z.object({ detected: z.literal(false) }),
  z.object({ detected: z.literal(true), frontRunTx: hex, backRunTx: hex, attacker: address }),
]);

const filledReconciliation = z.object({
  status: z.literal('filled'),
  txHash: hex,
  blockNumber: bigintJson,
  sellAmount: bigintJson,
  buyAmount: bigintJson,
  gasUsed: bigintJson,
  gasCostWei: bigintJson,
  slippageVsQuoteBps: z.number(),
  slippageVsMidBps: z.number(),
  sandwich: sandwichSchema,
  balancesMatch: z.boolean(),
  balanceDeltas: z.object({ sell: bigintJson, buy: bigintJson }),
  order: z
    .object({ uid: hex, placementTxHash: hex, placementBlockNumber: bigintJson, feeInSell: bigintJson })
    .optional(),
});
const revertedReconciliation = z.object({
  status: z.literal('reverted'),
  txHash: hex,
  blockNumber: bigintJson,
  gasUsed: bigintJson,
  gasCostWei: bigintJson,
});

/** How an attempt ended: a venue's TrackOutcome, or the venue refusing it at submission. */
export type AttemptOutcome = TrackOutcome | { status: 'failed'; reason: string };

export const attemptOutcomeSchema: z.ZodType<AttemptOutcome, unknown> = z.discriminatedUnion('status', [
  z.object({ status: z.literal('filled'), reconciliation: filledReconciliation }),
  z.object({ status: z.literal('reverted'), reconciliation: revertedReconciliation }),
  z.object({ status: z.literal('not-included'), reason: z.string() }),
  z.object({ status: z.literal('failed'), reason: z.string() }),
]);

/** An intent as the engine drives it. */
export type IntentRecord = {
  id: string;
  chainId: number;
  /** Lower-case, as stored. */
  vault: string;
  intentHash: Hex;
  intent: HedgeIntent;
  signature: Hex;
  /** Lower-case. */
  signer: string;
  status: IntentStatus;
  statusReason: string | null;
  /** ISO-8601 UTC. */
  createdAt: string;
  updatedAt: string;
};

/** One attempt at one leg, begun (recorded) before its venue is called. */
export type SubmissionRecord = {
  id: string;
  intentId: string;
  legIndex: number;
  attempt: number;
  venue: string;
  candidateId: string;
  leg: RouteLeg;
  status: SubmissionStatus;
  submission: Submission | null;
  outcome: AttemptOutcome | null;
  createdAt: string;
  updatedAt: string;
};

/** One venue's candidate, priced alone for the whole intent, as a decision records it (the wire view). */
export type CandidateRecord = {
  id: string;
  venue: string;
  available: boolean;
  reason: string | null;
  expectedBuyAmount?: string;
  minBuyAmount?: string;
  expectedDelaySeconds?: number;
  fillProbability?: number;
  cost?: CostRecord;
};

/** A cost breakdown on the wire: each stage's amount as a decimal string (buy-token base units) and its bps. */
export type CostRecord = Record<
  'priceImpact' | 'fees' | 'gas' | 'mevLeakage' | 'delayRisk' | 'fillRisk' | 'total',
  { amount: string; bps: number }
>;
const wireStage = z.object({ amount: z.string(), bps: z.number() });
const costRecordSchema = z.object({
  priceImpact: wireStage,
  fees: wireStage,
  gas: wireStage,
  mevLeakage: wireStage,
  delayRisk: wireStage,
  fillRisk: wireStage,
  total: wireStage,
});

const candidateRecordSchema: z.ZodType<CandidateRecord, unknown> = z.object({
  id: z.string(),
  venue: z.string(),
  available: z.boolean(),
  reason: z.string().nullable(),
  expectedBuyAmount: z.string().optional(),
  minBuyAmount: z.string().optional(),
  expectedDelaySeconds: z.number().optional(),
  fillProbability: z.number().optional(),
  cost: costRecordSchema.optional(),
});

/** A V3 pool's state as a decision records it (the audit re-prices from it). */
export const recordedPoolSchema = z.object({
  address,
  token0: address,
  token1: address,
  fee: z.number(),
  state: z.object({
    sqrtPriceX96: bigintJson,
    tick: z.number(),
    liquidity: bigintJson,
    fee: z.number(),
    tickSpacing: z.number(),
    ticks: z.array(z.object({ index: z.number(), liquidityNet: bigintJson })).readonly(),
  }),
});
export type RecordedPool = z.output<typeof recordedPoolSchema>;

/** The market a route decision was priced in (the market snapshot, as recorded). */
export const recordedMarketSchema = z.object({
  blockNumber: bigintJson,
  midPrice: z.number(),
  wethPriceUsd: z.number(),
  context: z.object({
    midPrice: z.number(),
    riskAversionPerBuyUnit: z.number(),
    annualVolatility: z.number(),
    gasPriceWei: bigintJson,
    nativePriceInBuyPerWei: z.number(),
    fallbackDelaySeconds: z.number(),
    nowSeconds: z.number(),
  }),
  pools: z.array(recordedPoolSchema),
});
export type RecordedMarket = z.output<typeof recordedMarketSchema>;

const nettingContextSchema = z.object({
  netting: z.object({ with: z.string(), mid: z.object({ n: bigintJson, d: bigintJson }) }),
});

/** A plan as recorded: the legs (and the stage sums) of a route, or the crossed leg of a netting. */
const recordedPlanSchema = z.union([
  z.object({
    legs: z.array(routeLegSchema),
    cost: costBreakdownSchema,
    expectedBuyAmount: bigintJson,
    minBuyAmount: bigintJson,
  }),
  z.object({ netting: routeLegSchema }),
]);

/** One decision about an intent: a route decision, or a netting cross. */
export type RecordedDecision =
  | {
      kind: 'route';
      market: RecordedMarket;
      candidates: CandidateRecord[];
      plan: {
        legs: RouteLeg[];
        cost: RouteLeg['cost'];
        expectedBuyAmount: bigint;
        minBuyAmount: bigint;
      } | null;
      error: { code: string; message: string } | null;
      failures: { venue: string; reason: string }[];
      /** What each venue observed (empty in decisions recorded before venues reported it). */
      observations: VenueObservation[];
    }
  | { kind: 'netting'; with: string; mid: { n: bigint; d: bigint }; leg: RouteLeg };

export type DecisionRecord = { id: number; intentId: string; createdAt: string; decision: RecordedDecision };

const failuresSchema = z.array(z.object({ venue: z.string(), reason: z.string() }));

/** The four stored parts of a decision (the ledger's columns), as JSON-ready values. */
export type DecisionColumns = { context: unknown; candidates: unknown; plan: unknown; failures: unknown };

/**
 * A decision as its four stored parts: a route's market snapshot (with the router's error when
 * it found no plan), its candidates, its plan, the venues that failed to quote; a netting cross's
 * partner and mid, and its crossed leg. Bigints stay bigints here: the adapter writes them with
 * `toJson`.
 */
export function decisionColumns(decision: RecordedDecision): DecisionColumns {
  if (decision.kind === 'netting')
    return {
      context: { netting: { with: decision.with, mid: decision.mid } },
      candidates: [],
      plan: { netting: decision.leg },
      failures: [],
    };
  return {
    context: {
      ...decision.market,
      observations: decision.observations,
      ...(decision.error ? { error: decision.error } : {}),
    },
    candidates: decision.candidates,
    plan: decision.plan,
    failures: decision.failures,
  };
}

const errorSchema = z.object({ code: z.string(), message: z.string() });

/** A decision from its stored parts (the inverse of `decisionColumns`); throws on a malformed record. */
export function decodeDecision(parts: DecisionColumns): RecordedDecision {
  const netting = nettingContextSchema.safeParse(parts.context);
  if (netting.success) {
    const plan = z.object({ netting: routeLegSchema }).parse(parts.plan);
    return {
      kind: 'netting',
      with: netting.data.netting.with,
      mid: netting.data.netting.mid,
      leg: plan.netting,
    };
  }
  const market = recordedMarketSchema.parse(parts.context);
  const extras = z
    .object({ error: errorSchema.optional(), observations: z.array(venueObservationSchema).default([]) })
    .parse(parts.context);
  const error = extras.error ?? null;
  const plan = parts.plan === null ? null : recordedPlanSchema.parse(parts.plan);
  return {
    kind: 'route',
    market,
    candidates: z.array(candidateRecordSchema).parse(parts.candidates),
    plan: plan && 'legs' in plan ? plan : null,
    error,
    failures: failuresSchema.parse(parts.failures),
    observations: extras.observations,
  };
}

/** One intent as a ledger holds it: the intent, every decision, every attempt (for audits). */
export type IntentHistory = {
  intent: IntentRecord;
  decisions: DecisionRecord[];
  submissions: SubmissionRecord[];
};

const intentRecordSchema = z.object({
  id: z.string(),
  chainId: z.number(),
  vault: z.string(),
  intentHash: hex,
  intent: hedgeIntentCodec,
  signature: hex,
  signer: z.string(),
  status: z.enum(intentStatuses),
  statusReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const submissionRecordSchema = z.object({
  id: z.string(),
  intentId: z.string(),
  legIndex: z.number(),
  attempt: z.number(),
  venue: z.string(),
  candidateId: z.string(),
  leg: routeLegSchema,
  status: z.enum(submissionStatuses),
  submission: submissionSchema.nullable(),
  outcome: attemptOutcomeSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/**
 * One intent's history as a JSON line (a ledger export: `api/src/ledger/exportLedger.ts`): the
 * records with each decision as its stored columns, bigints as decimal strings.
 */
export function intentHistoryLine(history: IntentHistory): string {
  return toJson({
    intent: { ...history.intent, intent: serializeHedgeIntent(history.intent.intent) },
    decisions: history.decisions.map((d) => ({
      id: d.id,
      intentId: d.intentId,
      createdAt: d.createdAt,
      columns: decisionColumns(d.decision),
    })),
    submissions: history.submissions,
  });
}

/** The inverse of intentHistoryLine; throws naming the field of a line that does not decode. */
export function decodeIntentHistory(value: unknown): IntentHistory {
  const parsed = z
    .object({
      intent: intentRecordSchema,
      decisions: z.array(
        z.object({
          id: z.number(),
          intentId: z.string(),
          createdAt: z.string(),
          columns: z.object({
            context: z.unknown(),
            candidates: z.unknown(),
            plan: z.unknown(),
            failures: z.unknown(),
          }),
        }),
      ),
      submissions: z.array(submissionRecordSchema),
    })
    .parse(value);
  return {
    intent: parsed.intent,
    decisions: parsed.decisions.map((d) => ({
      id: d.id,
      intentId: d.intentId,
      createdAt: d.createdAt,
      decision: decodeDecision(d.columns),
    })),
    submissions: parsed.submissions,
  };
}
