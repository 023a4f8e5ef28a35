import { withDeadline } from '@hedge-router/solvers';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context/appDeps.js';
import { errorBody } from './schemas.js';

// Probes and scrapes are never rate limited: a busy client must not make the service look down.
const unlimited = { rateLimit: false } as const;

/** `/health` (the process is up), `/ready` (ledger and chain reachable), `/metrics` (Prometheus). */
export const operationsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/health',
    {
      config: unlimited,
      schema: { tags: ['operations'], response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: unlimited,
      schema: {
        tags: ['operations'],
        response: {
          200: z.object({
            ledger: z.literal('ok'),
            chain: z.object({ chainId: z.number(), blockNumber: z.string() }),
          }),
          503: errorBody,
        },
      },
    },
    async (_request, reply) => {
      try {
        await deps.ledger.ping();
      } catch {
        return reply.code(503).send({ error: 'UNAVAILABLE', message: 'the ledger is not reachable' });
      }
      try {
        // Readiness answers within a second: a stalled chain is not ready, whatever its client's timeout.
        const blockNumber = await withDeadline(
          deps.chain.client.getBlockNumber({ cacheTime: 0 }),
          1_000,
          'the chain',
        );
        return {
          ledger: 'ok' as const,
          chain: { chainId: deps.chain.chainId, blockNumber: blockNumber.toString() },
        };
      } catch {
        return reply.code(503).send({ error: 'UNAVAILABLE', message: 'the chain RPC is not reachable' });
      }
    },
  );

  app.get(
    '/metrics',
    { config: unlimited, schema: { tags: ['operations'], hide: true } },
    async (_request, reply) => {
      reply.header('content-type', deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    },
  );
};
