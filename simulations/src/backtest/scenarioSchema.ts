import { hedgePolicyConfigSchema } from '@hedge-router/router';
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
 * The router's cost model on a constant-product pool re-centred at the spot (an arbitrageur
 * keeps it at the reference price): exact swap impact and LP fee, gas at a gas price, the
 * expected sandwich loss of a public swap, and the delay risk of the time to fill.
 */
export const venueCostSchema = z.strictObject({
  model: z.literal('venue'),
  /** Depth of the pool, USD on each side at the starting spot. */
  poolDepthUsd: positive,
  /** LP fee in bps (30 = 0.30%, as Uniswap V2). */
  feeBps: z.number().min(0).max(1000),
  /** Gas of one hedge swap, units (Uniswap V3 exactInputSingle ≈ 127,000). */
  gasUnits: nonNegative.default(127_000),
  /** Gas price, gwei. */
  gasPriceGwei: nonNegative.default(2),
  /** 'public': a public swap searchers may sandwich; 'private': a bundle (no leakage, slower). */
  mempool: z.enum(['public', 'private']).default('public'),
  /** Probability a searcher attacks when it pays (public only). */
  attackProbability: probability.default(1),
  /** Slippage bound of a public swap, bps below the quote ('break-even' = the router's protected bound). */
  slippageBps: nonNegative.optional(),
  /** Expected seconds to fill (public next block ≈ 12, bundle ≈ 24). */
  expectedSecondsToFill: nonNegative.default(12),
  /** Risk aversion for the delay-risk stage, per USD. */
  riskAversionPerUsd: nonNegative.default(1e-6),
  /** The cost per unit fed to the adaptive policy is the cost of a trade of this size, units. */
  referenceUnits: positive.default(1),
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
