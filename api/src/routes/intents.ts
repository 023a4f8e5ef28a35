import { type HedgeIntent, hedgeIntentCodec, hedgeIntentTypedData } from '@hedge-router/router';
import { knownToken, planRoute, recordedRouteDecision } from '@hedge-router/solvers';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Hex, hashTypedData, recoverTypedDataAddress } from 'viem';
import { z } from 'zod';
import type { AppDeps } from '../context/appDeps.js';
import { ApiError } from '../errors/apiErrors.js';
import { cancelTypedData } from './intentTypedData.js';
import { intentListSchema, intentView, intentViewSchema } from './intentView.js';
import { addressParam, errorBody, hexSignature, intentStatus } from './schemas.js';

const intentId = z.object({ id: z.uuid() });

async function recoverSigner(typedData: Parameters<typeof recoverTypedDataAddress>[0]): Promise<Hex> {
  try {
    return await recoverTypedDataAddress(typedData);
  } catch {
    throw new ApiError('UNAUTHORIZED', 'the signature does not recover to an address', 'signature');
  }
}

/**
 * The intent endpoints: submit (signed, idempotent per (vault, nonce)), read, list, cancel
 * (keeper-signed, before execution) and audit.
 */
export const intentsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { ledger, chain, config } = deps;

  app.post(
    '/v1/intents',
    {
      schema: {
        summary: 'Submit a keeper-signed hedge intent (EIP-712 HedgeIntent)',
        tags: ['intents'],
        body: z.object({ intent: hedgeIntentCodec, signature: hexSignature }).strict(),
        response: {
          202: z.object({
            id: z.string(),
            status: intentStatus,
            statusUrl: z.string(),
            duplicate: z.boolean(),
          }),
          400: errorBody,
          401: errorBody,
          403: errorBody,
          409: errorBody,
          422: errorBody,
          503: errorBody,
        },
      },
    },
    async (request, reply) => {
      const intent: HedgeIntent = request.body.intent;
      const signature = request.body.signature as Hex;
      const nowSeconds = Math.floor(deps.clock().getTime() / 1000);
      if (!knownToken(chain, intent.sellToken))
        throw new ApiError('UNPROCESSABLE', 'unknown token on this chain', 'intent.sellToken');
      if (!knownToken(chain, intent.buyToken))
        throw new ApiError('UNPROCESSABLE', 'unknown token on this chain', 'intent.buyToken');
      if (intent.deadline > nowSeconds + config.MAX_DEADLINE_SECONDS) {
        throw new ApiError(
          'UNPROCESSABLE',
          `must be within ${config.MAX_DEADLINE_SECONDS} s from now`,
          'intent.deadline',
        );
      }
      const typedData = hedgeIntentTypedData({ intent, chainId: chain.chainId });
      const signer = await recoverSigner({ ...typedData, signature });
      if (!(await ledger.isKeeper(intent.vault, signer))) {
        throw new ApiError(
          'FORBIDDEN',
          `signer ${signer} is not a keeper of vault ${intent.vault}`,
          'signature',
        );
      }
      const intentHash = hashTypedData(typedData);
      const statusUrl = (id: string) => `/v1/intents/${id}`;
      // Idempotency first: the identical intent again answers with the first id, whatever the market did since.
      const existing = await ledger.findIntentByNonce(intent.vault, intent.nonce);
      if (existing) {
        if (existing.intentHash !== intentHash) {
          throw new ApiError(
            'CONFLICT',
            `nonce ${intent.nonce} was already used by another intent of this vault`,
            'intent.nonce',
          );
        }
        return reply.code(202).send({
          id: existing.id,
          status: existing.status,
          statusUrl: statusUrl(existing.id),
          duplicate: true,
        });
      }
      if (intent.deadline <= nowSeconds)
        throw new ApiError('UNPROCESSABLE', 'the deadline has passed', 'intent.deadline');
      const decision = await planRoute(deps, {
        intent,
        intentHash,
        nowSeconds,
        riskAversionPerUsd: config.DEFAULT_RISK_AVERSION_PER_USD,
        annualVolatility: config.DEFAULT_ANNUAL_VOLATILITY,
      });
      if (!decision.plan && decision.routeCandidates.length === 0 && decision.failures.length > 0) {
        // No venue answered (timeouts, a relay or RPC down): says nothing about the limit, and
        // nothing was stored, so the keeper can send the same signed intent again.
        throw new ApiError(
          'UNAVAILABLE',
          `no venue could quote right now, retry: ${decision.failures.map((f) => `${f.venue}: ${f.reason}`).join('; ')}`,
        );
      }
      if (!decision.plan) {
        throw new ApiError(
          'UNPROCESSABLE',
          `the limit cannot be met at current prices: ${decision.error?.message ?? 'no route'}`,
          'intent.minBuyAmount',
        );
      }
      const stored = await ledger.insertIntent({
        chainId: chain.chainId,
        intent,
        intentHash,
        signature,
        signer,
      });
      if (!stored.created && stored.duplicate === 'conflict') {
        throw new ApiError(
          'CONFLICT',
          `nonce ${intent.nonce} was already used by another intent of this vault`,
          'intent.nonce',
        );
      }
      // The intake keeps the decision it made: the worker executes this plan (re-planning only if
      // netting changed the size to route), so what the keeper was accepted on is what runs.
      if (stored.created) await ledger.recordDecision(stored.id, recordedRouteDecision(decision));
      const row = await ledger.getIntent(stored.id);
      return reply.code(202).send({
        id: stored.id,
        status: row?.status ?? 'received',
        statusUrl: statusUrl(stored.id),
        duplicate: !stored.created,
      });
    },
  );

  app.get(
    '/v1/intents/:id',
    {
      schema: {
        summary: 'Status, fills, realised price and slippage, reconciliation',
        tags: ['intents'],
        params: intentId,
        response: { 200: intentViewSchema, 404: errorBody },
      },
    },
    async (request) => {
      const row = await ledger.getIntent(request.params.id);
      if (!row) throw new ApiError('NOT_FOUND', 'no such intent', 'id');
      return intentView(row, await ledger.listSubmissions(row.id));
    },
  );

  app.get(
    '/v1/intents',
    {
      schema: {
        summary: 'List intents, newest first, paginated',
        tags: ['intents'],
        querystring: z
          .object({
            vault: addressParam.optional(),
            status: intentStatus.optional(),
            cursor: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          })
          .strict(),
        response: { 200: intentListSchema, 400: errorBody },
      },
    },
    async (request) => {
      const { vault, status, cursor, limit } = request.query;
      const page = await ledger.listIntents({
        limit,
        ...(vault ? { vault } : {}),
        ...(status ? { status } : {}),
        ...(cursor ? { cursor } : {}),
      });
      return {
        intents: page.intents.map((row) => ({
          id: row.id,
          vault: row.vault,
          status: row.status,
          createdAt: row.createdAt,
          updatedAt: row.updatedAt,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.delete(
    '/v1/intents/:id',
    {
      schema: {
        summary: 'Cancel an intent not yet executing (keeper-signed EIP-712 CancelHedgeIntent)',
        tags: ['intents'],
        params: intentId,
        body: z.object({ signature: hexSignature }).strict(),
        response: {
          200: z.object({ id: z.string(), status: intentStatus }),
          401: errorBody,
          403: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (request) => {
      const row = await ledger.getIntent(request.params.id);
      if (!row) throw new ApiError('NOT_FOUND', 'no such intent', 'id');
      const signer = await recoverSigner({
        ...cancelTypedData({ intentHash: row.intentHash, chainId: row.chainId }),
        signature: request.body.signature as Hex,
      });
      if (!(await ledger.isKeeper(row.vault, signer))) {
        throw new ApiError(
          'FORBIDDEN',
          `signer ${signer} is not a keeper of vault ${row.vault}`,
          'signature',
        );
      }
      const cancelled = await ledger.transition(row.id, 'cancelled', {
        reason: 'cancelled by keeper',
        from: ['received'],
      });
      if (!cancelled) {
        const now = await ledger.getIntent(row.id);
        if (now?.status === 'cancelled') return { id: row.id, status: 'cancelled' as const };
        throw new ApiError('CONFLICT', `the intent is ${now?.status}: it can no longer be cancelled`, 'id');
      }
      deps.metrics.intentTransitions.inc({ status: 'cancelled' });
      return { id: row.id, status: 'cancelled' as const };
    },
  );
};
