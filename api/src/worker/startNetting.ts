import { createNettingWindow } from '@hedge-router/router';
import { crossPair, type IntentRecord } from '@hedge-router/solvers';
import type { AppDeps } from '../context/appDeps.js';
import { engineDeps } from './engineDeps.js';

export type NettingOptions = {
  workerId: string;
  /** How long a new intent waits for an opposite one (ms): the router's netting window. */
  windowMs: number;
  /** Lease on a pair while it is crossed and its remainders routed (default 30 s). */
  leaseMs?: number;
  /** Longest sleep between looks at the ledger when nothing waits (default 200 ms). */
  pollMs?: number;
  log: {
    info: (obj: object, msg: string) => void;
    warn: (obj: object, msg: string) => void;
    error: (obj: object, msg: string) => void;
  };
};

export type Netting = { stop: () => Promise<void> };

/**
 * Netting in the service: a timer-driven component that, on every tick, rebuilds the router's
 * netting window from the ledger (the new intents, each with its arrival time), so any worker
 * process can run it and none keeps state that matters. A pair the window releases goes to the
 * engine's `crossPair` (claimed, recorded, crossed at the exact mid, each remainder routed). The lifecycle
 * worker leaves new intents alone until their window has passed (claimIntents'
 * holdReceivedForMs), so a lone intent is routed at most `windowMs` late. The next tick is
 * scheduled at the window's `nextDueMs()`, or `pollMs` when nothing waits.
 */
export function startNetting(deps: AppDeps, workerOptions: NettingOptions): Netting {
  // Its own name on leases: the worker's loop takes back intents leased under its own id (a
  // restarted worker resumes at once), and must not take a pair this component is crossing.
  const options = { ...workerOptions, workerId: `${workerOptions.workerId}:netting` };
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? 200;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();
  const engine = engineDeps(deps, options.log);

  const tick = async () => {
    const nowMs = deps.clock().getTime();
    // Only intents still inside their window can pair: older ones belong to the worker.
    const rows = await deps.ledger.listWaitingIntents(new Date(nowMs - options.windowMs).toISOString());
    const window = createNettingWindow<IntentRecord>({ windowMs: options.windowMs });
    const pairs: [IntentRecord, IntentRecord][] = [];
    for (const record of rows) {
      pairs.push(
        ...window.add({
          item: record,
          sellToken: record.intent.sellToken,
          buyToken: record.intent.buyToken,
          arrivedAtMs: Date.parse(record.createdAt),
        }).pairs,
      );
    }
    for (const pair of pairs) {
      const work = crossPair(engine, { workerId: options.workerId, leaseMs }, pair).then(
        () => undefined,
        (error: unknown) =>
          options.log.error({ intents: pair.map((r) => r.id), err: error }, 'netting failed'),
      );
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    }
    window.due(nowMs);
    const next = window.nextDueMs();
    return next === undefined ? pollMs : Math.min(pollMs, Math.max(10, next - nowMs));
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => {
          options.log.warn({ err: error }, 'netting tick failed');
          return pollMs;
        })
        .then(schedule);
    }, ms);
  };
  schedule(0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await Promise.allSettled([...inFlight]);
    },
  };
}
