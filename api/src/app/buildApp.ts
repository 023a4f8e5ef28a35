import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { isHedgeRouterError } from '@hedge-router/router';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from '../context/appDeps.js';
import { errorAnswer } from '../errors/apiErrors.js';
import { adminRoutes } from '../routes/admin.js';
import { auditRoutes } from '../routes/audit.js';
import { eventsRoutes } from '../routes/events.js';
import { hedgePlansRoutes } from '../routes/hedgePlans.js';
import { intentsRoutes } from '../routes/intents.js';
import { operationsRoutes } from '../routes/operations.js';
import { quotesRoutes } from '../routes/quotes.js';

/** Paths pino never writes: keys, signatures and tokens stay out of the logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-flashbots-signature"]',
  'config.ADMIN_TOKEN',
  'config.OPERATOR_PRIVATE_KEY',
  'config.RELAY_AUTH_PRIVATE_KEY',
  '*.privateKey',
  '*.signature',
];

type IssueLike = { instancePath?: string; message?: string; params?: { issue?: { path?: PropertyKey[] } } };

/** The field named by a validation issue: `intent.sellAmount`, `venues.0`, … */
function fieldOf(issue: IssueLike, context: string | undefined): string {
  const path = issue.params?.issue?.path;
  if (path && path.length > 0) return path.map(String).join('.');
  const fromPointer = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
  return fromPointer || context || 'body';
}

/**
 * Builds the service (not listening): zod-validated routes, OpenAPI at /docs and /docs/json,
 * rate limits, body limits, and one error handler that answers every failure with
 * `{ error, message, fields? }`: 4xx naming the field and the reason; 5xx saying nothing internal
 * (errorAnswer: a HedgeRouterError by its code's status, INTERNAL for a 500 code or an unknown error).
 */
export async function buildApp(deps: AppDeps, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    logger: options.logger ?? false,
    ...options,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = (error.validation as IssueLike[]).map((issue) => ({
        field: fieldOf(issue, error.validationContext),
        reason: issue.message ?? 'invalid',
      }));
      return reply.code(400).send({
        error: 'INVALID_INPUT',
        message: fields.map((f) => `${f.field}: ${f.reason}`).join('; '),
        fields,
      });
    }
    const answer = errorAnswer(error);
    if (answer.internal)
      request.log.error(
        { err: error },
        isHedgeRouterError(error) ? `internal error: ${error.code}` : 'unhandled error',
      );
    return reply.code(answer.status).send(answer.body);
  });

  // An unknown route answers in the API's own error shape, like every other error.
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    deps.metrics.httpRequests.inc({ route, status: String(reply.statusCode) });
    deps.metrics.httpDuration.observe({ route }, reply.elapsedTime / 1000);
  });

  await app.register(rateLimit, {
    max: deps.config.RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      // The code the error handler answers with (without it a 429 read as BAD_REQUEST).
      code: 'RATE_LIMITED',
      error: 'RATE_LIMITED',
      message: `rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`,
    }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Hedge Router',
        version: '0.1.0',
        description: 'Routes signed hedge intents to the venue with the lowest expected total cost.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(operationsRoutes, deps);
  await app.register(adminRoutes, deps);
  await app.register(quotesRoutes, deps);
  await app.register(intentsRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(eventsRoutes, deps);
  await app.register(hedgePlansRoutes, deps);
  return app;
}
