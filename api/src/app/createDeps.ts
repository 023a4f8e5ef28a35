import type { Venue } from '@hedge-router/solvers';
import { createChainContext } from '../chain/createChainContext.js';
import type { Deployment } from '../config/deployment.js';
import type { Config } from '../config/loadConfig.js';
import type { AppDeps } from '../context/appDeps.js';
import { createMetrics } from '../context/metrics.js';
import { createLedger } from '../ledger/ledger.js';
import { type LedgerDb, openLedgerDb } from '../ledger/openLedgerDb.js';
import { createQuoteWorkerPool } from '../quotes/quoteWorkerPool.js';
import { createVenues } from '../venues/createVenues.js';

/**
 * Everything the app and the worker need, from validated config and the deployment file. Quote
 * worker threads are started when QUOTE_WORKERS > 0, unless venues or a clock are handed in (the
 * workers build their own from config and could not share them).
 */
export async function createDeps(
  config: Config,
  deployment: Deployment,
  options: { venues?: Venue[]; clock?: () => Date } = {},
): Promise<AppDeps & { ledgerDb: LedgerDb }> {
  const ledgerDb = await openLedgerDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const clock = options.clock ?? (() => new Date());
  const chain = createChainContext(config, deployment);
  const quoteWorkers =
    config.QUOTE_WORKERS > 0 && !options.venues && !options.clock
      ? await createQuoteWorkerPool({ size: config.QUOTE_WORKERS, config, deployment })
      : undefined;
  return {
    config,
    ledger: createLedger(ledgerDb.db, ledgerDb.dialect, clock),
    ledgerDb,
    chain,
    venues: options.venues ?? createVenues(config, deployment, chain),
    metrics: createMetrics(),
    clock,
    ...(quoteWorkers ? { quoteWorkers } : {}),
  };
}
