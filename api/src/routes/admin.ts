import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getAddress } from 'viem';
import { z } from 'zod';
import type { AppDeps } from '../context/appDeps.js';
import { ApiError } from '../errors/apiErrors.js';
import { addressParam, errorBody } from './schemas.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const keeperBody = z.object({ vault: addressParam, keeper: addressParam }).strict();
const keeperView = z.object({ vault: z.string(), keeper: z.string(), createdAt: z.string() });

/** The keeper registry, behind `Authorization: Bearer <ADMIN_TOKEN>`. */
export const adminRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!sameSecret(token, deps.config.ADMIN_TOKEN)) {
      throw new ApiError('UNAUTHORIZED', 'a valid admin bearer token is required', 'authorization');
    }
  });

  app.post(
    '/v1/admin/keepers',
    {
      schema: {
        summary: 'Register a keeper for a vault',
        tags: ['admin'],
        body: keeperBody,
        response: {
          201: z.object({ vault: z.string(), keeper: z.string() }),
          400: errorBody,
          401: errorBody,
        },
      },
    },
    async (request, reply) => {
      const vault = getAddress(request.body.vault);
      const keeper = getAddress(request.body.keeper);
      await deps.ledger.addKeeper(vault, keeper);
      return reply.code(201).send({ vault, keeper });
    },
  );

  app.delete(
    '/v1/admin/keepers',
    {
      schema: {
        summary: 'Remove a keeper from a vault',
        tags: ['admin'],
        body: keeperBody,
        response: { 200: z.object({ removed: z.boolean() }), 400: errorBody, 401: errorBody },
      },
    },
    async (request) => ({ removed: await deps.ledger.removeKeeper(request.body.vault, request.body.keeper) }),
  );

  app.get(
    '/v1/admin/keepers',
    {
      schema: {
        summary: 'List keepers',
        tags: ['admin'],
        querystring: z.object({ vault: addressParam.optional() }).strict(),
        response: { 200: z.object({ keepers: z.array(keeperView) }), 401: errorBody },
      },
    },
    async (request) => ({
      keepers: (await deps.ledger.listKeepers(request.query.vault)).map((k) => ({
        vault: getAddress(k.vault),
        keeper: getAddress(k.keeper),
        createdAt: k.created_at,
      })),
    }),
  );
};
