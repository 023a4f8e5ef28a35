import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context/appDeps.js';
import { addressParam } from './schemas.js';

const POLL_MS = 200;
const HEARTBEAT_MS = 15_000;

/**
 * `GET /v1/events`: server-sent events of intent status changes, optionally for one vault.
 * Events are read from the ledger (not process memory), so every API process streams every
 * worker's transitions; `Last-Event-ID` resumes a dropped stream without gaps.
 */
export const eventsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/v1/events',
    {
      schema: {
        summary: 'Server-sent events of intent status changes',
        tags: ['events'],
        querystring: z.object({ vault: addressParam.optional() }).strict(),
      },
    },
    async (request, reply) => {
      const vault = request.query.vault;
      const lastEventId = Number(request.headers['last-event-id'] ?? Number.NaN);
      let cursor = Number.isFinite(lastEventId) ? lastEventId : await deps.ledger.lastEventId();
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      let closed = false;
      let lastWrite = Date.now();
      const pump = async () => {
        while (!closed) {
          const events = await deps.ledger.eventsAfter(cursor, vault ? { vault } : {}).catch(() => []);
          for (const e of events) {
            cursor = e.id;
            const data = {
              intentId: e.intent_id,
              vault: e.vault,
              status: e.status,
              at: e.created_at,
              ...e.detail,
            };
            res.write(`id: ${e.id}\nevent: status\ndata: ${JSON.stringify(data)}\n\n`);
            lastWrite = Date.now();
          }
          if (Date.now() - lastWrite > HEARTBEAT_MS) {
            res.write(': heartbeat\n\n');
            lastWrite = Date.now();
          }
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
      };
      request.raw.on('close', () => {
        closed = true;
      });
      void pump();
    },
  );
};
