import { candidateRecordSchema, decisionView, type RoutingDecision } from '@hedge-router/solvers';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import { type FastifyPluginAsyncZod, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context/appDeps.js';
import { createQuoteComputer } from '../quotes/computeQuote.js';
import { quoteBodyFastPath } from '../quotes/quoteBodyFastPath.js';
import { addressParam, costBreakdown, errorBody, uint256String } from './schemas.js';

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

export const decisionResponse = z.object({
  blockNumber: z.string(),
  arrivalMid: z.object({ buyPerSellBaseUnit: z.number(), wethPriceUsd: z.number() }),
  candidates: z.array(candidateRecordSchema),
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
  const computeHere = createQuoteComputer(deps);
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
      // On a quote worker thread when there are some (the event loop only parses and writes).
      const result = await (deps.quoteWorkers
        ? deps.quoteWorkers.quote(request.body)
        : computeHere(request.body));
      deps.metrics.routeDecisions.inc({ outcome: result.outcome });
      // The answer's JSON text written directly (quoteResponseJson: the same text as
      // JSON.stringify(quoteResponseBody(...)), the content type the serializer would set); a
      // string with a JSON content type is sent as it is, so the typed send is told `never`.
      return reply.type('application/json; charset=utf-8').send(result.json as never);
    },
  );
};
