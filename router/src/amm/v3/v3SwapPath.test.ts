import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { makeRandomV3Pool } from '../../../test-support/makeRandomV3Pool.js';
import { V3_FEE_TIERS } from '../../../test-support/v3PoolArbitrary.js';
import { isHedgeRouterError } from '../../errors/index.js';
import { swapV3 } from './swapV3.js';
import type { V3PoolState, V3SwapResult } from './types.js';
import { v3PoolAfterSwap } from './v3PoolAfterSwap.js';
import { enableV3SwapPath, v3SwapPathFor } from './v3SwapPath.js';

const RUNS = 120;

const poolArb = fc
  .record({
    seed: fc.integer({ min: 1, max: 1e9 }),
    tier: fc.constantFrom(...V3_FEE_TIERS),
    center: fc.integer({ min: -300_000, max: 300_000 }),
    positions: fc.integer({ min: 1, max: 60 }),
    // 0: ranges with no liquidity at all between positions (zero-cost steps).
    fullRange: fc.constantFrom(0n, 10n ** 12n, 10n ** 18n),
  })
  .map(
    ({ seed, tier, center, positions, fullRange }): V3PoolState =>
      makeRandomV3Pool({
        seed,
        positions,
        fee: tier.fee,
        tickSpacing: tier.tickSpacing,
        centerTick: center,
        widthTicks: 400 * tier.tickSpacing,
        maxLiquidity: 10n ** 20n,
        fullRangeLiquidity: fullRange,
      }),
  );
// From dust to sizes that run through every range and into the price limit.
const amountArb = fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 18n }), fc.bigInt({ min: 1n, max: 10n ** 30n }));

/** The same state with its own ticks array: no step table can serve it (the plain loop). */
function plainCopy(pool: V3PoolState): V3PoolState {
  return { ...pool, ticks: pool.ticks.map((t) => ({ ...t })) };
}

/** swapV3's result, or the error code and field it threw. */
function outcome(pool: V3PoolState, zeroForOne: boolean, amountSpecified: bigint): V3SwapResult | string {
  try {
    return swapV3(pool, { zeroForOne, amountSpecified });
  } catch (error) {
    if (!isHedgeRouterError(error)) throw error;
    return `${error.code} ${error.field ?? ''}`;
  }
}

/** A sandwich-like chain of swaps on `pool`: each swap starts where the previous one ended. */
function chain(pool: V3PoolState, legs: readonly [boolean, bigint][]): (V3SwapResult | string)[] {
  const results: (V3SwapResult | string)[] = [];
  let state = pool;
  for (const [zeroForOne, amount] of legs) {
    const r = outcome(state, zeroForOne, amount);
    results.push(r);
    if (typeof r === 'string' || r.amountIn === 0n) break;
    state = v3PoolAfterSwap(state, r);
  }
  return results;
}

describe('v3SwapPath (step table)', () => {
  it('property: swaps from a state with a step table equal the plain loop bit for bit, in any order of sizes', () => {
    fc.assert(
      fc.property(
        poolArb,
        fc.array(fc.tuple(fc.boolean(), amountArb), { minLength: 1, maxLength: 12 }),
        (pool, swaps) => {
          const plain = plainCopy(pool);
          enableV3SwapPath(pool);
          for (const [zeroForOne, amount] of swaps) {
            assert.deepEqual(outcome(pool, zeroForOne, amount), outcome(plain, zeroForOne, amount));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('property: chained swaps (front-run, victim, back-run) through a table equal the plain loop', () => {
    fc.assert(
      fc.property(poolArb, fc.boolean(), amountArb, amountArb, (pool, zeroForOne, front, victim) => {
        const plain = plainCopy(pool);
        enableV3SwapPath(pool);
        // Warm the table past the front-run, so the victim's walk meets recorded checkpoints.
        outcome(pool, zeroForOne, front + victim);
        const legs: [boolean, bigint][] = [
          [zeroForOne, front],
          [zeroForOne, victim],
          [!zeroForOne, front],
        ];
        assert.deepEqual(chain(pool, legs), chain(plain, legs));
      }),
      { numRuns: RUNS },
    );
  });

  it('property: many sandwiches on one pool (back-runs reuse recorded steps) equal the plain loop', () => {
    fc.assert(
      fc.property(
        poolArb,
        fc.boolean(),
        fc.array(fc.tuple(amountArb, amountArb), { minLength: 2, maxLength: 8 }),
        (pool, zeroForOne, sandwiches) => {
          const plain = plainCopy(pool);
          enableV3SwapPath(pool);
          for (const [front, victim] of sandwiches) {
            const legs: [boolean, bigint][] = [
              [zeroForOne, front],
              [zeroForOne, victim],
              [!zeroForOne, front + victim],
              [zeroForOne, victim],
            ];
            assert.deepEqual(chain(pool, legs), chain(plain, legs));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('property: a state that shares the ticks array but not the liquidity never takes the other state’s steps', () => {
    fc.assert(
      fc.property(poolArb, fc.boolean(), amountArb, amountArb, (pool, zeroForOne, front, back) => {
        enableV3SwapPath(pool);
        // Fill the recorded steps from the consistent state, in both directions.
        chain(pool, [
          [zeroForOne, front],
          [!zeroForOne, front + back],
        ]);
        const sibling = { ...pool, liquidity: pool.liquidity * 2n + 1n };
        const plain = plainCopy(sibling);
        const legs: [boolean, bigint][] = [
          [zeroForOne, front],
          [!zeroForOne, front + back],
        ];
        assert.deepEqual(chain(sibling, legs), chain(plain, legs));
      }),
      { numRuns: RUNS },
    );
  });

  it('property: new roots on the same ticks array (blocks without Mint/Burn) keep recorded steps and still equal the plain loop', () => {
    fc.assert(
      fc.property(
        poolArb,
        fc.array(fc.tuple(fc.boolean(), amountArb, fc.constantFrom('next', 'sibling', 'fee')), {
          minLength: 2,
          maxLength: 6,
        }),
        amountArb,
        (pool, blocks, victim) => {
          let root: V3PoolState = pool;
          for (const [zeroForOne, amount, kind] of blocks) {
            enableV3SwapPath(root);
            const plain = plainCopy(root);
            // A decision on this root: a large walk (fills the checkpoints) and a sandwich.
            const legs: [boolean, bigint][] = [
              [zeroForOne, amount + victim],
              [zeroForOne, amount],
              [zeroForOne, victim],
              [!zeroForOne, amount],
            ];
            assert.deepEqual(outcome(root, !zeroForOne, victim), outcome(plain, !zeroForOne, victim));
            assert.deepEqual(chain(root, legs.slice(1)), chain(plain, legs.slice(1)));
            assert.deepEqual(
              outcome(root, zeroForOne, amount + victim),
              outcome(plain, zeroForOne, amount + victim),
            );
            // The next block's state: after a swap (a consistent state), the same price with
            // other liquidity (steps from it must never match), or another fee tier.
            const moved = outcome(root, zeroForOne, amount);
            const after = typeof moved === 'string' ? root : v3PoolAfterSwap(root, moved);
            root =
              kind === 'next'
                ? { ...after }
                : kind === 'sibling'
                  ? { ...after, liquidity: after.liquidity + 1n }
                  : { ...after, fee: after.fee === 500 ? 3000 : 500 };
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('property: exact output, price limits and inconsistent liquidityNet behave as without a table', () => {
    fc.assert(
      fc.property(
        poolArb,
        fc.boolean(),
        amountArb,
        fc.integer({ min: 0, max: 3 }),
        (pool, zeroForOne, amount, corrupt) => {
          // Some pools get a tick whose liquidityNet makes a crossing leave uint128: both must throw alike.
          const ticks = pool.ticks.map((t, i) =>
            corrupt > 0 && i === Math.floor(pool.ticks.length / (corrupt + 1))
              ? { ...t, liquidityNet: t.liquidityNet * 1_000n + 1n }
              : t,
          );
          const fast = { ...pool, ticks };
          const plain = plainCopy(fast);
          enableV3SwapPath(fast);
          assert.deepEqual(outcome(fast, zeroForOne, amount), outcome(plain, zeroForOne, amount));
          assert.deepEqual(outcome(fast, zeroForOne, -amount), outcome(plain, zeroForOne, -amount));
          const limit = zeroForOne ? (fast.sqrtPriceX96 * 99n) / 100n : (fast.sqrtPriceX96 * 101n) / 100n;
          const limited = (p: V3PoolState) => {
            try {
              return swapV3(p, { zeroForOne, amountSpecified: amount, sqrtPriceLimitX96: limit });
            } catch (error) {
              return isHedgeRouterError(error) ? error.code : 'other';
            }
          };
          assert.deepEqual(limited(fast), limited(plain));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('behavior: the table is used (a large swap looks its full steps up) and is rooted per ticks array', () => {
    const pool = makeRandomV3Pool({
      seed: 7,
      positions: 60,
      fee: 500,
      tickSpacing: 10,
      centerTick: 0,
      widthTicks: 4000,
      maxLiquidity: 10n ** 20n,
      fullRangeLiquidity: 10n ** 18n,
    });
    assert.equal(v3SwapPathFor(plainCopy(pool), true), undefined);
    enableV3SwapPath(pool);
    const path = v3SwapPathFor(pool, true)!;
    assert.notEqual(path, undefined);
    const big = swapV3(pool, { zeroForOne: true, amountSpecified: 10n ** 22n });
    assert.ok(big.initializedTicksCrossed > 5, 'the swap crosses several ranges');
    // The table now holds every full step the swap took, and a state derived from the root finds it.
    assert.ok(path.used.length > big.initializedTicksCrossed);
    assert.equal(v3SwapPathFor(v3PoolAfterSwap(pool, big), true), path);
    assert.deepEqual(big, swapV3(plainCopy(pool), { zeroForOne: true, amountSpecified: 10n ** 22n }));
    // A new state object on the same ticks (the next block) is a new root with its own
    // checkpoints but the same recorded steps; another fee on the same ticks starts afresh.
    const nextBlock = {
      ...v3PoolAfterSwap(pool, swapV3(pool, { zeroForOne: true, amountSpecified: 10n ** 15n })),
    };
    enableV3SwapPath(nextBlock);
    const nextPath = v3SwapPathFor(nextBlock, true)!;
    assert.notEqual(nextPath, path);
    assert.equal(nextPath.steps, path.steps);
    assert.ok(path.steps.size > 0, 'the checkpoint builder recorded its steps by start state');
    const again = swapV3(nextBlock, { zeroForOne: true, amountSpecified: 10n ** 22n });
    assert.deepEqual(again, swapV3(plainCopy(nextBlock), { zeroForOne: true, amountSpecified: 10n ** 22n }));
    const otherFee = { ...nextBlock, fee: 3000 };
    enableV3SwapPath(otherFee);
    assert.notEqual(v3SwapPathFor(otherFee, true)!.steps, path.steps);
  });
});
