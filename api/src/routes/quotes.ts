import type { HedgeIntent } from '@hedge-router/router';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import { type FastifyPluginAsyncZod, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type Address, getAddress, type Hex, keccak256, stringToHex } from 'viem';
import { z } from 'zod';
import type { AppDeps } from '../app/deps.js';
import { ApiError } from '../errors/apiErrors.js';
import { knownToken } from '../routing/chainContext.js';
import { planRoute, type RoutingDecision } from '../routing/planRoute.js';
import { quoteBodyFastPath } from './quoteBodyFastPath.js';
import { quoteResponseJson } from './quoteResponseJson.js';
import { addressParam, costBreakdown, errorBody, uint256String } from './schemas.js';
import { decisionView } from './views.js';

export const quoteBody = z
  .object({
    chainId: z.number().int().positive(),
    sellToken: addressParam,
    buyToken: addressParam,
    sellAmount: uint256String.refine((v) => v !== '0', 'must be greater than zero'),
    vault: addressParam.optional(),
    venues: z.array(z.string().min(1).max(64)).min(1).max(16).optional(),
    riskAversionPerUsd: z.number().min(0).max(1).optional(),
    /** The limit to price against, in bps below the arrival mid (default 100). */
    maxSlippageBps: z.number().int().min(0).max(5000).optional(),
  })
  .strict();

const candidate = z.object({
  id: z.string(),
  venue: z.string(),
  available: z.boolean(),
  reason: z.string().nullable(),
  expectedBuyAmount: z.string().optional(),
  minBuyAmount: z.string().optional(),
  expectedDelaySeconds: z.number().optional(),
  fillProbability: z.number().optional(),
  cost: costBreakdown.optional(),
});

export const decisionResponse = z.object({
  blockNumber: z.string(),
  arrivalMid: z.object({ buyPerSellBaseUnit: z.number(), wethPriceUsd: z.number() }),
  candidates: z.array(candidate),
  best: z
    .object({
      expectedBuyAmount: z.string(),
      minBuyAmount: z.string(),
      cost: costBreakdown,
      legs: z.array(
        z.object({
          candidateId: z.string(),
          venue: z.string(),
          sellAmount: z.string(),
          expectedBuyAmount: z.string(),
          minBuyAmount: z.string(),
          expectedDelaySeconds: z.number(),
          fillProbability: z.number(),
          cost: costBreakdown,
        }),
      ),
    })
    .nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  venueFailures: z.array(z.object({ venue: z.string(), reason: z.string() })),
});

/**
 * A distinct placeholder intent hash per quote (a quote is never signed or submitted, so no leg
 * id derived from it reaches the chain): this process's random prefix and a counter, instead of
 * hashing each request.
 */
function quoteHashes(): () => Hex {
  const prefix = keccak256(stringToHex(`quote:${process.pid}:${Date.now()}:${Math.random()}`)).slice(0, 50);
  let next = 0n;
  return () => `${prefix}${(next++).toString(16).padStart(16, '0')}` as Hex;
}

/**
 * Checksummed addresses of the vaults seen lately (a checksum is a keccak of the address):
 * bounded, so arbitrary addresses in requests cannot grow it.
 */
function checksumCache(limit = 1024): (address: string) => Address {
  const known = new Map<string, Address>();
  return (address) => {
    let checksummed = known.get(address);
    if (checksummed === undefined) {
      checksummed = getAddress(address);
      if (known.size >= limit) known.clear();
      known.set(address, checksummed);
    }
    return checksummed;
  };
}

/** The answer of `POST /v1/quotes`. */
export const quoteResponse = decisionResponse.extend({ chainId: z.number(), sellAmount: z.string() });

/**
 * The 200 answer as JSON with the keys in the schema's order (the decision's fields, then
 * chainId and sellAmount): the same text zod's serializer writes (quoteResponse.test.ts checks
 * it), so the route can skip the schema walk on its hottest path.
 */
export function quoteResponseBody(decision: RoutingDecision, chainId: number, sellAmount: string) {
  return { ...decisionView(decision), chainId, sellAmount };
}

/**
 * Serializers for the quote route: plain JSON.stringify for 200 (quoteResponseBody already has
 * the schema's shape and order; encoding it through zod first cost ~3% of a quote's CPU), zod's
 * for the error answers.
 */
function quoteSerializerCompiler<T>(route: FastifyRouteSchemaDef<T>): (data: unknown) => string {
  if (route.httpStatus === '200') return (data) => JSON.stringify(data);
  return serializerCompiler(route as unknown as Parameters<typeof serializerCompiler>[0]);
}

/**
 * The body's validator: a plainly valid body through quoteBodyFastPath (the same value zod would
 * return), anything else through zod, which writes the errors.
 */
function quoteValidatorCompiler<T>(route: FastifyRouteSchemaDef<T>) {
  const zodValidator = validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
  if (route.httpPart !== 'body') return zodValidator;
  return (data: unknown) => {
    const value = quoteBodyFastPath(data);
    return value === undefined ? zodValidator(data) : { value };
  };
}

/** `POST /v1/quotes`: the route simulation. Nothing is submitted. */
export const quotesRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const nextQuoteHash = quoteHashes();
  const checksummed = checksumCache();
  app.post(
    '/v1/quotes',
    {
      schema: {
        summary: 'Simulate every route for a hedge and pick the best; nothing is submitted',
        tags: ['quotes'],
        body: quoteBody,
        response: {
          200: quoteResponse,
          400: errorBody,
          422: errorBody,
        },
      },
      serializerCompiler: quoteSerializerCompiler,
      validatorCompiler: quoteValidatorCompiler,
    },
    async (request, reply) => {
      const body = request.body;
      if (body.chainId !== deps.chain.chainId) {
        throw new ApiError('UNPROCESSABLE', `this router serves chain ${deps.chain.chainId}`, 'chainId');
      }
      const sell = knownToken(deps.chain, body.sellToken);
      const buy = knownToken(deps.chain, body.buyToken);
      if (!sell) throw new ApiError('UNPROCESSABLE', 'unknown token on this chain', 'sellToken');
      if (!buy) throw new ApiError('UNPROCESSABLE', 'unknown token on this chain', 'buyToken');
      if (sell.address === buy.address)
        throw new ApiError('UNPROCESSABLE', 'must differ from sellToken', 'buyToken');
      const nowSeconds = Math.floor(deps.clock().getTime() / 1000);
      const sellAmount = BigInt(body.sellAmount);
      const provisional: HedgeIntent = {
        vault: checksummed(body.vault ?? deps.chain.executor),
        sellToken: sell.address,
        buyToken: buy.address,
        sellAmount,
        minBuyAmount: 0n,
        deadline: nowSeconds + 300,
        nonce: 0n,
        partialFill: false,
      };
      const intentHash = nextQuoteHash();
      const riskAversionPerUsd = body.riskAversionPerUsd ?? deps.config.DEFAULT_RISK_AVERSION_PER_USD;
      const annualVolatility = deps.config.DEFAULT_ANNUAL_VOLATILITY;
      // The market and the venues' candidates are read at once (one head read for both).
      const decision = await planRoute(deps, {
        intent: provisional,
        // Price against a limit `maxSlippageBps` below the arrival mid, so each venue's minimum is realistic.
        minBuyAmountFromMarket: (market) => {
          const midValue = BigInt(Math.floor(Number(sellAmount) * market.midPrice));
          return (midValue * BigInt(10_000 - (body.maxSlippageBps ?? 100))) / 10_000n;
        },
        intentHash,
        nowSeconds,
        riskAversionPerUsd,
        annualVolatility,
        venueAllowList: body.venues,
      });
      deps.metrics.routeDecisions.inc({
        outcome: decision.plan?.legs[0]?.venue ?? decision.error?.code ?? 'none',
      });
      // The answer's JSON text written directly (quoteResponseJson: the same text as
      // JSON.stringify(quoteResponseBody(...)), the content type the serializer would set); a
      // string with a JSON content type is sent as it is, so the typed send is told `never`.
      const json = quoteResponseJson(decision, deps.chain.chainId, body.sellAmount);
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );
};
