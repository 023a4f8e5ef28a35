import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { HedgeRouterError } from '@hedge-router/router';
import type { FromWorker } from './workerProtocol.js';

/**
 * A backtest worker of the pool. `ready` settles when its code is loaded (rejects if it dies
 * first). A run that acquired it listens on `worker` and gives it back with `releaseWorkers`
 * (healthy, idle) or `discardWorkers` (stopped mid-chunk: cancelled or failed).
 */
export type PooledWorker = { worker: Worker; ready: Promise<void> };

// Idle workers are kept this long, then stopped (a long-lived process does not hold their
// memory forever). Runs in a row (the report's frontier: a dozen backtests) reuse them warm.
const IDLE_MS = 30_000;

const entry = new URL('./backtestWorker.mjs', import.meta.url);
const idle: PooledWorker[] = [];
const idleTimers = new Map<PooledWorker, NodeJS.Timeout>();
// Learnt from the first worker (it finds or builds the bundle): later workers load it directly.
let bundle: string | undefined;

function spawn(): PooledWorker {
  const worker = new Worker(entry, { workerData: { bundle }, execArgv: [] });
  const ready = new Promise<void>((resolve, reject) => {
    const onMessage = (message: FromWorker) => {
      if (message.type === 'bundle') {
        if (message.bundle) bundle = message.bundle;
        return;
      }
      if (message.type !== 'ready') return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      worker.off('exit', onExit);
      resolve();
    };
    const onExit = (code: number) =>
      reject(
        new HedgeRouterError('SIMULATION_FAILED', {
          shortMessage: `backtest worker exited with code ${code} while starting`,
        }),
      );
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', onExit);
  });
  // A rejection nobody awaits (the run already failed or finished) must not crash the process.
  ready.catch(() => {});
  const pooled = { worker, ready };
  // An idle worker that dies is dropped (a run's own listeners report errors during the run).
  worker.on('error', () => {});
  worker.once('exit', () => dropIdle(pooled));
  return pooled;
}

function dropIdle(pooled: PooledWorker): void {
  const i = idle.indexOf(pooled);
  if (i >= 0) idle.splice(i, 1);
  clearTimeout(idleTimers.get(pooled));
  idleTimers.delete(pooled);
}

/**
 * `count` workers for one run, warm ones first, the rest started now. They keep the process
 * alive until released (an idle worker does not).
 */
export function acquireWorkers(count: number): PooledWorker[] {
  const taken: PooledWorker[] = [];
  while (taken.length < count && idle.length > 0) {
    const pooled = idle.pop()!;
    dropIdle(pooled);
    taken.push(pooled);
  }
  while (taken.length < count) taken.push(spawn());
  for (const { worker } of taken) worker.ref();
  return taken;
}

/** Gives workers back after a run that completed (no chunk in flight): they wait, unref'd. */
export function releaseWorkers(workers: readonly PooledWorker[]): void {
  for (const pooled of workers) {
    if (idle.length >= availableParallelism()) {
      void pooled.worker.terminate();
      continue;
    }
    pooled.worker.unref();
    idle.push(pooled);
    const timer = setTimeout(() => {
      dropIdle(pooled);
      void pooled.worker.terminate();
    }, IDLE_MS);
    timer.unref();
    idleTimers.set(pooled, timer);
  }
}

/** Stops workers a run could not finish with (cancelled or failed: chunks may be in flight). */
export async function discardWorkers(workers: readonly PooledWorker[]): Promise<void> {
  await Promise.all(workers.map((p) => p.worker.terminate()));
}

/** Stops every idle worker (the next run starts new ones). */
export async function closeBacktestPool(): Promise<void> {
  const all = idle.splice(0);
  for (const pooled of all) dropIdle(pooled);
  await discardWorkers(all);
}

/** Idle workers in the pool (tests). */
export function idleWorkerCount(): number {
  return idle.length;
}
