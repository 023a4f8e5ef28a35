import { availableParallelism } from 'node:os';
import { HedgeRouterError } from '@hedge-router/router';
import { createBacktestContext } from './backtestContext.js';
import { acquireWorkers, discardWorkers, type PooledWorker, releaseWorkers } from './backtestWorkerPool.js';
import { createChunkQueue } from './chunkQueue.js';
import { loadScenarioSeries } from './createMarketModel.js';
import { createPathResults, mergePathResults, type PathResults } from './pathResults.js';
import { engineOf, runPaths } from './runPaths.js';
import type { Scenario } from './scenarioSchema.js';
import { type BacktestSummary, summarizeBacktest } from './summarizeBacktest.js';
import type { BacktestJob, FromWorker, ToWorker } from './workerProtocol.js';

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
  /**
   * Paths per chunk handed to a thread. Default: on one thread about 16 chunks (64–8192 paths);
   * on several, chunks that shrink as the work runs out (`createChunkQueue`).
   */
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
 * the same bit for bit whatever the number of threads (path i always uses RNG stream i). The
 * workers come from a process-wide pool (`backtestWorkerPool`): warm ones from an earlier run
 * start at once; a new one loads a plain-JS bundle of its code in ~60 ms (`@hedge-router/tools/worker-bundle`).
 * This thread computes chunks too, from the start, so a worker's start-up costs nothing but
 * its own CPU. Between chunks this thread yields, so worker results, progress and aborts get
 * through.
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
  // A new worker costs ~0.1 s of CPU to start (a bundle to build adds ~0.3 s once per source
  // change), during which this thread computes alone: by default add a thread per 4 M
  // path-steps (~0.3 s) of work.
  const byWork = Math.max(1, Math.floor((total * scenario.steps) / 4e6));
  const threads = Math.max(
    1,
    Math.min(params.threads ?? scenario.threads ?? Math.min(availableParallelism(), byWork), total),
  );
  const merged = createPathResults(total);
  let done = 0;
  let workerPaths = 0;
  if (signal?.aborted) throw cancelled();

  if (threads === 1) {
    const chunk = params.chunkPaths ?? Math.max(64, Math.min(8192, Math.ceil(total / 16)));
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
    const job: BacktestJob = { scenario, baseDir, series, engine, venueCostTable: ctx.costs.venueTable };
    const workers = onMain ? threads - 1 : threads;
    const queue = createChunkQueue(total, scenario.steps, threads, params.chunkPaths);
    await runOnThreads(job, compute, workers, queue, signal, (from, part, onWorker) => {
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

// Tells runs apart on a pooled worker (a worker only answers chunks of its current job).
let lastJob = 0;

/**
 * Hands the queue's chunks to `workerCount` pooled workers and, when `compute` is given, to this
 * thread too, until all are done; `onChunk` gets each chunk's results (in completion order,
 * with its first path and whether a worker computed it). The workers go back to the pool after
 * a complete run, and are stopped after a cancelled or failed one.
 */
async function runOnThreads(
  job: BacktestJob,
  compute: ((from: number, count: number) => PathResults) | undefined,
  workerCount: number,
  queue: ReturnType<typeof createChunkQueue>,
  signal: AbortSignal | undefined,
  onChunk: (from: number, part: PathResults, onWorker: boolean) => void,
): Promise<void> {
  const id = ++lastJob;
  const pooled = acquireWorkers(workerCount);
  const detach: (() => void)[] = [];
  let ok = false;
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
        if (settled || !mainDone || pending > 0 || queue.left > 0) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const hand = ({ worker }: PooledWorker) => {
        if (settled) return;
        const chunk = queue.take();
        if (!chunk) return finishIfDone();
        pending++;
        worker.postMessage({ type: 'chunk', job: id, ...chunk } satisfies ToWorker);
      };
      for (const p of pooled) {
        const onError = (e: unknown) => fail(e);
        const onExit = (code: number) =>
          fail(
            new HedgeRouterError('SIMULATION_FAILED', {
              shortMessage: `backtest worker exited with code ${code}`,
            }),
          );
        const onMessage = (message: FromWorker) => {
          if (message.type === 'error' && message.job === id)
            return fail(
              new HedgeRouterError('SIMULATION_FAILED', {
                shortMessage: `backtest worker failed: ${message.error}`,
              }),
            );
          if (message.type !== 'chunk' || message.job !== id) return;
          pending--;
          onChunk(message.from, message.results, true);
          hand(p);
        };
        p.worker.on('error', onError);
        p.worker.on('exit', onExit);
        p.worker.on('message', onMessage);
        detach.push(() => {
          p.worker.off('error', onError);
          p.worker.off('exit', onExit);
          p.worker.off('message', onMessage);
        });
        p.ready.then(() => {
          if (settled) return;
          p.worker.postMessage({ type: 'job', job: id, ...job } satisfies ToWorker);
          // Two chunks in flight per worker keep it busy while this thread computes or merges.
          hand(p);
          hand(p);
        }, fail);
      }
      // This thread's share: one chunk at a time, yielding in between.
      if (!compute) return;
      void (async () => {
        try {
          for (;;) {
            if (settled) return;
            const chunk = queue.take();
            if (!chunk) break;
            onChunk(chunk.from, compute(chunk.from, chunk.count), false);
            await new Promise((r) => setImmediate(r));
          }
          mainDone = true;
          finishIfDone();
        } catch (error) {
          fail(error);
        }
      })();
    });
    ok = true;
  } finally {
    for (const d of detach) d();
    if (ok) releaseWorkers(pooled);
    else await discardWorkers(pooled);
  }
}
