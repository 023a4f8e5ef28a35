import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  fiveVenueCandidates,
  scenarioContext,
  scenarioIntent,
  scenarioV2Pool,
  scenarioV3Pool,
} from '../../test-support/fiveVenueScenario.js';
import type { AmmPool } from '../amm/pool.js';
import { timingFromAttempts } from '../cost/timingFromAttempts.js';
import { isHedgeRouterError } from '../errors/index.js';
import { ammRouteCandidate } from './ammRouteCandidate.js';
import { costAt } from './costAt.js';
import { fixedRateRouteCandidate } from './fixedRateRouteCandidate.js';
import { selectRoute, splitCostFloor } from './selectRoute.js';
import type { RouteCandidate } from './types.js';

const e18 = 10n ** 18n;
const usdc = 10n ** 6n;
const ctx = scenarioContext();
const fast = timingFromAttempts({
  latencySeconds: 0,
  attemptIntervalSeconds: 12,
  inclusionProbability: 1,
  maxAttempts: 1,
});
const pools = { v3: scenarioV3Pool(), v2: scenarioV2Pool() };

// A thin private-mempool pair (no MEV): 500 WETH / 1,000,000 USDC, 0.3 %.
function thinPool(id: string): RouteCandidate {
  const pool: AmmPool = {
    kind: 'uniswap-v2',
    state: { reserve0: 1_000_000n * usdc, reserve1: 500n * e18, fee: 3000 },
  };
  return ammRouteCandidate({
    id,
    liquiditySource: id,
    pool,
    zeroForOne: false,
    mempool: 'private',
    gasUnits: 110_000n,
    timing: fast,
  });
}

/** Sell amounts from 10^lo to 10^hi base units, log-uniform (small hedges as likely as large). */
const logUniformSize = (lo: number, hi: number) =>
  fc.double({ min: lo, max: hi, noNaN: true }).map((x) => BigInt(Math.floor(10 ** x)));

/**
 * The plan for selling `sellAmount` WETH base units at a limit of `limit` USDC per WETH, or
 * 'NO_ROUTE' (the only error allowed).
 */
function planOrNoRoute(
  sellAmount: bigint,
  limit: number,
  riskAversionPerBuyUnit: number,
  candidates: RouteCandidate[],
) {
  const base = scenarioIntent(1n, BigInt(limit));
  const intent = { ...base, sellAmount, minBuyAmount: (sellAmount * BigInt(limit) * usdc) / e18 };
  try {
    return selectRoute(scenarioContext({ riskAversionPerBuyUnit }), { intent, candidates });
  } catch (error) {
    assert.ok(isHedgeRouterError(error, 'NO_ROUTE'), String(error));
    return 'NO_ROUTE';
  }
}

function fullSizeCost(candidate: RouteCandidate, intent: ReturnType<typeof scenarioIntent>): bigint {
  const r = costAt(ctx, {
    candidate,
    sellAmount: intent.sellAmount,
    intentSellAmount: intent.sellAmount,
    intentMinBuyAmount: intent.minBuyAmount,
  });
  assert.ok(r.quote !== undefined);
  return r.cost.total.amount;
}

describe('selectRoute', () => {
  it('behavior: on thin pools a split beats every single route, with marginal costs equalised', () => {
    const intent = scenarioIntent(20n, 1_800n);
    const candidates = [thinPool('thin-a'), thinPool('thin-b')];
    const plan = selectRoute(ctx, { intent, candidates });
    assert.equal(plan.legs.length, 2);
    for (const c of candidates) assert.ok(plan.cost.total.amount < fullSizeCost(c, intent));
    // identical convex pools: equal halves (to within the refinement steps)
    assert.ok(
      Math.abs(Number(plan.legs[0]!.sellAmount - plan.legs[1]!.sellAmount)) <= Number(intent.sellAmount) / 32,
    );
    assert.equal(plan.legs[0]!.sellAmount + plan.legs[1]!.sellAmount, intent.sellAmount);
    // The split floor stays below the split it could not rule out.
    const floor = splitCostFloor(ctx, [[candidates[0]!], [candidates[1]!]], intent.sellAmount);
    assert.ok(floor !== undefined && floor > 0n && floor <= plan.cost.total.amount);
  });

  it('behavior: no split when it cannot help (linear venues, a fixed cost per leg)', () => {
    const venue = (id: string) =>
      fixedRateRouteCandidate({
        id,
        venue: 'rfq',
        liquiditySource: id,
        rate: 2e-9,
        feeBps: 3,
        maxSellAmount: 1000n * e18,
        gasUnits: 60_000n,
        timing: fast,
      });
    const plan = selectRoute(ctx, {
      intent: scenarioIntent(40n),
      candidates: [venue('rfq-b'), venue('rfq-a')],
    });
    assert.equal(plan.legs.length, 1);
    assert.equal(plan.legs[0]!.candidateId, 'rfq-a'); // equal costs: the smaller id
  });

  it('behavior: picks the lowest expected total cost among single routes', () => {
    const cheap = fixedRateRouteCandidate({
      id: 'z-cheap',
      venue: 'rfq',
      liquiditySource: 'a',
      rate: 2e-9,
      feeBps: 2,
      maxSellAmount: 1000n * e18,
      timing: fast,
    });
    const dear = fixedRateRouteCandidate({
      id: 'a-dear',
      venue: 'rfq',
      liquiditySource: 'b',
      rate: 2e-9,
      feeBps: 5,
      maxSellAmount: 1000n * e18,
      timing: fast,
    });
    const plan = selectRoute(ctx, { intent: scenarioIntent(10n), candidates: [dear, cheap] });
    assert.deepEqual(
      plan.legs.map((l) => l.candidateId),
      ['z-cheap'],
    );
    assert.ok(Math.abs(plan.cost.fees.bps - 2) < 1e-6);
  });

  it('behavior: candidates on one pool are never combined (they would trade the same reserves)', () => {
    for (const size of [5n, 40n, 150n]) {
      const plan = selectRoute(ctx, { intent: scenarioIntent(size), candidates: fiveVenueCandidates(pools) });
      const sources = plan.legs.map((l) => l.liquiditySource);
      assert.equal(new Set(sources).size, sources.length);
    }
  });

  it('behavior: deterministic, whatever the candidates order', () => {
    const intent = scenarioIntent(40n);
    const a = selectRoute(ctx, { intent, candidates: fiveVenueCandidates(pools) });
    const b = selectRoute(ctx, { intent, candidates: fiveVenueCandidates(pools).reverse() });
    assert.deepEqual(a, b);
  });

  it('property: never plans below the intent limit (per leg and in total), or says NO_ROUTE', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1_900, max: 2_010 }),
        (sellWeth, limit) => {
          const intent = scenarioIntent(BigInt(sellWeth), BigInt(limit));
          try {
            const plan = selectRoute(ctx, {
              intent,
              candidates: fiveVenueCandidates(pools),
              refineRounds: 1,
            });
            assert.ok(plan.minBuyAmount >= intent.minBuyAmount);
            assert.equal(
              plan.legs.reduce((s, l) => s + l.sellAmount, 0n),
              intent.sellAmount,
            );
            for (const leg of plan.legs) {
              const share =
                (leg.sellAmount * intent.minBuyAmount + intent.sellAmount - 1n) / intent.sellAmount;
              assert.ok(leg.quote.minBuyAmount >= share);
              assert.ok(leg.quote.expectedBuyAmount >= leg.quote.minBuyAmount);
            }
          } catch (error) {
            assert.ok(isHedgeRouterError(error, 'NO_ROUTE'), String(error));
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('property: the lower bounds only save work: the same plan as pricing every candidate exactly at every size', () => {
    // Without quoteLowerBound every (candidate, size) is priced in full: no pruning in the grid
    // or the refinement, and the no-split pre-check runs on exact costs.
    const exactly = (candidates: RouteCandidate[]) =>
      candidates.map(({ quoteLowerBound: _, ...c }): RouteCandidate => c);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 15n, max: 400n * e18 }),
        fc.integer({ min: 1_900, max: 2_000 }),
        fc.double({ min: 1e-12, max: 1e-7, noNaN: true }),
        (sellAmount, limit, riskAversionPerBuyUnit) => {
          const plan = (candidates: RouteCandidate[]) =>
            planOrNoRoute(sellAmount, limit, riskAversionPerBuyUnit, candidates);
          const candidates = [...fiveVenueCandidates(pools), thinPool('thin-a')];
          assert.deepEqual(plan(candidates), plan(exactly(candidates)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('property: the cost floors only save work: AMM candidates plan the same without them, and skip the grid on small hedges', () => {
    // Every candidate here states a floor (the scenario's AMM routes and two thin pools), so the
    // split floor applies; the reference has neither floors nor lower bounds.
    const amms = () => [
      ...fiveVenueCandidates(pools).filter((c) => c.costFloor !== undefined),
      thinPool('thin-a'),
      thinPool('thin-b'),
    ];
    assert.equal(amms().length, 6);
    const exactly = (candidates: RouteCandidate[]) =>
      candidates.map(({ quoteLowerBound: _, costFloor: __, ...c }): RouteCandidate => c);
    // Counts the sizes priced, to see the floor skip the grid.
    const counted = (candidates: RouteCandidate[]) => {
      const sizes = new Set<bigint>();
      const wrapped = candidates.map(
        (c): RouteCandidate => ({
          ...c,
          quote: (q) => {
            sizes.add(q.sellAmount);
            return c.quote(q);
          },
          ...(c.quoteLowerBound
            ? {
                quoteLowerBound: (q) => {
                  sizes.add(q.sellAmount);
                  return c.quoteLowerBound!(q);
                },
              }
            : {}),
        }),
      );
      return { wrapped, sizes };
    };
    let skipped = 0;
    fc.assert(
      fc.property(
        logUniformSize(15, 20.6),
        fc.integer({ min: 1_900, max: 2_000 }),
        fc.double({ min: 1e-12, max: 1e-7, noNaN: true }),
        (sellAmount, limit, riskAversionPerBuyUnit) => {
          const plan = (candidates: RouteCandidate[]) =>
            planOrNoRoute(sellAmount, limit, riskAversionPerBuyUnit, candidates);
          const { wrapped, sizes } = counted(amms());
          const withFloors = plan(wrapped);
          assert.deepEqual(withFloors, plan(exactly(amms())));
          if (withFloors !== 'NO_ROUTE' && sizes.size === 1) skipped++;
        },
      ),
      { numRuns: 80 },
    );
    // Sizes are drawn log-uniformly: about half are small hedges that stop at the floor.
    assert.ok(skipped > 0, 'the split floor never skipped the grid');
    // Hedges whose price impact outweighs a second leg's gas: the tangent at the whole size
    // shows the deep pool's impact is still cheaper than the other pools' fees.
    for (const weth of [8n, 16n, 25n]) {
      const { wrapped, sizes } = counted(amms());
      const withFloors = planOrNoRoute(weth * e18, 1_950, 1e-9, wrapped);
      assert.notEqual(withFloors, 'NO_ROUTE');
      assert.deepEqual(withFloors, planOrNoRoute(weth * e18, 1_950, 1e-9, exactly(amms())));
      assert.equal(sizes.size, 1, `${weth} WETH: the grid was priced`);
    }
  });

  it('property: a cost floor is below the cost of every quote at every size', () => {
    fc.assert(
      fc.property(
        logUniformSize(12, 20.6),
        fc.double({ min: 1e-12, max: 1e-7, noNaN: true }),
        (sellAmount, riskAversionPerBuyUnit) => {
          const context = scenarioContext({ riskAversionPerBuyUnit });
          for (const c of [...fiveVenueCandidates(pools), thinPool('thin-a')]) {
            if (c.costFloor === undefined) continue;
            for (const lowerBound of [false, true]) {
              const priced = costAt(context, {
                candidate: c,
                sellAmount,
                intentSellAmount: sellAmount,
                // No limit: the loosest bound, where a searcher's front-run has the most room.
                intentMinBuyAmount: 0n,
                lowerBound: lowerBound && c.quoteLowerBound !== undefined,
              });
              if (priced.quote === undefined) continue;
              const gas = priced.cost.gas.amount;
              const shortfall = Number(sellAmount) * (context.midPrice - c.costFloor.maxBuyPerSell);
              assert.ok(priced.quote.gasUnits >= c.costFloor.minGasUnits, c.id);
              assert.ok(Number(priced.cost.total.amount - gas) >= shortfall - 1, `${c.id} at ${sellAmount}`);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('property: the split floor is below the cost of every split it covers', () => {
    const candidates = [
      ...fiveVenueCandidates(pools).filter((c) => c.costFloor !== undefined),
      thinPool('thin-a'),
    ];
    const bySource = new Map<string, RouteCandidate[]>();
    for (const c of candidates)
      bySource.set(c.liquiditySource, [...(bySource.get(c.liquiditySource) ?? []), c]);
    const sources = [...bySource.values()];
    assert.ok(sources.length >= 3);
    fc.assert(
      fc.property(
        logUniformSize(14, 20.6),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 3 }),
        fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        fc.double({ min: 1e-12, max: 1e-7, noNaN: true }),
        (S, weights, picks, riskAversionPerBuyUnit) => {
          const context = scenarioContext({ riskAversionPerBuyUnit });
          const floor = splitCostFloor(context, sources, S);
          assert.ok(floor !== undefined);
          // Legs in distinct sources, sized by the weights, adding up to S.
          const sum = weights.reduce((a, b) => a + b, 0);
          const sizes = weights.map((w) => (S * BigInt(w)) / BigInt(sum));
          sizes[0]! += S - sizes.reduce((a, b) => a + b, 0n);
          let total = 0n;
          for (let i = 0; i < sizes.length; i++) {
            const source = sources[i]!;
            const c = source[picks[i]! % source.length]!;
            const priced = costAt(context, {
              candidate: c,
              sellAmount: sizes[i]!,
              intentSellAmount: sizes[i]!,
              intentMinBuyAmount: 0n,
            });
            if (priced.quote === undefined) return; // that split is not possible
            total += priced.cost.total.amount;
          }
          assert.ok(floor <= total, `floor ${floor} above a split costing ${total}`);
        },
      ),
      { numRuns: 100 },
    );
    assert.equal(splitCostFloor(ctx, [sources[0]!], 10n ** 18n), undefined, 'one source: no split');
    assert.equal(
      splitCostFloor(ctx, [...sources, fiveVenueCandidates(pools).filter((c) => !c.costFloor)], 10n ** 18n),
      undefined,
      'a candidate without a floor',
    );
  });

  it('error: NO_ROUTE when no venue reaches the limit, or none is given', () => {
    assert.throws(
      () => selectRoute(ctx, { intent: scenarioIntent(40n, 2_100n), candidates: fiveVenueCandidates(pools) }),
      (e) => isHedgeRouterError(e, 'NO_ROUTE') && typeof e.details.reasons === 'object',
    );
    assert.throws(
      () => selectRoute(ctx, { intent: scenarioIntent(1n), candidates: [] }),
      (e) => isHedgeRouterError(e, 'NO_ROUTE'),
    );
  });

  it('error: INTENT_EXPIRED at or after the deadline; legs that would land after it are not used', () => {
    const intent = scenarioIntent(1n);
    assert.throws(
      () =>
        selectRoute(
          { ...ctx, nowSeconds: intent.deadline },
          { intent, candidates: fiveVenueCandidates(pools) },
        ),
      (e) => isHedgeRouterError(e, 'INTENT_EXPIRED'),
    );
    const slow = fixedRateRouteCandidate({
      id: 'slow',
      venue: 'bridge',
      liquiditySource: 's',
      rate: 2e-9,
      feeBps: 0,
      maxSellAmount: 10n * e18,
      timing: { expectedSecondsToFill: 600, fillProbability: 1, secondsLostOnNonFill: 600 },
    });
    assert.throws(
      () => selectRoute(ctx, { intent, candidates: [slow] }),
      (e) => isHedgeRouterError(e, 'NO_ROUTE'),
    );
  });

  it('error: duplicate candidate ids', () => {
    const c = thinPool('same');
    assert.throws(
      () => selectRoute(ctx, { intent: scenarioIntent(1n), candidates: [c, c] }),
      (e) => isHedgeRouterError(e, 'INVALID_INPUT'),
    );
  });
});

describe('ammRouteCandidate', () => {
  const intent = scenarioIntent(40n);
  const publicV3Params = () => ({
    id: 'public-v3',
    liquiditySource: 'v3',
    pool: pools.v3,
    zeroForOne: false,
    mempool: 'public' as const,
    gasUnits: 127_000n,
    timing: fast,
    attackProbability: 0.8,
    searcherCost: 5n * 10n ** 15n,
  });

  it('behavior: a public swap carries the break-even bound when it is tighter than the limit and feasible', () => {
    const publicV3 = ammRouteCandidate(publicV3Params());
    // 40 WETH on this pool is worth sandwiching at the intent's 1 % limit (see the next case).
    const quote = publicV3.quote({ sellAmount: intent.sellAmount, limitBuyAmount: intent.minBuyAmount })!;
    assert.equal(quote.details?.protectedByBound, true);
    assert.ok(quote.minBuyAmount > intent.minBuyAmount);
    assert.equal(quote.minBuyAmount, quote.details?.breakEvenMinAmountOut);
    assert.equal(quote.mevLeakageInBuy, 0n);
    assert.ok(quote.expectedBuyAmount > quote.minBuyAmount);
    // The same swap with a 5 bps minimum room: the bound is too tight to use, so the bound leaves
    // exactly those 5 bps (not the 1 % limit) and the sandwich they let through is priced.
    const exposed = ammRouteCandidate({ ...publicV3Params(), minToleranceBps: 5 }).quote({
      sellAmount: intent.sellAmount,
      limitBuyAmount: intent.minBuyAmount,
    })!;
    const room = (exposed.expectedBuyAmount * 500n) / 1_000_000n;
    assert.equal(exposed.minBuyAmount, exposed.expectedBuyAmount - room);
    assert.ok(exposed.minBuyAmount > intent.minBuyAmount);
    assert.equal(exposed.details?.cappedByTolerance, true);
    assert.equal(exposed.details?.sandwichProfitable, true);
    assert.ok(exposed.mevLeakageInBuy > 0n && exposed.mevLeakageInBuy <= room);
  });

  it('behavior: when the safe bound leaves too little room, the bound leaves that room (never looser than the limit) and leakage is priced', () => {
    const pool = scenarioV2Pool();
    const base = {
      id: 'p',
      liquiditySource: 'v2',
      pool,
      zeroForOne: false,
      gasUnits: 110_000n,
      timing: fast,
    };
    const exposed = ammRouteCandidate({
      ...base,
      mempool: 'public',
      attackProbability: 0.5,
      searcherCost: 10n ** 14n,
      minToleranceBps: 100,
    });
    const quote = exposed.quote({ sellAmount: 20n * e18, limitBuyAmount: 38_000n * usdc })!;
    const room = (quote.expectedBuyAmount * 10_000n) / 1_000_000n;
    assert.equal(quote.minBuyAmount, quote.expectedBuyAmount - room);
    assert.ok(quote.minBuyAmount > 38_000n * usdc);
    assert.ok(quote.mevLeakageInBuy > 0n && quote.mevLeakageInBuy <= room);
    // A limit tighter than that room is kept as it is.
    const tightLimit = quote.expectedBuyAmount - room / 2n;
    assert.equal(
      exposed.quote({ sellAmount: 20n * e18, limitBuyAmount: tightLimit })!.minBuyAmount,
      tightLimit,
    );
    const hidden = ammRouteCandidate({ ...base, mempool: 'private' }).quote({
      sellAmount: 20n * e18,
      limitBuyAmount: 38_000n * usdc,
    })!;
    assert.equal(hidden.mevLeakageInBuy, 0n);
    assert.equal(hidden.expectedBuyAmount, quote.expectedBuyAmount);
  });

  it('behavior: no quote for sizes that miss the limit', () => {
    const [publicV3] = fiveVenueCandidates(pools);
    assert.equal(publicV3!.quote({ sellAmount: 40n * e18, limitBuyAmount: 90_000n * usdc }), undefined);
  });
});
