import type { PathResults } from './pathResults.js';
import type { PriceSeries } from './readPriceCsv.js';
import type { Scenario } from './scenarioSchema.js';

/** What a backtest worker is started with. */
export type BacktestWorkerData = {
  scenario: Scenario;
  baseDir: string;
  series: PriceSeries | undefined;
  engine: 'fast' | 'generic';
};
/** Main → worker: run paths from..from+count−1. */
export type ChunkRequest = { from: number; count: number };
/** Worker → main: a chunk's results, or the error that stopped it. */
export type ChunkResult = { from: number; results: PathResults } | { from: number; error: string };
