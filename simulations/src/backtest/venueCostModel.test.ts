import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  costAt,
  getAmountOutV2,
  isHedgeRouterError,
  optimalSandwich,
  swapExactIn,
  validateV3PoolState,
} from '@hedge-router/router';
import { SWAP_GAS_UNITS, venueModule } from '@hedge-router/solvers';
import { parseScenario } from './parseScenario.js';
import { runBacktest } from './runBacktest.js';
import type { ScenarioInput } from './scenarioSchema.js';
import { fullRangeV3Pool, venueCostObservation, venueCostTable } from './venueCostModel.js';

type VenueCosts = Extract<ReturnType<typeof parseScenario>['costs'], { model: 'venue' }>;

const base: ScenarioInput = {
  seed: 3,
  paths: 300,
  steps: 21,
  horizonYears: 1 / 12,
  rate: 0.05,
  market: { model: 'gbm', spot: 3000, drift: 0, vol: 0.6 },
  book: [{ kind: 'call', strike: 3000, expiry: 1 / 12, quantity: -100 }],
  hedge: { policy: 'interval', vol: 0.6, intervalYears: 0 },
  costs: { model: 'venue', poolDepthUsd: 20e6, feeBps: 5 },
};
const venueCosts = (costs: Record<string, unknown>): VenueCosts =>
  parseScenario({ ...base, costs: { model: 'venue', poolDepthUsd: 20e6, feeBps: 5, ...costs } })
    .costs as VenueCosts;

describe('backtester: venue costs priced by the venues', () => {
  it('behavior: the full-range V3 pool is the constant-product pool of the same reserves', () => {
    const reserve0 = 6_666n * 10n ** 18n;
    const reserve1 = 20_000_000n * 10n ** 6n;
    for (const fee of [100, 500, 3000, 10_000, 2500]) {
      const state = fullRangeV3Pool({ reserve0, reserve1, fee });
      validateV3PoolState(state);
      assert.equal(state.ticks.length, 2);
      assert.equal(state.ticks[0]!.liquidityNet, state.liquidity);
      assert.equal(state.ticks[1]!.liquidityNet, -state.liquidity);
      for (const amountIn of [10n ** 15n, 10n ** 18n, 100n * 10n ** 18n, 1_500n * 10n ** 18n]) {
        const v3 = swapExactIn({ kind: 'uniswap-v3', state }, { zeroForOne: true, amountIn });
        const v2 = getAmountOutV2({ amountIn, reserveIn: reserve0, reserveOut: reserve1, fee });
        // Same curve: V3 rounds its fee up and its price by a Q96 ulp, V2 floors once; 1e-9 of
        // the output and a couple of base units cover both (the measured gap is a few units).
        const gap = v3.amountOut > v2 ? v3.amountOut - v2 : v2 - v3.amountOut;
        assert.ok(gap <= v2 / 1_000_000_000n + 2n, `fee ${fee}, in ${amountIn}: v3 ${v3.amountOut} v2 ${v2}`);
        assert.equal(v3.ticksCrossed, 0);
      }
    }
  });

  it('behavior: every stage is the router pricing the candidate the venue module builds from its observation', () => {
    for (const costs of [{}, { slippageBps: 50 }, { mempool: 'private', inclusionProbability: 0.9 }]) {
      const c = venueCosts(costs);
      const table = venueCostTable({ costs: c, spot: 3000, vol: 0.6, points: 8 });
      const { observation, request, ctx } = venueCostObservation({ costs: c, spot: 3000, vol: 0.6 });
      const [candidate] = venueModule(observation.kind).candidatesAt(observation as never, request);
      for (let k = 1; k <= 8; k++) {
        const sellAmount = BigInt(Math.round(table.sizes[k]! * 1e18));
        const priced = costAt(ctx, {
          candidate: candidate!,
          sellAmount,
          intentSellAmount: sellAmount,
          intentMinBuyAmount: BigInt(Math.floor(Number(sellAmount) * ctx.midPrice * 0.5)),
        });
        assert.ok(priced.quote);
        const at = k * 5;
        assert.equal(table.stages[at], Number(priced.cost.priceImpact.amount) / 1e6);
        assert.equal(table.stages[at + 1], Number(priced.cost.fees.amount) / 1e6);
        assert.equal(table.gasUsd + table.stages[at + 2]!, Number(priced.cost.gas.amount) / 1e6);
        assert.equal(table.stages[at + 3], Number(priced.cost.mevLeakage.amount) / 1e6);
      }
    }
  });

  it("behavior: the naive bound's leakage is the optimal sandwich at quote − slippageBps (the hand-written model it replaced)", () => {
    // The searcher's gas as the old model had it: 2 × 140k at 2 gwei = 560k gwei; the venue's
    // 100k × (2·base fee + priority fee) equals it at a 2.8 gwei base fee and no priority fee.
    const c = venueCosts({ slippageBps: 50, gasPriceGwei: 2.8, priorityFeeGwei: 0 });
    const table = venueCostTable({ costs: c, spot: 3000, vol: 0.6 });
    const reserve0 = BigInt(Math.round((20e6 / 3000) * 1e6)) * 10n ** 12n;
    const reserve1 = 20_000_000n * 10n ** 6n;
    const pool = { kind: 'uniswap-v2', state: { reserve0, reserve1, fee: 500 } } as const;
    let attacked = 0;
    for (let k = 1; k <= 64; k++) {
      const sell = BigInt(Math.max(1, Math.round(table.sizes[k]! * 1e18)));
      const out = getAmountOutV2({ amountIn: sell, reserveIn: reserve0, reserveOut: reserve1, fee: 500 });
      const sandwich = optimalSandwich({
        pool,
        zeroForOne: true,
        victimAmountIn: sell,
        victimMinAmountOut: (out * 9950n) / 10_000n,
        searcherCost: 560_000n * 10n ** 9n,
      });
      const expected = sandwich.profitable ? Number(sandwich.victimLoss) / 1e6 : 0;
      const venue = table.stages[k * 5 + 3]!;
      if (expected > 0) attacked++;
      // The V3 and V2 curves differ by rounding only (see above): 1e-6 of the loss and a cent.
      assert.ok(
        Math.abs(venue - expected) <= 1e-6 * expected + 0.01,
        `k ${k}: venue ${venue}, V2 ${expected}`,
      );
    }
    assert.ok(attacked > 50, `${attacked}`);
  });

  it('behavior: a bundle has no leakage and pays the builder tip as a fee; a public swap pays the venue gas', () => {
    const spot = 3000;
    const priv = venueCostTable({ costs: venueCosts({ mempool: 'private' }), spot, vol: 0.6, points: 4 });
    const noTip = venueCostTable({
      costs: venueCosts({ mempool: 'private', bundleTipGwei: 0 }),
      spot,
      vol: 0.6,
      points: 4,
    });
    const tipUsd = (Number(SWAP_GAS_UNITS) * 1e9 * spot) / 1e18; // 125k gas × 1 gwei
    for (let k = 1; k <= 4; k++) {
      assert.equal(priv.stages[k * 5 + 3], 0);
      assert.ok(Math.abs(priv.stages[k * 5 + 1]! - noTip.stages[k * 5 + 1]! - tipUsd) < 2e-6);
    }
    const pub = venueCostTable({ costs: venueCosts({}), spot, vol: 0.6, points: 4 });
    assert.ok(Math.abs(pub.gasUsd - (Number(SWAP_GAS_UNITS) * 2e9 * spot) / 1e18) < 1e-6);
  });

  it('behavior: workers read the run’s venue table: the same summary on 1 and 2 threads', async () => {
    const s = parseScenario({
      ...base,
      costs: { model: 'venue', poolDepthUsd: 20e6, feeBps: 5, slippageBps: 30 },
    });
    const one = await runBacktest({ scenario: s, threads: 1 });
    const two = await runBacktest({ scenario: s, threads: 2, chunkPaths: 64, computeOnMainThread: false });
    assert.equal(two.run.workerPaths, 300);
    assert.deepEqual(two.summary, one.summary);
    assert.ok(one.summary.costs.byStage.mev > 0);
  });

  it('error: fields the venue no longer reads, or that contradict, are refused with the reason', () => {
    const issues = (costs: Record<string, unknown>) => {
      try {
        venueCosts(costs);
      } catch (error) {
        assert.ok(isHedgeRouterError(error, 'INVALID_INPUT'));
        return (error.details.issues as string[]).join('\n');
      }
      assert.fail('accepted');
    };
    assert.match(issues({ gasUnits: 127_000 }), /costs\.gasUnits: no longer used: the venue's own gas model/);
    assert.match(
      issues({ gasPriceGwei: 1, priorityFeeGwei: 2 }),
      /costs\.priorityFeeGwei: must be ≤ gasPriceGwei/,
    );
    assert.match(
      issues({ slippageBps: 50, minToleranceBps: 5 }),
      /costs\.minToleranceBps: applies to the protected/,
    );
    assert.match(issues({ slippageBps: 12.5 }), /costs\.slippageBps/);
    assert.match(issues({ expectedSecondsToFill: 0 }), /costs\.expectedSecondsToFill/);
    // A gas price below the default priority fee: the priority fee is the whole gas price.
    const cheap = venueCostObservation({ costs: venueCosts({ gasPriceGwei: 0.5 }), spot: 3000, vol: 0.6 });
    assert.equal(cheap.observation.kind, 'public-amm');
    if (cheap.observation.kind === 'public-amm') {
      assert.equal(cheap.observation.priorityFeeWei, 500_000_000n);
      assert.equal(cheap.observation.baseFeePerGas, 0n);
    }
  });
});
