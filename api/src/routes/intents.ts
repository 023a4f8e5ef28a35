import { hedgeIntentCodec } from '@hedge-router/router';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Hex } from 'viem';
import { z } from 'zod';
import type { AppDeps } from '../context/appDeps.js';
import { ApiError } from '../errors/apiErrors.js';
import { acceptIntent, cancelIntent } from '../intake/acceptIntent.js';
import { intentListSchema, intentView, intentViewSchema } from './intentView.js';
import { addressParam, errorBody, hexSignature, intentStatus } from './schemas.js';

const intentId = z.object({ id: z.uuid() });

/**
 * The intent endpoints: submit (signed, idempotent per (vault, nonce)), read, list, cancel
 * (keeper-signed, before execution) and audit.
 */
export const intentsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { ledger } = deps;

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
      const accepted = await acceptIntent(deps, {
        intent: request.body.intent,
        signature: request.body.signature as Hex,
      });
      return reply.code(202).send({ ...accepted, statusUrl: `/v1/intents/${accepted.id}` });
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
    async (request) =>
      cancelIntent(deps, { id: request.params.id, signature: request.body.signature as Hex }),
  );
};
