import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AmmPool } from '../amm/pool.js';
import { makeRandomV3Pool } from '../amm/v3/makeRandomV3Pool.js';
import { floatBoundary, floatSandwichModel } from './floatSandwichModel.js';

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

describe('floatSandwichModel', () => {
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
