import { createBook, createHedgePolicy, hedgePolicyConfigSchema, planHedge } from '@hedge-router/router';
import { decisionView, quoteIntent } from '@hedge-router/solvers';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getAddress, keccak256, parseUnits, stringToHex } from 'viem';
import { z } from 'zod';
import type { AppDeps } from '../context/appDeps.js';
import { ApiError } from '../errors/apiErrors.js';
import { decisionResponse } from './quotes.js';
import { addressParam, errorBody } from './schemas.js';

const finite = z.number().finite();

/**
 * A trade size as base units of its token, or 422: a policy fed extreme (finite) inputs can ask
 * for a trade no token amount can hold (NaN, or past 1e21 where toFixed turns exponential).
 */
function baseUnits(amount: number, decimals: number): bigint {
  if (!(Number.isFinite(amount) && amount >= 0 && amount < 1e21))
    throw new ApiError(
      'UNPROCESSABLE',
      `the policy's trade (${amount} units) cannot be quoted: no token amount holds it`,
      'quote',
    );
  return parseUnits(amount.toFixed(decimals), decimals);
}

const body = z
  .object({
    vault: addressParam.optional(),
    book: z
      .array(
        z
          .object({
            kind: z.enum(['call', 'put']),
            strike: finite.positive(),
            /** Years to expiry from now. */
            expiry: finite.positive().max(30),
            /** Options on one unit each; negative for short. */
            quantity: finite.refine((q) => q !== 0, 'must not be zero'),
          })
          .strict(),
      )
      .min(1)
      .max(500),
    /** USD per unit of the underlying (WETH). */
    spot: finite.positive(),
    /** Units of the underlying currently held as the hedge. */
    hedge: finite,
    vol: finite.positive().max(10),
    forecastVol: finite.positive().max(10).optional(),
    rate: finite.min(-1).max(1).default(0),
    dividendYield: finite.min(-1).max(1).default(0),
    /** Years since the last rebalance (interval policies); default: never. */
    yearsSinceRebalance: finite.nonnegative().optional(),
    policy: hedgePolicyConfigSchema,
    /** Also quote the trade with the router (and feed the adaptive band its live cost). Default true. */
    quote: z.boolean().default(true),
    /**
     * One-way cost of trading one unit of the underlying, USD per unit (fees + impact + gas +
     * MEV, as the router's quotes measure it), for the adaptive policy's band. With `quote: false`
     * it is the band's cost and the adaptive policy requires it; with a quote it sizes the trade
     * to quote and is the fallback when no route is available, and the quote's live cost sets the band.
     */
    costPerUnitUsd: finite.nonnegative().optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.policy.policy === 'adaptive' && !b.quote && b.costPerUnitUsd === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['costPerUnitUsd'],
        message:
          'required for the adaptive policy when quote is false: its band width needs a cost per unit (USD per unit of the underlying)',
      });
    }
  });

export const hedgePlanResponse = z.object({
  plan: z.object({
    policy: z.string(),
    currentHedge: z.number(),
    targetHedge: z.number(),
    trade: z.number(),
    side: z.enum(['buy', 'sell', 'hold']),
    band: z.object({ lower: z.number(), upper: z.number(), centre: z.number() }),
    bookDelta: z.number(),
    bookGamma: z.number(),
    netDeltaAfter: z.number(),
    reasonCode: z.number(),
    reason: z.string(),
  }),
  quote: decisionResponse.nullable(),
  /** The quote's live one-way cost per unit of the underlying, USD (null without a quote or route). */
  costPerUnitUsd: z.number().nullable(),
  /**
   * The cost per unit, USD, that set the adaptive band: the quote's live cost, else the body's
   * `costPerUnitUsd`. Null for the other policies (their cost is a policy parameter) and when
   * the adaptive plan holds at exactly zero trade without a cost (no quote was needed).
   */
  bandCostPerUnitUsd: z.number().nullable(),
});

/**
 * `POST /v1/hedge-plans`: a vault's option book, spot and current hedge through a hedge policy
 * (the same code the backtester runs) → target hedge, band, trade, reason; with the router's
 * quote for the trade, whose cost per unit also feeds an adaptive band.
 *
 * The adaptive band needs a cost per unit and never silently gets a zero-width one: with
 * `quote: false` the body must give `costPerUnitUsd` (else 400 naming it); with a quote, the
 * trade is first sized with the body's cost (or, without one, a zero-width band: the whole
 * distance to the delta, the largest trade the band could ask for), quoted, and the plan made
 * again with the quote's live cost; if no route prices the trade, the body's cost is used, and
 * without one the answer is 422 naming `costPerUnitUsd`.
 */
export const hedgePlansRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/v1/hedge-plans',
    {
      schema: {
        summary: 'Target hedge, band and trade for a book under a policy, with a quote',
        tags: ['hedge'],
        body,
        response: { 200: hedgePlanResponse, 400: errorBody, 422: errorBody },
      },
    },
    async (request) => {
      const b = request.body;
      const book = createBook({ positions: b.book });
      const policy = createHedgePolicy({ book, config: b.policy });
      const state = {
        spot: b.spot,
        hedge: b.hedge,
        timeYears: 0,
        vol: b.vol,
        rate: b.rate,
        dividendYield: b.dividendYield,
        ...(b.forecastVol === undefined ? {} : { forecastVol: b.forecastVol }),
        ...(b.yearsSinceRebalance === undefined ? {} : { lastRebalanceYears: -b.yearsSinceRebalance }),
      };
      const adaptive = b.policy.policy === 'adaptive';
      const givenCost = adaptive ? (b.costPerUnitUsd ?? null) : null;
      const first = planHedge({
        policy,
        state: givenCost === null ? state : { ...state, costPerUnit: givenCost },
      });
      if (!b.quote || first.trade === 0)
        return { plan: first, quote: null, costPerUnitUsd: null, bandCostPerUnitUsd: givenCost };

      // Quote the trade: selling WETH when the hedge must fall, buying it with USDC when it must rise.
      const { weth, usd } = deps.chain.tokens;
      const sellWeth = first.trade < 0;
      const units = Math.abs(first.trade);
      const sellAmount = baseUnits(
        sellWeth ? units : units * b.spot,
        sellWeth ? weth.decimals : usd.decimals,
      );
      // The engine's quote use case, as POST /v1/quotes: the same provisional intent and limit.
      const decision = await quoteIntent(deps, {
        vault: getAddress(b.vault ?? deps.chain.executor),
        sellToken: sellWeth ? weth.address : usd.address,
        buyToken: sellWeth ? usd.address : weth.address,
        sellAmount,
        intentHash: keccak256(stringToHex(`hedge-plan:${request.id}`)),
        nowSeconds: Math.floor(deps.clock().getTime() / 1000),
        riskAversionPerUsd: deps.config.DEFAULT_RISK_AVERSION_PER_USD,
        annualVolatility: b.forecastVol ?? b.vol,
      });
      const market = decision.market;
      // The live one-way cost per unit of the underlying, USD: the best plan's total cost over the size.
      const usdPerBuyUnit = sellWeth ? 10 ** -usd.decimals : market.wethPriceUsd / 10 ** weth.decimals;
      const costPerUnitUsd = decision.plan
        ? (Number(decision.plan.cost.total.amount) * usdPerBuyUnit) / units
        : null;
      if (!adaptive)
        return { plan: first, quote: decisionView(decision), costPerUnitUsd, bandCostPerUnitUsd: null };
      const bandCost = costPerUnitUsd ?? givenCost;
      if (bandCost === null) {
        throw new ApiError(
          'UNPROCESSABLE',
          `no route priced the trade, so the adaptive band has no live cost; give costPerUnitUsd (USD per unit of the underlying)${decision.error ? ` (${decision.error.code}: ${decision.error.message})` : ''}`,
          'costPerUnitUsd',
        );
      }
      const plan = planHedge({ policy, state: { ...state, costPerUnit: bandCost } });
      return { plan, quote: decisionView(decision), costPerUnitUsd, bandCostPerUnitUsd: bandCost };
    },
  );
};
