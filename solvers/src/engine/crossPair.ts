import {
  buildRouteCost,
  crossOppositeIntents,
  type HedgeIntent,
  HedgeRouterError,
  type MidRatio,
  type RouteLeg,
  type RouteQuote,
} from '@hedge-router/router';
import { legId } from '../chain/legId.js';
import { readV3PoolState } from '../chain/readV3PoolState.js';
import { CROSS_GAS_UNITS, settleCross } from '../netting/settleCross.js';
import { NETTING_CANDIDATE_ID, NETTING_VENUE } from './constants.js';
import { type EngineDeps, nowSecondsOf } from './engineDeps.js';
import type { IntentRecord } from './ledgerRecords.js';
import { marketSnapshot } from './marketSnapshot.js';
import { nettingSubmission } from './nettingState.js';
import { runIntent } from './runIntent.js';

const Q192 = 2n ** 192n;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Nets two opposite intents the netting window paired: claims both in the ledger (leased
 * atomically, so two workers never cross the same intent), records each side's transition, its
 * decision and its crossed leg (begun) before anything is sent, crosses them at the deepest
 * pool's exact mid through HedgeExecutor.cross (`settleCross`), records the outcome, and then
 * runs each side's remainder (or all of it, without a cross) through `runIntent`. False when the
 * pair was already taken.
 */
export async function crossPair(
  deps: EngineDeps,
  options: { workerId: string; leaseMs: number },
  [recordA, recordB]: readonly [IntentRecord, IntentRecord],
): Promise<boolean> {
  const { ledger } = deps;
  if (!(await ledger.claimPair([recordA.id, recordB.id], options.workerId, options.leaseMs))) return false;
  const a = recordA.intent;
  const b = recordB.intent;
  const run = (record: IntentRecord) =>
    runIntent(
      { ...deps, keepLease: () => ledger.renewLease(record.id, options.workerId, options.leaseMs) },
      record,
    );
  try {
    const nowSeconds = nowSecondsOf(deps);
    const mid = await exactMid(deps, a);
    const cross =
      a.deadline > nowSeconds && b.deadline > nowSeconds ? crossOppositeIntents(a, b, mid) : undefined;
    if (cross) {
      const sideA = {
        record: recordA,
        intent: a,
        sells: cross.aSells,
        minBuy: cross.aMinBuy,
        gets: cross.bSells,
      };
      const sideB = {
        record: recordB,
        intent: b,
        sells: cross.bSells,
        minBuy: cross.bMinBuy,
        gets: cross.aSells,
      };
      // 1. Write down what is about to happen, for both sides, before sending anything.
      const begun = [];
      for (const [side, other] of [
        [sideA, sideB],
        [sideB, sideA],
      ] as const) {
        await ledger.transition(side.record.id, 'routing', {
          reason: null,
          detail: { netting: { with: other.record.id, sellAmount: side.sells.toString() } },
          from: ['received'],
        });
        const leg = await nettingLeg(deps, side.intent, side.sells, side.minBuy, side.gets, nowSeconds);
        await ledger.recordDecision(side.record.id, {
          kind: 'netting',
          with: other.record.id,
          mid: { n: mid.numerator, d: mid.denominator },
          leg,
        });
        begun.push(
          await ledger.beginSubmission({
            intentId: side.record.id,
            legIndex: 0,
            attempt: 0,
            venue: NETTING_VENUE,
            candidateId: NETTING_CANDIDATE_ID,
            leg,
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
            intentHash: recordA.intentHash,
            legIndex: 0,
            sellAmount: sideA.sells,
            minBuyAmount: sideA.minBuy,
            arrivalMidBuyAmount: sideA.gets,
          },
          b: {
            intent: b,
            intentHash: recordB.intentHash,
            legIndex: 0,
            sellAmount: sideB.sells,
            minBuyAmount: sideB.minBuy,
            arrivalMidBuyAmount: sideB.gets,
          },
        });
        for (const [record, id, r] of [
          [recordA, begunA.id, settled.a],
          [recordB, begunB.id, settled.b],
        ] as const) {
          await ledger.updateSubmission(id, {
            status: r.status === 'filled' ? 'filled' : 'reverted',
            submission: nettingSubmission(legId(record.intentHash, 0), settled.txHash),
            outcome:
              r.status === 'filled'
                ? { status: 'filled', reconciliation: r }
                : { status: 'reverted', reconciliation: r },
          });
          // The crossed leg's transaction, as every venue's leg reports it (events, keepers).
          await ledger.transition(record.id, 'submitted', {
            reason: null,
            detail: { legIndex: 0, venue: NETTING_VENUE, txHash: settled.txHash },
            from: ['routing'],
          });
        }
        deps.log.info(
          { intents: [recordA.id, recordB.id], txHash: settled.txHash },
          'netted two opposite intents at the mid',
        );
      } catch (error) {
        // Not sent, or its fate unknown: runIntent resolves a begun cross from the chain.
        deps.log.warn({ intents: [recordA.id, recordB.id], err: error }, 'cross not settled');
      }
    }
    // 3. Each side's remainder (or all of it, without a cross) goes through the venues.
    await Promise.all([run(recordA), run(recordB)]);
    return true;
  } finally {
    await Promise.all([
      ledger.releaseLease(recordA.id, options.workerId),
      ledger.releaseLease(recordB.id, options.workerId),
    ]);
  }
}

/** A's buy-token units per A's sell-token unit at the deepest pool of the pair, as an exact ratio. */
async function exactMid(deps: Pick<EngineDeps, 'chain'>, a: HedgeIntent): Promise<MidRatio> {
  const pools = deps.chain.pools.filter(
    (p) =>
      (same(p.token0, a.sellToken) && same(p.token1, a.buyToken)) ||
      (same(p.token1, a.sellToken) && same(p.token0, a.buyToken)),
  );
  if (pools.length === 0)
    throw new HedgeRouterError('DEPLOYMENT_INCOMPLETE', {
      shortMessage: 'no pool for the pair: no mid to cross at',
      details: { sellToken: a.sellToken, buyToken: a.buyToken },
    });
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
  deps: Pick<EngineDeps, 'chain' | 'pricing'>,
  intent: HedgeIntent,
  sells: bigint,
  minBuy: bigint,
  gets: bigint,
  nowSeconds: number,
): Promise<RouteLeg> {
  const market = await marketSnapshot(deps.chain, {
    sellToken: intent.sellToken,
    buyToken: intent.buyToken,
    ...deps.pricing,
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
