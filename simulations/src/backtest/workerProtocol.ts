import type { PathResults } from './pathResults.js';
import type { PriceSeries } from './readPriceCsv.js';
import type { Scenario } from './scenarioSchema.js';
import type { VenueCostTable } from './venueCostTable.js';

/** What a backtest run needs on a worker (sent once per run: pooled workers serve many runs). */
export type BacktestJob = {
  scenario: Scenario;
  baseDir: string;
  series: PriceSeries | undefined;
  engine: 'fast' | 'generic';
  /** The venue cost table the run built (venue costs only): workers read it, never rebuild it. */
  venueCostTable: VenueCostTable | undefined;
};
/** Main → worker: start run `job` (build its context), or run paths from..from+count−1 of it. */
export type ToWorker = ({ type: 'job'; job: number } & BacktestJob) | ChunkRequest;
export type ChunkRequest = { type: 'chunk'; job: number; from: number; count: number };
/**
 * Worker → main: where its code came from (the entry's first message), ready for jobs, a chunk's
 * results, or the error that stopped a job (`from` −1: building the context).
 */
export type FromWorker =
  | { type: 'bundle'; bundle: string | undefined; reason: string | undefined }
  | { type: 'ready' }
  | { type: 'chunk'; job: number; from: number; results: PathResults }
  | { type: 'error'; job: number; from: number; error: string };
