import { hedgePolicyConfigSchema } from '@hedge-router/router';
import { GAS_PER_TICK_CROSSED, SWAP_GAS_UNITS } from '@hedge-router/solvers';
import { z } from 'zod';

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const finite = z.number();
const probability = z.number().min(0).max(1);

/** Geometric Brownian motion: dS/S = drift·dt + vol·dW (drift and vol annualised). */
export const gbmMarketSchema = z.strictObject({
  model: z.literal('gbm'),
  /** Spot at t = 0, USD per unit. */
  spot: positive,
  /** Annualised drift of the spot (real-world measure), continuously compounded. */
  drift: finite,
  /** Annualised realised vol of the spot. */
  vol: nonNegative,
});

/**
 * Merton (1976) jump-diffusion: GBM plus Poisson jumps with log-normal sizes. The drift is the
 * total expected return: the jump compensator is subtracted, so E[S_t] = S_0 e^(drift·t).
 */
export const mertonMarketSchema = z.strictObject({
  model: z.literal('merton'),
  spot: positive,
  drift: finite,
  /** Annualised vol of the diffusion part. */
  vol: nonNegative,
  /** Expected jumps per year. */
  jumpIntensity: nonNegative,
  /** Mean of the log jump size (−0.05: a typical jump is about −5%). */
  jumpMean: finite,
  /** Standard deviation of the log jump size. */
  jumpVol: nonNegative,
});

/**
 * Heston (1993) stochastic variance: dv = kappa·(theta − v)dt + volOfVol·√v dW₂, corr(dW₁, dW₂) =
 * correlation; simulated with the full-truncation Euler scheme (Lord, Koekkoek and van Dijk 2010).
 */
export const hestonMarketSchema = z.strictObject({
  model: z.literal('heston'),
  spot: positive,
  drift: finite,
  /** Initial variance (0.04 = 20% vol). */
  initialVariance: nonNegative,
  /** Mean-reversion speed, per year. */
  kappa: nonNegative,
  /** Long-run variance. */
  theta: nonNegative,
  /** Vol of variance. */
  volOfVol: nonNegative,
  /** Correlation of the spot and variance shocks, in [−1, 1]. */
  correlation: z.number().min(-1).max(1),
});

/**
 * Replay of a recorded price series (CSV with a header: `timestamp,price`, or OHLCV
 * `timestamp,open,high,low,close,volume` whose close is used). Each path replays `steps`
 * consecutive returns from the series, path p starting at row p·strideRows; prices are rescaled
 * so every path starts at `spot` when given (so the book's moneyness is the scenario's).
 */
export const csvMarketSchema = z.strictObject({
  model: z.literal('csv'),
  /** Path of the CSV file, relative to the scenario file. */
  file: z.string().min(1),
  /** Rescale each path to start at this spot; default: the recorded price. */
  spot: positive.optional(),
  /** Rows between the starts of consecutive paths (default: `steps`, non-overlapping windows). */
  strideRows: z.number().int().positive().optional(),
});

export const marketSchema = z.discriminatedUnion('model', [
  gbmMarketSchema,
  mertonMarketSchema,
  hestonMarketSchema,
  csvMarketSchema,
]);

/** Proportional one-way cost on every trade's notional. */
export const proportionalCostSchema = z.strictObject({
  model: z.literal('proportional'),
  /** One-way cost, bps of notional (10 = 0.10%). */
  oneWayBps: nonNegative,
});

/**
 * The venues' own pricing on a constant-product pool re-centred at the spot (an arbitrageur keeps
 * it at the reference price): the pool is the Uniswap V3 pool a venue would observe (one
 * full-range position of that depth), priced by the 'public-amm' venue's `candidatesAt`
 * (protected bound, or a naive `slippageBps` bound) or the 'private-bundle' venue's: exact swap
 * impact and LP fee, the venue's gas, the expected sandwich loss of a public swap, a bundle's
 * builder tip, and the delay risk of its time to fill (venueCostModel.ts).
 */
export const venueCostSchema = z
  .strictObject({
    model: z.literal('venue'),
    /** Depth of the pool, USD on each side at the starting spot. */
    poolDepthUsd: positive,
    /** LP fee in bps (30 = 0.30%; the V3 fee tiers are 1, 5, 30 and 100). */
    feeBps: z.number().min(0).max(1000),
    /**
     * Refused: the venue's own gas model applies (SWAP_GAS_UNITS per swap, plus
     * GAS_PER_TICK_CROSSED per initialized tick crossed, measured on HedgeExecutor.swapV3). The
     * venue's observation carries no gas figure, so an override would price something no venue
     * quotes; a file that sets it fails with this reason instead of being silently ignored.
     */
    gasUnits: z
      .never({
        error: `no longer used: the venue's own gas model applies (${SWAP_GAS_UNITS.toLocaleString('en-US')} gas per swap + ${GAS_PER_TICK_CROSSED.toLocaleString('en-US')} per initialized tick crossed); scale gasPriceGwei for a costlier chain`,
      })
      .optional(),
    /** Gas price the hedge pays, gwei per gas: the base fee plus `priorityFeeGwei`. */
    gasPriceGwei: nonNegative.default(2),
    /**
     * The part of `gasPriceGwei` that is the priority fee (default 1 gwei, what the engine and the
     * public venue bid, or the whole gas price when it is lower). A sandwich's two legs pay the
     * base fee, and its front-run outbids this fee: together its cost in gas.
     */
    priorityFeeGwei: nonNegative.optional(),
    /** 'public': the public AMM venue, searchers may sandwich; 'private': a private bundle (no leakage). */
    mempool: z.enum(['public', 'private']).default('public'),
    /** Probability a searcher attacks when it pays (public only). */
    attackProbability: probability.default(1),
    /**
     * Public only: a naive fixed bound this many bps below the quote (the public venue's 'naive'
     * mode); without it, the venue's protected bound.
     */
    slippageBps: z.number().int().min(0).max(10_000).optional(),
    /**
     * Public, protected only: the least room below the quote the protected bound must leave (the
     * venue's `minToleranceBps`); default two standard deviations of the price over one block at
     * the hedge vol, as the venue computes it. 0: the pure break-even bound.
     */
    minToleranceBps: z.number().min(0).max(10_000).optional(),
    /** Private only: probability in (0, 1] that one block includes the bundle (default 1). */
    inclusionProbability: z.number().gt(0).max(1).default(1),
    /**
     * Private only: the builder's tip per gas above `priorityFeeGwei`, charged as a fee (default 1
     * gwei: the bundle venue bids 2 gwei against the 1 gwei the gas price counts).
     */
    bundleTipGwei: nonNegative.default(1),
    /**
     * Seconds per block, the venue's `blockTimeSeconds` (default 12). The expected time to fill
     * follows from it: one block for a public swap, 1/inclusionProbability blocks for a bundle.
     */
    expectedSecondsToFill: positive.default(12),
    /** Risk aversion for the delay-risk stage, per USD. */
    riskAversionPerUsd: nonNegative.default(1e-6),
    /** The cost per unit fed to the adaptive policy is the cost of a trade of this size, units. */
    referenceUnits: positive.default(1),
  })
  .superRefine((c, ctx) => {
    if (c.priorityFeeGwei !== undefined && c.priorityFeeGwei > c.gasPriceGwei)
      ctx.addIssue({
        code: 'custom',
        path: ['priorityFeeGwei'],
        message: `must be ≤ gasPriceGwei (${c.gasPriceGwei}): the gas price includes it`,
      });
    if (c.slippageBps !== undefined && c.minToleranceBps !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['minToleranceBps'],
        message: 'applies to the protected bound only, not with a naive slippageBps',
      });
  });

export const costsSchema = z.discriminatedUnion('model', [proportionalCostSchema, venueCostSchema]);

const bookLineSchema = z.strictObject({
  kind: z.enum(['call', 'put']),
  /** USD per unit. */
  strike: positive,
  /** Years from t = 0. */
  expiry: positive,
  /** Options on one unit each, negative for short. */
  quantity: finite.refine((q) => q !== 0, 'must not be 0'),
});

// 'interval' hedges every step unless the file says otherwise (the issue's default).
const hedgeSchema = z.preprocess(
  (value) =>
    value && typeof value === 'object' && (value as { policy?: unknown }).policy === 'interval'
      ? { intervalYears: 0, ...(value as object) }
      : value,
  z
    .object({
      /** Annualised vol the deltas are computed at (and the book is priced at). */
      vol: positive,
      /** Annualised forecast vol for the adaptive policy (default: `vol`). */
      forecastVol: positive.optional(),
    })
    .and(hedgePolicyConfigSchema),
);

/**
 * A backtest scenario file: the market, the option book, the hedge policy, the costs, and the
 * Monte Carlo settings. Units: years, annualised rates and vols, USD, bps where named.
 */
export const scenarioSchema = z
  .strictObject({
    /** Optional label for reports. */
    name: z.string().optional(),
    /** Any safe integer: the same seed gives the same numbers bit for bit. */
    seed: z.number().int().refine(Number.isSafeInteger, 'must be a safe integer'),
    paths: z.number().int().positive().max(100_000_000),
    /** Hedging dates over the horizon (a decision at the start of each step). */
    steps: z.number().int().positive().max(1_000_000),
    horizonYears: positive,
    /** Continuously compounded rate on cash, per year. */
    rate: finite,
    /** Yield of the underlying (dividend / staking / funding), per year. Default 0. */
    dividendYield: finite.default(0),
    market: marketSchema,
    book: z.array(bookLineSchema).min(1),
    hedge: hedgeSchema,
    costs: costsSchema,
    /** Worker threads (default: every core). Never changes the numbers. */
    threads: z.number().int().positive().max(256).optional(),
  })
  .superRefine((s, ctx) => {
    s.book.forEach((line, i) => {
      if (line.expiry < s.horizonYears * (1 - 1e-12))
        ctx.addIssue({
          code: 'custom',
          path: ['book', i, 'expiry'],
          message: `must be ≥ horizonYears (${s.horizonYears}): the book is marked at the horizon, not settled before it`,
        });
    });
  });

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type MarketConfig = Scenario['market'];
export type CostsConfig = Scenario['costs'];
export type HedgeConfig = Scenario['hedge'];
