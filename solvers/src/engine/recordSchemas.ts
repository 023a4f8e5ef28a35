// The zod schemas of the engine's ledger records: each decodes a stored JSON part (bigints as
// decimal strings) into its typed record, naming the field of a part that does not fit.
import { bigintJson, hedgeIntentCodec, type RouteLeg } from '@hedge-router/router';
import type { Hex } from 'viem';
import { z } from 'zod';
import { addressSchema, type ObservedPool, observedPoolSchema } from '../venues/shared/observedPools.js';
import type { Submission } from '../venues/types.js';
import {
  type AttemptOutcome,
  type CandidateRecord,
  intentStatuses,
  submissionStatuses,
} from './ledgerRecords.js';

const hex = z.custom<Hex>((v) => typeof v === 'string' && /^0x[0-9a-fA-F]*$/.test(v), 'must be 0x-hex');
const address = addressSchema;

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

export const attemptOutcomeSchema: z.ZodType<AttemptOutcome, unknown> = z.discriminatedUnion('status', [
  z.object({ status: z.literal('filled'), reconciliation: filledReconciliation }),
  z.object({ status: z.literal('reverted'), reconciliation: revertedReconciliation }),
  z.object({ status: z.literal('not-included'), reason: z.string() }),
  z.object({ status: z.literal('failed'), reason: z.string() }),
]);

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

export const candidateRecordSchema: z.ZodType<CandidateRecord, unknown> = z.object({
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

/** A V3 pool's state as a decision records it (the audit re-prices from it): the venues' observed pool. */
export const recordedPoolSchema = observedPoolSchema;
export type RecordedPool = ObservedPool;

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

export const nettingContextSchema = z.object({
  netting: z.object({ with: z.string(), mid: z.object({ n: bigintJson, d: bigintJson }) }),
});

/** A plan as recorded: the legs (and the stage sums) of a route, or the crossed leg of a netting. */
export const recordedPlanSchema = z.union([
  z.object({
    legs: z.array(routeLegSchema),
    cost: costBreakdownSchema,
    expectedBuyAmount: bigintJson,
    minBuyAmount: bigintJson,
  }),
  z.object({ netting: routeLegSchema }),
]);

export const failuresSchema = z.array(z.object({ venue: z.string(), reason: z.string() }));

export const intentRecordSchema = z.object({
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

export const submissionRecordSchema = z.object({
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
