import {
  buildRouteCost,
  createNettingWindow,
  crossOppositeIntents,
  type HedgeIntent,
  type MidRatio,
  parseHedgeIntent,
  type RouteLeg,
  type RouteQuote,
} from '@hedge-router/router';
import { CROSS_GAS_UNITS, readV3PoolState, settleCross } from '@hedge-router/solvers';
import type { Hex } from 'viem';
import type { AppDeps } from '../app/deps.js';
import type { IntentRow } from '../ledger/ledger.js';
import { toJson } from '../routing/jsonSafe.js';
import { marketSnapshot } from '../routing/marketSnapshot.js';
import { NETTING_CANDIDATE_ID, NETTING_VENUE } from './nettingLeg.js';
import { processIntent } from './processIntent.js';

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

const Q192 = 2n ** 192n;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Netting in the service: a timer-driven component that, on every tick, rebuilds the router's
 * netting window from the ledger (the new intents, each with its arrival time), so any worker
 * process can run it and none keeps state that matters. A pair the window releases is claimed
 * in the ledger (both intents leased atomically, so two workers never cross the same intent),
 * recorded (each side's transition and its crossed leg, begun, before anything is sent), crossed
 * at the deepest pool's exact mid through HedgeExecutor.cross (`settleCross`), recorded again,
 * and then each side goes to processIntent, which routes only its remainder. The lifecycle
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

  const tick = async () => {
    const nowMs = deps.clock().getTime();
    // Only intents still inside their window can pair: older ones belong to the worker.
    const rows = await deps.ledger.listWaitingIntents(new Date(nowMs - options.windowMs).toISOString());
    const window = createNettingWindow<IntentRow>({ windowMs: options.windowMs });
    const pairs: [IntentRow, IntentRow][] = [];
    for (const row of rows) {
      const intent = parseHedgeIntent(JSON.parse(row.intent_json));
      pairs.push(
        ...window.add({
          item: row,
          sellToken: intent.sellToken,
          buyToken: intent.buyToken,
          arrivedAtMs: Date.parse(row.created_at),
        }).pairs,
      );
    }
    for (const pair of pairs) {
      const work = crossPair(deps, options, leaseMs, pair).catch((error: unknown) =>
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

async function crossPair(
  deps: AppDeps,
  options: NettingOptions,
  leaseMs: number,
  [rowA, rowB]: [IntentRow, IntentRow],
): Promise<void> {
  if (!(await deps.ledger.claimPair([rowA.id, rowB.id], options.workerId, leaseMs))) return;
  const a = parseHedgeIntent(JSON.parse(rowA.intent_json));
  const b = parseHedgeIntent(JSON.parse(rowB.intent_json));
  const run = (row: IntentRow) =>
    processIntent(
      {
        ...deps,
        workerId: options.workerId,
        log: options.log,
        keepLease: () => deps.ledger.renewLease(row.id, options.workerId, leaseMs),
      },
      row,
    );
  try {
    const nowSeconds = Math.floor(deps.clock().getTime() / 1000);
    const mid = await exactMid(deps, a);
    const cross =
      a.deadline > nowSeconds && b.deadline > nowSeconds ? crossOppositeIntents(a, b, mid) : undefined;
    if (cross) {
      const sideA = { row: rowA, intent: a, sells: cross.aSells, minBuy: cross.aMinBuy, gets: cross.bSells };
      const sideB = { row: rowB, intent: b, sells: cross.bSells, minBuy: cross.bMinBuy, gets: cross.aSells };
      // 1. Write down what is about to happen, for both sides, before sending anything.
      const begun = [];
      for (const [side, other] of [
        [sideA, sideB],
        [sideB, sideA],
      ] as const) {
        await deps.ledger.transition(side.row.id, 'routing', {
          reason: null,
          detail: { netting: { with: other.row.id, sellAmount: side.sells.toString() } },
          from: ['received'],
        });
        const leg = await nettingLeg(deps, side.intent, side.sells, side.minBuy, side.gets, nowSeconds);
        await deps.ledger.recordDecision(side.row.id, {
          context: { netting: { with: other.row.id, mid: { n: mid.numerator, d: mid.denominator } } },
          candidates: [],
          plan: { netting: JSON.parse(toJson(leg)) },
          failures: [],
        });
        begun.push(
          await deps.ledger.beginSubmission({
            intentId: side.row.id,
            legIndex: 0,
            attempt: 0,
            venue: NETTING_VENUE,
            candidateId: NETTING_CANDIDATE_ID,
            legJson: toJson(leg),
          }),
        );
      }
      const [begunA, begunB] = begun as [(typeof begun)[0], (typeof begun)[0]];
      deps.failpoint?.('after-begin-netting');
      // 2. The cross, on chain: both leg ids at once, each side at least its minimum.
      try {
        const settled = await settleCross(deps.chain.client, {
          operator: deps.chain.operator,
          executor: deps.chain.executor,
          a: {
            intent: a,
            intentHash: rowA.intent_hash as Hex,
            legIndex: 0,
            sellAmount: sideA.sells,
            minBuyAmount: sideA.minBuy,
            arrivalMidBuyAmount: sideA.gets,
          },
          b: {
            intent: b,
            intentHash: rowB.intent_hash as Hex,
            legIndex: 0,
            sellAmount: sideB.sells,
            minBuyAmount: sideB.minBuy,
            arrivalMidBuyAmount: sideB.gets,
          },
        });
        for (const [row, id, r] of [
          [rowA, begunA.id, settled.a],
          [rowB, begunB.id, settled.b],
        ] as const) {
          await deps.ledger.updateSubmission(id, {
            status: r.status === 'filled' ? 'filled' : 'reverted',
            submissionJson: toJson({ venue: NETTING_VENUE, txHash: settled.txHash }),
            outcomeJson: toJson({ status: r.status, reconciliation: r }),
          });
          // The crossed leg's transaction, as every venue's leg reports it (events, keepers).
          await deps.ledger.transition(row.id, 'submitted', {
            reason: null,
            detail: { legIndex: 0, venue: NETTING_VENUE, txHash: settled.txHash },
            from: ['routing'],
          });
        }
        options.log.info(
          { intents: [rowA.id, rowB.id], txHash: settled.txHash },
          'netted two opposite intents at the mid',
        );
      } catch (error) {
        // Not sent, or its fate unknown: processIntent resolves a begun cross from the chain.
        options.log.warn({ intents: [rowA.id, rowB.id], err: error }, 'cross not settled');
      }
    }
    // 3. Each side's remainder (or all of it, without a cross) goes through the venues.
    await Promise.all([run(rowA), run(rowB)]);
  } finally {
    await Promise.all([
      deps.ledger.releaseLease(rowA.id, options.workerId),
      deps.ledger.releaseLease(rowB.id, options.workerId),
    ]);
  }
}

/** A's buy-token units per A's sell-token unit at the deepest pool of the pair, as an exact ratio. */
async function exactMid(deps: AppDeps, a: HedgeIntent): Promise<MidRatio> {
  const pools = deps.chain.pools.filter(
    (p) =>
      (same(p.token0, a.sellToken) && same(p.token1, a.buyToken)) ||
      (same(p.token1, a.sellToken) && same(p.token0, a.buyToken)),
  );
  if (pools.length === 0) throw new Error('no pool for the pair: no mid to cross at');
  const states = await Promise.all(
    pools.map(async (p) => ({
      p,
      state: await readV3PoolState(deps.chain.client, p.address, { wordRadius: 1 }),
    })),
  );
  const deepest = states.reduce((x, y) => (y.state.liquidity > x.state.liquidity ? y : x));
  const p2 = deepest.state.sqrtPriceX96 * deepest.state.sqrtPriceX96;
  return same(deepest.p.token0, a.sellToken)
    ? { numerator: p2, denominator: Q192 }
    : { numerator: Q192, denominator: p2 };
}

/** The crossed part as a route leg (for the ledger, the views and the audit), priced by the cost model. */
async function nettingLeg(
  deps: AppDeps,
  intent: HedgeIntent,
  sells: bigint,
  minBuy: bigint,
  gets: bigint,
  nowSeconds: number,
): Promise<RouteLeg> {
  const market = await marketSnapshot(deps.chain, {
    sellToken: intent.sellToken,
    buyToken: intent.buyToken,
    riskAversionPerUsd: deps.config.DEFAULT_RISK_AVERSION_PER_USD,
    annualVolatility: deps.config.DEFAULT_ANNUAL_VOLATILITY,
    nowSeconds,
  });
  const quote: RouteQuote = {
    sellAmount: sells,
    expectedBuyAmount: gets,
    minBuyAmount: minBuy,
    feesInBuy: 0n,
    // Each side's share of the one cross transaction.
    gasUnits: CROSS_GAS_UNITS / 2n,
    mevLeakageInBuy: 0n,
    timing: { expectedSecondsToFill: 1, fillProbability: 1, secondsLostOnNonFill: 1 },
  };
  return {
    candidateId: NETTING_CANDIDATE_ID,
    venue: NETTING_VENUE,
    liquiditySource: NETTING_VENUE,
    sellAmount: sells,
    quote,
    cost: buildRouteCost(market.context, quote),
  };
}
