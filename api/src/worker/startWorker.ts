import { type IntentRecord, LIVE_STATUSES, runIntent } from '@hedge-router/solvers';
import type { AppDeps } from '../context/appDeps.js';
import { engineDeps } from './engineDeps.js';
import { startNetting } from './startNetting.js';

export type WorkerOptions = {
  workerId: string;
  /** How long a claim lasts without renewal; another worker may take the intent after it. */
  leaseMs?: number;
  /** How often to look for work when idle. */
  pollMs?: number;
  /** Intents processed at once by this worker. */
  concurrency?: number;
  /** How long an intent whose processing failed waits before any worker tries it again (default 5 s). */
  failureBackoffMs?: number;
  /** Netting window (ms); default the config's NETTING_WINDOW_MS; 0: no netting. */
  nettingWindowMs?: number;
  log: {
    info: (obj: object, msg: string) => void;
    warn: (obj: object, msg: string) => void;
    error: (obj: object, msg: string) => void;
  };
};

export type Worker = { stop: () => Promise<void> };

/**
 * The lifecycle worker: claims unfinished intents from the ledger with a lease (row locks with
 * SKIP LOCKED on PostgreSQL, so several workers share one ledger), drives each with
 * the engine's runIntent, and releases it. Nothing is kept in memory across intents: a new or restarted
 * worker picks up exactly where the ledger says. With a netting window, new intents wait it out
 * while `startNetting` (run alongside, by every worker) crosses opposite pairs among them.
 */
export function startWorker(deps: AppDeps, options: WorkerOptions): Worker {
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? 200;
  const concurrency = options.concurrency ?? 4;
  const failureBackoffMs = options.failureBackoffMs ?? 5_000;
  const nettingWindowMs = options.nettingWindowMs ?? deps.config.NETTING_WINDOW_MS;
  const inFlight = new Map<string, Promise<void>>();
  // New intents wait out the netting window: the netting component crosses the opposite pairs
  // among them; this loop routes the rest once their window has passed.
  const netting =
    nettingWindowMs > 0
      ? startNetting(deps, {
          workerId: options.workerId,
          windowMs: nettingWindowMs,
          log: options.log,
          leaseMs,
        })
      : undefined;
  let stopped = false;
  let wake: (() => void) | undefined;

  const engine = engineDeps(deps, options.log);
  const run = async (id: string, record: IntentRecord) => {
    let failed = false;
    try {
      await runIntent(
        { ...engine, keepLease: () => deps.ledger.renewLease(id, options.workerId, leaseMs) },
        record,
      );
    } catch (error) {
      failed = true;
      const reason = error instanceof Error ? error.message : String(error);
      // Past its deadline nothing more can execute: the intent ends, with why, instead of being
      // retried forever.
      const expired =
        record.intent.deadline <= Math.floor(deps.clock().getTime() / 1000) &&
        (await deps.ledger
          .transition(id, 'expired', {
            reason: `the deadline passed while processing failed: ${reason}`,
            from: [...LIVE_STATUSES],
          })
          .catch(() => false));
      options.log.error(
        { intentId: id, err: error },
        expired
          ? 'processing failed past the deadline; expired'
          : `processing failed; retried in ${failureBackoffMs} ms`,
      );
    } finally {
      // A failing intent waits out a backoff (no worker takes it meanwhile), so it neither spins
      // nor blocks newer intents; one that ended or made progress is released at once.
      await (failed
        ? deps.ledger.backOff(id, options.workerId, failureBackoffMs)
        : deps.ledger.releaseLease(id, options.workerId)
      ).catch(() => undefined);
      inFlight.delete(id);
      wake?.();
    }
  };

  const loop = (async () => {
    while (!stopped) {
      const free = concurrency - inFlight.size;
      if (free > 0) {
        try {
          const claimed = await deps.ledger.claimIntents(options.workerId, leaseMs, free, {
            holdReceivedForMs: nettingWindowMs,
          });
          for (const row of claimed) if (!inFlight.has(row.id)) inFlight.set(row.id, run(row.id, row));
        } catch (error) {
          options.log.warn({ err: error }, 'claiming intents failed');
        }
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, pollMs);
      });
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await netting?.stop();
      await loop;
      await Promise.allSettled(inFlight.values());
    },
  };
}
