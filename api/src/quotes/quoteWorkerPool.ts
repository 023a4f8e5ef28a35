import { Worker } from 'node:worker_threads';
import { HedgeRouterError } from '@hedge-router/router';
import type { Deployment } from '../config/deployment.js';
import type { Config } from '../config/loadConfig.js';
import { ApiError } from '../errors/apiErrors.js';
import type { QuoteResult } from './computeQuote.js';
import type { QuoteBody } from './quoteBodyFastPath.js';
import {
  fromWireError,
  type QuoteRequestMessage,
  type QuoteWorkerData,
  type QuoteWorkerMessage,
  type QuoteWorkerStats,
} from './quoteWorkerProtocol.js';

/** Quotes computed on worker threads; see createQuoteWorkerPool. */
export type QuoteWorkerPool = {
  /** Workers configured. */
  readonly size: number;
  /** Workers running now (fewer while a dead one's replacement starts). */
  readonly running: number;
  quote(body: QuoteBody): Promise<QuoteResult>;
  /**
   * Ends worker `index` as a crash would (its quotes in flight fail with 503) and starts its
   * replacement: for operators and the crash tests.
   */
  restartWorker(index: number): Promise<void>;
  /** The workers' chain-read counters, summed; `followingHeads` if every worker follows pushed heads. */
  stats(): Promise<QuoteWorkerStats>;
  /** Stops every worker; quotes in flight fail with 503. Idempotent. */
  close(): Promise<void>;
};

// A request in flight: its answer is a QuoteResult or QuoteWorkerStats, as the request asked.
type Pending = { resolve: (answer: never) => void; reject: (error: Error) => void };

type Slot = {
  worker: Worker;
  ready: Promise<void>;
  /** Set once `ready` has resolved: a quote then goes straight to the outbox (no await). */
  started: boolean;
  pending: Map<number, Pending>;
  /** Quotes of this turn of the event loop, sent together when it ends. */
  outbox: { id: number; body: QuoteBody }[];
};

const entry = new URL('./quoteWorker.mjs', import.meta.url);
const RESPAWN_DELAY_MS = 250;

/**
 * `size` worker threads that compute quotes (the route decision is CPU-bound: ~0.13 ms a quote,
 * against ~0.09 ms of HTTP work), so the event loop only parses, validates and writes, and a
 * machine's other cores route. Each worker has its own chain clients and per-block caches, built
 * from the same config and deployment. A quote goes to the worker with the fewest in flight. A
 * worker that dies fails its quotes in flight with 503 (never a hang) and is replaced. A worker
 * with nothing in flight does not keep the process alive.
 * Resolves when every worker is ready; rejects if one cannot start (bad config, no chain).
 */
export async function createQuoteWorkerPool(params: {
  size: number;
  config: Config;
  deployment: Deployment;
  /** Told when a worker dies and is replaced (logs). */
  onWorkerExit?: (reason: string) => void;
}): Promise<QuoteWorkerPool> {
  let bundle: string | undefined;
  let closed = false;
  let nextId = 0;

  const spawn = (): Slot => {
    const data: QuoteWorkerData = { config: params.config, deployment: params.deployment, bundle };
    // HEDGE_ROUTER_QUOTE_WORKER_CPU_PROF=<dir>: each worker writes a V8 CPU profile there when it
    // stops (bench/quotesProfile.ts profiles only the event loop).
    const profileDir = process.env.HEDGE_ROUTER_QUOTE_WORKER_CPU_PROF;
    const execArgv = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    // node 20's own WebSocket (undici) for the head subscription: viem finds it as a global; the
    // `ws` package hoisted here is v7, which viem's WebSocket shim cannot use. Global from node 22.
    if (typeof globalThis.WebSocket === 'undefined') execArgv.push('--experimental-websocket');
    const worker = new Worker(entry, { workerData: data, execArgv });
    const pending = new Map<number, Pending>();
    const slot: Slot = { worker, pending, ready: Promise.resolve(), started: false, outbox: [] };
    slot.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: QuoteWorkerMessage) => {
        switch (message.type) {
          case 'answers': {
            for (const a of message.items) {
              const p = pending.get(a.id);
              pending.delete(a.id);
              if (a.error === undefined) p?.resolve({ json: a.json, outcome: a.outcome } as never);
              else p?.reject(fromWireError(a.error));
            }
            if (pending.size === 0) worker.unref();
            return;
          }
          case 'stats': {
            const p = pending.get(message.id);
            pending.delete(message.id);
            if (pending.size === 0) worker.unref();
            p?.resolve(message.stats as never);
            return;
          }
          case 'bundle':
            if (message.bundle) bundle = message.bundle;
            return;
          case 'ready':
            worker.unref();
            slot.started = true;
            return resolve();
          case 'startFailed':
            void worker.terminate();
            return reject(
              new HedgeRouterError('UNAVAILABLE', {
                shortMessage: `a quote worker could not start: ${message.message}`,
              }),
            );
        }
      });
      worker.once('error', (error) => reject(error));
      worker.once('exit', (code) => {
        reject(
          new HedgeRouterError('UNAVAILABLE', {
            shortMessage: `a quote worker exited with code ${code} while starting`,
          }),
        );
        const reason = `quote worker exited (code ${code})`;
        for (const p of pending.values()) p.reject(new ApiError('UNAVAILABLE', `${reason}; retry`));
        pending.clear();
        const i = slots.indexOf(slot);
        if (i >= 0) slots.splice(i, 1);
        if (closed) return;
        params.onWorkerExit?.(reason);
        // Replaced after a pause, so a worker that cannot start does not spin.
        setTimeout(() => {
          if (!closed) slots.push(spawn());
        }, RESPAWN_DELAY_MS).unref();
      });
    });
    // A start failure is reported by the pool's first await; a replacement's, by its quotes.
    slot.ready.catch(() => {});
    return slot;
  };

  const askStats = (slot: Slot) =>
    new Promise<QuoteWorkerStats>((resolve, reject) => {
      if (slot.pending.size === 0) slot.worker.ref();
      const id = nextId++;
      slot.pending.set(id, { resolve: resolve as (answer: never) => void, reject });
      slot.worker.postMessage({ type: 'stats', id } satisfies QuoteRequestMessage);
    });
  const flush = (slot: Slot) => {
    const items = slot.outbox;
    slot.outbox = [];
    // A worker that died meanwhile has failed these already (its pending map).
    if (slots.includes(slot))
      slot.worker.postMessage({ type: 'quotes', items } satisfies QuoteRequestMessage);
  };
  const askQuote = (slot: Slot, body: QuoteBody) =>
    new Promise<QuoteResult>((resolve, reject) => {
      if (slot.pending.size === 0) slot.worker.ref();
      const id = nextId++;
      slot.pending.set(id, { resolve: resolve as (answer: never) => void, reject });
      if (slot.outbox.push({ id, body }) === 1) setImmediate(flush, slot);
    });

  const slots: Slot[] = Array.from({ length: params.size }, spawn);
  try {
    await Promise.all(slots.map((s) => s.ready));
  } catch (error) {
    closed = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw error;
  }

  return {
    size: params.size,
    get running() {
      return slots.length;
    },
    // Not async: a started worker's quote is the outbox promise itself (no extra turns).
    quote(body) {
      if (closed) return Promise.reject(new ApiError('UNAVAILABLE', 'the quote workers are stopping'));
      let slot = slots[0];
      if (!slot)
        return Promise.reject(new ApiError('UNAVAILABLE', 'no quote worker is running (restarting); retry'));
      for (const s of slots) if (s.pending.size < slot.pending.size) slot = s;
      if (slot.started) return askQuote(slot, body);
      const starting = slot;
      return starting.ready.then(
        () => askQuote(starting, body),
        (error: unknown) => {
          throw new HedgeRouterError('UNAVAILABLE', {
            shortMessage: `${(error as Error).message}; retry`,
            cause: error,
          });
        },
      );
    },
    async stats() {
      const all = await Promise.all(slots.map(askStats));
      const sum = {
        hits: 0,
        misses: 0,
        memoBuilds: 0,
        headFetches: 0,
        resets: 0,
        followingHeads: all.length > 0,
      };
      for (const s of all) {
        sum.hits += s.hits;
        sum.misses += s.misses;
        sum.memoBuilds += s.memoBuilds;
        sum.headFetches += s.headFetches;
        sum.resets += s.resets;
        sum.followingHeads &&= s.followingHeads;
      }
      return sum;
    },
    async restartWorker(index) {
      const slot = slots[index];
      if (slot) await slot.worker.terminate();
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
