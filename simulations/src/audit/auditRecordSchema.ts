import { hedgeIntentCodec } from '@hedge-router/router';
import { FALLBACK_DELAY_SECONDS, venueObservationSchema } from '@hedge-router/solvers';
import { z } from 'zod';

const uint = z
  .string()
  .regex(/^\d+$/, 'must be a non-negative integer as a decimal string')
  .transform(BigInt);
const int = z
  .string()
  .regex(/^-?\d+$/, 'must be an integer as a decimal string')
  .transform(BigInt);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x address');
const stages = z.strictObject({
  impact: z.number(),
  fees: z.number(),
  gas: z.number(),
  mev: z.number(),
  delay: z.number(),
});

/** A Uniswap V3 pool as recorded: its address, pair, and full state (amounts as decimal strings). */
export const recordedPoolSchema = z.strictObject({
  address,
  token0: address,
  token1: address,
  fee: z.number().int().positive(),
  state: z.strictObject({
    sqrtPriceX96: uint,
    tick: z.number().int(),
    liquidity: uint,
    fee: z.number().int().positive(),
    tickSpacing: z.number().int().positive(),
    ticks: z.array(z.strictObject({ index: z.number().int(), liquidityNet: int })),
  }),
});

/**
 * One line of an audit input (JSONL): an intent, the market state the router saw when it
 * decided (pool states, prices, gas, vol, risk aversion), what it chose with its predicted
 * stages, and what was realised. Amounts are decimal strings in base units; stages in bps of
 * the arrival mid value. The API's ledger will emit exactly this shape per intent.
 */
export const auditRecordSchema = z.strictObject({
  intentId: z.string().min(1),
  /** The wire form of the hedge intent (router's `hedgeIntentCodec`). */
  intent: hedgeIntentCodec,
  /** Unix seconds at decision time. */
  decidedAt: z.number().int().nonnegative(),
  market: z.strictObject({
    /** The chain the pools are on (candidate ids name it, as the venues' do); optional. */
    chainId: z.number().int().positive().optional(),
    /** Buy units per sell unit at arrival. */
    midPrice: z.number().positive(),
    gasPriceWei: uint,
    nativePriceInBuyPerWei: z.number().nonnegative(),
    annualVolatility: z.number().nonnegative(),
    riskAversionPerBuyUnit: z.number().nonnegative(),
    fallbackDelaySeconds: z.number().nonnegative().default(FALLBACK_DELAY_SECONDS),
    /** Seconds per block and the builders' per-block inclusion probability (bundle timing). */
    blockSeconds: z.number().positive().default(12),
    bundleInclusionProbability: z.number().min(0).max(1).default(0.9),
    pools: z.array(recordedPoolSchema).min(1),
  }),
  /**
   * Every venue's candidate as quoted at the decision, alone at the full size (optional). The
   * audit rebuilds the AMM venues from the pool states; venues it cannot rebuild (a batch
   * auction's orderbook quote, a cross-chain route's remote pool) are audited from this.
   */
  /**
   * What each venue observed at the decision (the venues' own records, see solvers' registry):
   * the audit re-prices every venue with its own `candidatesAt` on these.
   */
  observations: z.array(venueObservationSchema).default([]),
  candidates: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        venue: z.string().min(1),
        expectedTotalBps: z.number().nullable(),
      }),
    )
    .default([]),
  chosen: z.strictObject({
    candidateIds: z.array(z.string()).min(1),
    predictedBps: stages.extend({ total: z.number() }),
  }),
  realised: z.strictObject({
    status: z.enum(['filled', 'reverted', 'not-included', 'no-route']),
    costBps: stages,
    sandwiched: z.boolean(),
  }),
});

export type AuditRecord = z.output<typeof auditRecordSchema>;
export type AuditRecordWire = z.input<typeof auditRecordSchema>;
