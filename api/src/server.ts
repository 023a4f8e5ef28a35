#!/usr/bin/env node
// The service's process: validated config, the ledger, the app listening, the lifecycle worker,
// and a graceful shutdown on SIGINT/SIGTERM (stop taking requests, let the worker finish its
// intents in flight for at most SHUTDOWN_DRAIN_MS: the rest resume from the ledger at the next
// start, close the ledger). Refuses to start with a clear message on bad config.
import { LogController } from 'fastify';
import pino from 'pino';
import { buildApp, REDACTED_PATHS } from './app/buildApp.js';
import { createDeps } from './app/createDeps.js';
import { readDeployment } from './config/deployment.js';
import { ConfigError, loadConfig } from './config/loadConfig.js';
import { startWorker } from './worker/startWorker.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
  const deployment = readDeployment(config.WORLD_FILE);
  const deps = await createDeps(config, deployment);
  // HEDGE_ROUTER_FAILPOINT=<name>: die by SIGKILL at that point of the worker (crash tests only).
  const failpoint = process.env.HEDGE_ROUTER_FAILPOINT;
  if (failpoint) {
    deps.failpoint = (name) => {
      if (name === failpoint) process.kill(process.pid, 'SIGKILL');
    };
  }
  const app = await buildApp(deps, {
    loggerInstance: logger,
    // One line per request only at debug (the top-level disableRequestLogging is deprecated).
    logController: new LogController({ disableRequestLogging: config.LOG_LEVEL !== 'debug' }),
    // Event streams never end on their own, and fetch (undici) reopens an idle socket when a
    // stream is cancelled: without this, close() waits for them and shutdown hangs.
    forceCloseConnections: true,
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  const worker = config.WORKER_ENABLED
    ? startWorker(deps, { workerId: config.WORKER_ID, log: logger.child({ component: 'worker' }) })
    : undefined;
  logger.info(
    {
      chainId: deps.chain.chainId,
      venues: deps.venues.map((v) => v.name),
      ledger: deps.ledgerDb.dialect,
      quoteWorkers: deps.quoteWorkers?.size ?? 0,
    },
    `Hedge Router API listening on http://${config.HOST}:${(app.server.address() as { port: number }).port}`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    if (worker) {
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        worker.stop().then(() => true),
        new Promise<false>((done) => {
          timer = setTimeout(() => done(false), config.SHUTDOWN_DRAIN_MS);
        }),
      ]);
      clearTimeout(timer);
      if (!drained)
        logger.warn(
          { drainMs: config.SHUTDOWN_DRAIN_MS },
          'intents still in flight: they resume from the ledger at the next start',
        );
    }
    await deps.quoteWorkers?.close();
    await deps.ledgerDb.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error instanceof Error ? `failed to start: ${error.message}` : error);
  process.exit(1);
});
