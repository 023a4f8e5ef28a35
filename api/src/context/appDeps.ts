import type { Venue } from '@hedge-router/solvers';
import type { ChainContext } from '../chain/createChainContext.js';
import type { Config } from '../config/loadConfig.js';
import type { Ledger } from '../ledger/ledger.js';
import type { QuoteWorkerPool } from '../quotes/quoteWorkerPool.js';
import type { Metrics } from './metrics.js';

/** What the routes and the worker need, built once by the process and handed in (tests build their own). */
export type AppDeps = {
  config: Config;
  ledger: Ledger;
  chain: ChainContext;
  venues: readonly Venue[];
  metrics: Metrics;
  /**
   * Worker threads computing `POST /v1/quotes` (QUOTE_WORKERS > 0); quotes run on the event loop
   * without it. The process closes it at shutdown.
   */
  quoteWorkers?: QuoteWorkerPool;
  /** The clock (tests and replays pass their own). */
  clock: () => Date;
  /**
   * Failure injection for crash tests: called at named points of the worker (e.g.
   * 'after-begin-submission', 'after-submit'); the crash test's process kills itself there.
   */
  failpoint?: (name: string) => void;
};
