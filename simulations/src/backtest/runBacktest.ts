import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { HedgeRouterError } from '@hedge-router/router';
import { createBacktestContext } from './backtestContext.js';
import { loadScenarioSeries } from './createMarketModel.js';
import { createPathResults, mergePathResults, type PathResults } from './pathResults.js';
import { engineOf, runPaths } from './runPaths.js';
import type { Scenario } from './scenarioSchema.js';
import { type BacktestSummary, summarizeBacktest } from './summarizeBacktest.js';
import type { BacktestWorkerData, ChunkRequest, ChunkResult } from './workerProtocol.js';

export type RunBacktestParameters = {
  /** A validated scenario (`parseScenario`). */
  scenario: Scenario;
  /** Directory a CSV market's path is relative to. Default: the working directory. */
  baseDir?: string;
  /** Worker threads; default `scenario.threads`, else every core (fewer for small runs). 1 runs on this thread. */
  threads?: number;
  /** Paths per chunk handed to a thread (default: about 16 chunks per thread, 64–8192). */
  chunkPaths?: number;
  /** Force a loop (tests compare them); default the fast one where it applies. */
  engine?: 'fast' | 'generic';
  /** Aborting stops the workers and rejects with a `BACKTEST_CANCELLED` error. */
  signal?: AbortSignal;
  /** Called as chunks complete, with paths done and the total. */
  onProgress?: (done: number, total: number) => void;
};

export type BacktestResult = {
  summary: BacktestSummary;
  paths: PathResults;
  run: { threads: number; elapsedMs: number; pathStepsPerSecond: number };
};

function cancelled(): Error {
  return new HedgeRouterError('INVALID_INPUT', {
    shortMessage: 'backtest cancelled',
    details: { cancelled: true },
  });
}

/**
 * Runs a scenario's Monte Carlo over worker threads: paths are cut into chunks handed out as
 * threads free up, and every chunk's results are copied to its place in path order, so the
 * summary is the same bit for bit whatever the number of threads (path i always uses RNG
 * stream i). Threads load the TypeScript sources through a tsx-registering shim.
 */
export async function runBacktest(params: RunBacktestParameters): Promise<BacktestResult> {
  const { scenario, signal, onProgress } = params;
  const baseDir = params.baseDir ?? process.cwd();
  const started = performance.now();
  const series = loadScenarioSeries(scenario, baseDir);
  const ctx = createBacktestContext({ scenario, baseDir, series });
  if (scenario.paths > ctx.market.maxPaths) {
    throw new HedgeRouterError('INVALID_INPUT', {
      field: 'paths',
      shortMessage: `the replayed series has room for ${ctx.market.maxPaths} paths of ${scenario.steps} steps, not ${scenario.paths}`,
    });
  }
  const engine = params.engine ?? engineOf(ctx);
  const total = scenario.paths;
  // Starting a worker costs ~0.5-1 s (it loads the TypeScript sources): by default only use
  // threads when there is work for them (5 M path-steps per thread).
  const byWork = Math.max(1, Math.floor((total * scenario.steps) / 5e6));
  const threads = Math.max(
    1,
    Math.min(params.threads ?? scenario.threads ?? Math.min(availableParallelism(), byWork), total),
  );
  const chunk = params.chunkPaths ?? Math.max(64, Math.min(8192, Math.ceil(total / (threads * 16))));
  const merged = createPathResults(total);
  let done = 0;
  if (signal?.aborted) throw cancelled();

  if (threads === 1) {
    for (let from = 0; from < total; from += chunk) {
      const count = Math.min(chunk, total - from);
      mergePathResults(merged, runPaths(ctx, from, count, engine), from);
      done += count;
      onProgress?.(done, total);
      // Let a Ctrl-C (or a progress redraw) in between chunks.
      await new Promise((r) => setImmediate(r));
      if (signal?.aborted) throw cancelled();
    }
  } else {
    await runOnWorkers({ scenario, baseDir, series, engine }, threads, total, chunk, signal, (from, part) => {
      mergePathResults(merged, part, from);
      done += part.count;
      onProgress?.(done, total);
    });
  }
  const elapsedMs = performance.now() - started;
  return {
    summary: summarizeBacktest(scenario, engine, merged),
    paths: merged,
    run: { threads, elapsedMs, pathStepsPerSecond: (total * scenario.steps) / (elapsedMs / 1000) },
  };
}

async function runOnWorkers(
  data: BacktestWorkerData,
  threads: number,
  total: number,
  chunk: number,
  signal: AbortSignal | undefined,
  onChunk: (from: number, part: PathResults) => void,
): Promise<void> {
  const workerUrl = new URL('./backtestWorker.mjs', import.meta.url);
  const workers: Worker[] = [];
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let pending = 0;
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const onAbort = () => fail(cancelled());
      signal?.addEventListener('abort', onAbort, { once: true });
      const hand = (worker: Worker) => {
        if (failed) return;
        if (next >= total) {
          if (pending === 0) {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          }
          return;
        }
        const request: ChunkRequest = { from: next, count: Math.min(chunk, total - next) };
        next += request.count;
        pending++;
        worker.postMessage(request);
      };
      for (let t = 0; t < threads; t++) {
        const worker = new Worker(workerUrl, { workerData: data, execArgv: [] });
        workers.push(worker);
        worker.on('error', (e) => fail(e));
        worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`backtest worker exited with code ${code}`));
        });
        worker.on('message', (message: ChunkResult | { ready: true }) => {
          if ('ready' in message) {
            // Two chunks in flight per worker keep it busy while the main thread merges.
            hand(worker);
            hand(worker);
            return;
          }
          pending--;
          if ('error' in message) return fail(new Error(`backtest worker failed: ${message.error}`));
          onChunk(message.from, message.results);
          hand(worker);
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
