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
  /**
   * Threads that compute paths: this one plus `threads − 1` workers. Default `scenario.threads`,
   * else every core (fewer for small runs). 1 runs on this thread alone.
   */
  threads?: number;
  /**
   * With threads > 1, whether this thread computes chunks too (default true). False leaves all
   * of them to `threads` workers and keeps this thread's event loop free.
   */
  computeOnMainThread?: boolean;
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
  run: {
    threads: number;
    elapsedMs: number;
    /** Path-steps per wall-clock second, worker start-up included. */
    pathStepsPerSecond: number;
    /** Path-steps per second of CPU time (all threads of the process): the per-core rate. */
    pathStepsPerCpuSecond: number;
    /** Paths computed on worker threads (the rest ran on this thread). */
    workerPaths: number;
  };
};

function cancelled(): Error {
  return new HedgeRouterError('INVALID_INPUT', {
    shortMessage: 'backtest cancelled',
    details: { cancelled: true },
  });
}

/**
 * Runs a scenario's Monte Carlo over threads: paths are cut into chunks handed out as threads
 * free up, and every chunk's results are copied to its place in path order, so the summary is
 * the same bit for bit whatever the number of threads (path i always uses RNG stream i). This
 * thread computes chunks too, from the start: a worker needs ~0.3-0.5 s to load the TypeScript
 * sources (through a tsx-registering shim), and waiting for it would eat most of a short run's
 * gain. Between chunks this thread yields, so worker results, progress and aborts get through.
 */
export async function runBacktest(params: RunBacktestParameters): Promise<BacktestResult> {
  const { scenario, signal, onProgress } = params;
  const baseDir = params.baseDir ?? process.cwd();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
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
  // Starting a worker costs ~0.3-0.5 s of CPU (it loads the TypeScript sources), during which
  // this thread computes alone: by default only add a thread per 10 M path-steps (~1 s) of work.
  const byWork = Math.max(1, Math.floor((total * scenario.steps) / 1e7));
  const threads = Math.max(
    1,
    Math.min(params.threads ?? scenario.threads ?? Math.min(availableParallelism(), byWork), total),
  );
  const chunk = params.chunkPaths ?? Math.max(64, Math.min(8192, Math.ceil(total / (threads * 16))));
  const merged = createPathResults(total);
  let done = 0;
  let workerPaths = 0;
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
    const onMain = params.computeOnMainThread ?? true;
    const compute = onMain ? (from: number, count: number) => runPaths(ctx, from, count, engine) : undefined;
    const data: BacktestWorkerData = { scenario, baseDir, series, engine };
    const workers = onMain ? threads - 1 : threads;
    await runOnThreads(data, compute, workers, total, chunk, signal, (from, part, onWorker) => {
      mergePathResults(merged, part, from);
      done += part.count;
      if (onWorker) workerPaths += part.count;
      onProgress?.(done, total);
    });
  }
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const pathSteps = total * scenario.steps;
  return {
    summary: summarizeBacktest(scenario, engine, merged),
    paths: merged,
    run: {
      threads,
      elapsedMs,
      pathStepsPerSecond: pathSteps / (elapsedMs / 1000),
      pathStepsPerCpuSecond: pathSteps / ((cpu.user + cpu.system) / 1e6),
      workerPaths,
    },
  };
}

/**
 * Hands chunks of `chunk` paths to `workerCount` workers and, when `compute` is given, to this
 * thread too, until all `total` are done; `onChunk` gets each chunk's results (in completion
 * order, with its first path and whether a worker computed it).
 */
async function runOnThreads(
  data: BacktestWorkerData,
  compute: ((from: number, count: number) => PathResults) | undefined,
  workerCount: number,
  total: number,
  chunk: number,
  signal: AbortSignal | undefined,
  onChunk: (from: number, part: PathResults, onWorker: boolean) => void,
): Promise<void> {
  const workerUrl = new URL('./backtestWorker.mjs', import.meta.url);
  const workers: Worker[] = [];
  let next = 0;
  const take = (): ChunkRequest | undefined => {
    if (next >= total) return undefined;
    const request = { from: next, count: Math.min(chunk, total - next) };
    next += request.count;
    return request;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let pending = 0;
      let mainDone = compute === undefined;
      let settled = false;
      const onAbort = () => fail(cancelled());
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      };
      const finishIfDone = () => {
        if (settled || !mainDone || pending > 0 || next < total) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const hand = (worker: Worker) => {
        if (settled) return;
        const request = take();
        if (!request) return finishIfDone();
        pending++;
        worker.postMessage(request);
      };
      for (let t = 0; t < workerCount; t++) {
        const worker = new Worker(workerUrl, { workerData: data, execArgv: [] });
        workers.push(worker);
        worker.on('error', (e) => fail(e));
        worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`backtest worker exited with code ${code}`));
        });
        worker.on('message', (message: ChunkResult | { ready: true }) => {
          if ('ready' in message) {
            // Two chunks in flight per worker keep it busy while this thread computes or merges.
            hand(worker);
            hand(worker);
            return;
          }
          pending--;
          if ('error' in message) return fail(new Error(`backtest worker failed: ${message.error}`));
          onChunk(message.from, message.results, true);
          hand(worker);
        });
      }
      // This thread's share: one chunk at a time, yielding in between.
      if (!compute) return;
      void (async () => {
        try {
          for (;;) {
            if (settled) return;
            const request = take();
            if (!request) break;
            onChunk(request.from, compute(request.from, request.count), false);
            await new Promise((r) => setImmediate(r));
          }
          mainDone = true;
          finishIfDone();
        } catch (error) {
          fail(error);
        }
      })();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
