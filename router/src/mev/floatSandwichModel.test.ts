import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scenarioV3Pool } from '../../test-support/fiveVenueScenario.js';
import { makeRandomV3Pool } from '../../test-support/makeRandomV3Pool.js';
import type { AmmPool } from '../amm/pool.js';
import type { V3PoolState } from '../amm/v3/types.js';
import {
  fillAllFloatTicks,
  floatBoundary,
  floatSandwichModel,
  floatTicksFilledRange,
} from './floatSandwichModel.js';

const poolArb = fc.record({ seed: fc.integer({ min: 1, max: 1e9 }), v2: fc.boolean() }).map(
  ({ seed, v2 }): AmmPool =>
    v2
      ? {
          kind: 'uniswap-v2',
          state: { reserve0: 4_000_000n * 10n ** 6n, reserve1: 2_000n * 10n ** 18n, fee: 3000 },
        }
      : {
          kind: 'uniswap-v3',
          state: makeRandomV3Pool({
            seed,
            positions: 60,
            fee: 500,
            tickSpacing: 10,
            centerTick: 200_311,
            widthTicks: 4000,
            maxLiquidity: 4n * 10n ** 16n,
            fullRangeLiquidity: 2n * 10n ** 16n,
          }),
        },
);
// Front-run sizes with repeats close together (what the searches do), including 0 and −0.
const sizesArb = fc.array(fc.constantFrom(0, -0, 1e15, 3e17, 1e18, 2.5e18, 4e19, 1e21, 3e22), {
  minLength: 1,
  maxLength: 30,
});

/** Every answer a model gives for `sizes` (victim output, gross profit, boundaries), in order. */
function answers(
  pool: AmmPool,
  zeroForOne: boolean,
  sizes: readonly number[],
  victimIn = 10n ** 19n,
): number[] {
  const model = floatSandwichModel(pool, zeroForOne, victimIn);
  const out: number[] = [];
  for (const x of sizes) out.push(model.victimOut(x), model.grossProfit(x));
  const count = model.boundaryCount(Number.POSITIVE_INFINITY, 64);
  for (let k = 0; k < count; k++) out.push(model.boundary(k));
  return out;
}

describe('floatSandwichModel', () => {
  it('property: lazily filled tick tables give the answers of fully filled ones, bit for bit, whichever state filled them first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 600, max: 3000 }).chain((d) => fc.constantFrom(d, -d)),
        fc.boolean(),
        sizesArb,
        (seed, shift, zeroForOne, sizes) => {
          const state = makeRandomV3Pool({
            seed,
            positions: 60,
            fee: 500,
            tickSpacing: 10,
            centerTick: 200_311,
            widthTicks: 4000,
            maxLiquidity: 4n * 10n ** 16n,
            fullRangeLiquidity: 2n * 10n ** 16n,
          });
          const copy = (): V3PoolState => ({ ...state, ticks: state.ticks.map((t) => ({ ...t })) });
          // Another state on the same ticks away from this one (a later block) fills first, with a
          // small search: its filled range need not reach this state's price.
          const elsewhere = (s: V3PoolState): AmmPool => ({
            kind: 'uniswap-v3',
            state: {
              ...s,
              tick: s.tick + shift,
              sqrtPriceX96: (s.sqrtPriceX96 * BigInt(10_000 + shift)) / 10_000n,
            },
          });
          const eager = copy();
          fillAllFloatTicks(eager.ticks);
          const expected = answers({ kind: 'uniswap-v3', state: eager }, zeroForOne, sizes);
          const lazy = copy();
          const got = answers({ kind: 'uniswap-v3', state: lazy }, zeroForOne, sizes);
          const shared = copy();
          answers(elsewhere(shared), !zeroForOne, [1e6], 1n);
          const after = answers({ kind: 'uniswap-v3', state: shared }, zeroForOne, sizes);
          for (const [name, actual] of [
            ['lazy', got],
            ['filled from another state first', after],
          ] as const) {
            assert.equal(actual.length, expected.length, name);
            for (let i = 0; i < actual.length; i++) {
              assert.ok(
                Object.is(actual[i], expected[i]),
                `${name} answer ${i}: ${actual[i]} vs ${expected[i]}`,
              );
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('behavior: a decision-sized search fills only the ticks it reaches', () => {
    const pool = scenarioV3Pool();
    if (pool.kind !== 'uniswap-v3') throw new Error('scenario pool is V3');
    const ticks = pool.state.ticks;
    const model = floatSandwichModel(pool, false, 40n * 10n ** 18n);
    model.grossProfit(5e18);
    const [lo, hi] = floatTicksFilledRange(ticks)!;
    assert.ok(hi - lo < ticks.length / 2, `filled ${lo}..${hi} of ${ticks.length}`);
    // A swap past the filled range fills on demand (the whole range here) and still answers.
    assert.ok(
      Number.isFinite(model.grossProfit(1e22)) || model.grossProfit(1e22) === Number.NEGATIVE_INFINITY,
    );
    const [lo2, hi2] = floatTicksFilledRange(ticks)!;
    assert.ok(lo2 <= lo && hi2 > hi, 'the range grew toward the swap');
  });

  it('property: answers for sizes asked again (the per-model memo) equal a fresh model’s, bit for bit', () => {
    fc.assert(
      fc.property(poolArb, fc.boolean(), sizesArb, (pool, zeroForOne, sizes) => {
        const victimIn = 10n ** 19n;
        const model = floatSandwichModel(pool, zeroForOne, victimIn);
        for (const x of sizes) {
          // A fresh model has no memo: each answer is simulated.
          assert.ok(
            Object.is(model.grossProfit(x), floatSandwichModel(pool, zeroForOne, victimIn).grossProfit(x)),
          );
          assert.ok(
            Object.is(model.victimOut(x), floatSandwichModel(pool, zeroForOne, victimIn).victimOut(x)),
          );
        }
      }),
      { numRuns: 100 },
    );
  });

  it('property: boundaryOf takes floatBoundary’s steps with the same function, to the last bit', () => {
    fc.assert(
      fc.property(
        poolArb,
        fc.boolean(),
        fc.double({ min: 1e14, max: 1e20, noNaN: true }),
        fc.double({ min: 1e15, max: 1e23, noNaN: true }),
        fc.double({ min: 0, max: 1e22, noNaN: true }),
        (pool, zeroForOne, cost, hi, minOut) => {
          const victimIn = 10n ** 19n;
          const model = floatSandwichModel(pool, zeroForOne, victimIn);
          const fresh = floatSandwichModel(pool, zeroForOne, victimIn);
          const profitHi = model.boundaryOf('profit', cost, 0, hi, 1e-9);
          const [lo1, hi1] = floatBoundary((x) => fresh.grossProfit(x) - cost, 0, hi, 1e-9);
          assert.ok(Object.is(profitHi, hi1) && Object.is(model.boundaryLo, lo1));
          const victimHi = model.boundaryOf('victim', minOut, 0, hi, 1e-9);
          const [lo2, hi2] = floatBoundary((x) => minOut - fresh.victimOut(x), 0, hi, 1e-9);
          assert.ok(Object.is(victimHi, hi2) && Object.is(model.boundaryLo, lo2));
        },
      ),
      { numRuns: 100 },
    );
  });
});
