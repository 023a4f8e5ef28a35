import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { v3PoolArbitrary } from '../../test-support/v3PoolArbitrary.js';
import type { AmmPool } from './pool.js';
import { swapExactIn } from './swapExactIn.js';
import { swapOutputTangent } from './swapOutputTangent.js';

const v3Pool = v3PoolArbitrary(200_000).map((state): AmmPool => ({ kind: 'uniswap-v3', state }));
const v2Pool = fc
  .record({
    reserve0: fc.bigInt({ min: 10n ** 6n, max: 10n ** 27n }),
    reserve1: fc.bigInt({ min: 10n ** 6n, max: 10n ** 27n }),
    fee: fc.constantFrom(500, 3000, 10000),
  })
  .map((state): AmmPool => ({ kind: 'uniswap-v2', state }));
/**
 * Sizes scaled to the pool's depth, from dust to trades that cross many ranges or drain most of
 * a pair: `depth` is log10 of the size as a fraction of the input that would move the price by
 * half (for V3, active liquidity over √price in token0, times √price in token1; for V2, the
 * input reserve).
 */
function sizeFor(pool: AmmPool, zeroForOne: boolean, depth: number): bigint {
  let scale: number;
  if (pool.kind === 'uniswap-v3') {
    const sqrtPrice = Number(pool.state.sqrtPriceX96) / 2 ** 96;
    scale = Number(pool.state.liquidity) * (zeroForOne ? 1 / sqrtPrice : sqrtPrice);
  } else scale = Number(zeroForOne ? pool.state.reserve0 : pool.state.reserve1);
  return BigInt(Math.floor(scale * 10 ** depth));
}

describe('swapOutputTangent', () => {
  it('property: the tangent at a size lies above the output of every smaller swap (both pool kinds)', () => {
    let tightened = 0;
    let checked = 0;
    fc.assert(
      fc.property(
        fc.oneof(v3Pool, v2Pool),
        fc.boolean(),
        fc.double({ min: -8, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 4, maxLength: 8 }),
        (pool, zeroForOne, depth, millionths) => {
          const S = sizeFor(pool, zeroForOne, depth);
          if (S <= 0n) return;
          const whole = swapExactIn(pool, { zeroForOne, amountIn: S });
          if (whole.amountIn !== S || whole.amountOut <= 0n) return; // out of range, or dust
          const tangent = swapOutputTangent(pool, zeroForOne, whole);
          const firstSlope = swapOutputTangent(
            pool,
            zeroForOne,
            swapExactIn(pool, { zeroForOne, amountIn: 1n }),
          ).buyPerSell;
          assert.ok(tangent.buyPerSell > 0);
          for (const x of [...millionths.map((m) => (S * BigInt(m)) / 1_000_000n), S]) {
            if (x <= 0n) continue;
            const out = swapExactIn(pool, { zeroForOne, amountIn: x }).amountOut;
            const bound = tangent.buyAmount - Number(S - x) * tangent.buyPerSell;
            checked++;
            assert.ok(Number(out) <= bound, `output ${out} at ${x} above the tangent ${bound} (S ${S})`);
            // The point of the tangent: below the line at the starting price once the price moved.
            if (bound < Number(x) * firstSlope) tightened++;
          }
        },
      ),
      { numRuns: 250 },
    );
    assert.ok(checked > 1200, `only ${checked} smaller swaps checked`);
    assert.ok(tightened > 200, `the tangent came close to a smaller swap ${tightened} times`);
  });

  it('behavior: at the swap itself, the tangent is its output plus a few units of rounding', () => {
    const pool: AmmPool = {
      kind: 'uniswap-v2',
      state: { reserve0: 10n ** 24n, reserve1: 3n * 10n ** 15n, fee: 3000 },
    };
    const swap = swapExactIn(pool, { zeroForOne: true, amountIn: 10n ** 21n });
    const tangent = swapOutputTangent(pool, true, swap);
    assert.ok(tangent.buyAmount >= Number(swap.amountOut));
    assert.ok(tangent.buyAmount - Number(swap.amountOut) < 10, 'rounding margin of a single step');
    // out'(x) = γ·rIn·rOut/(rIn + γx)², γ = 0.997: x = 1e21 (0.1 % of the reserve).
    const gamma = 0.997;
    const exact = (gamma * 1e24 * 3e15) / (1e24 + gamma * 1e21) ** 2;
    assert.ok(Math.abs(tangent.buyPerSell / exact - 1) < 1e-8);
  });
});
