import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { makeRandomV3Pool } from '../../../test-support/makeRandomV3Pool.js';
import { v3PoolArbitrary } from '../../../test-support/v3PoolArbitrary.js';
import { isHedgeRouterError } from '../../errors/index.js';
import { FEE_DENOMINATOR_PIPS, MAX_SQRT_RATIO, MIN_SQRT_RATIO } from './constants.js';
import { encodeSqrtRatioX96 } from './encodeSqrtRatioX96.js';
import { quoteV3ExactIn } from './quoteV3ExactIn.js';
import { quoteV3ExactOut } from './quoteV3ExactOut.js';
import { getAmount0Delta, getAmount1Delta } from './sqrtPriceMath.js';
import { swapV3 } from './swapV3.js';
import { getSqrtRatioAtTick } from './tickMath.js';
import type { V3PoolState } from './types.js';
import { v3PoolAfterSwap } from './v3PoolAfterSwap.js';

const e18 = 10n ** 18n;
const RUNS = 150;

const poolArb = v3PoolArbitrary();
// Sizes from dust to trades that cross many ranges, as a fraction of the pool's in-range depth.
const amountArb = fc.bigInt({ min: 1n, max: 10n ** 24n });

/** Everything the pool could ever pay out in one direction: its reserves of the output token. */
function reserveOut(pool: V3PoolState, zeroForOne: boolean): bigint {
  let total = 0n;
  let liquidity = pool.liquidity;
  if (zeroForOne) {
    // token1 sits below the price: walk down through the ranges.
    let upper = pool.sqrtPriceX96;
    for (let i = pool.ticks.length - 1; i >= 0; i--) {
      const t = pool.ticks[i]!;
      if (t.index > pool.tick) continue;
      const lower = getSqrtRatioAtTick(t.index);
      total += getAmount1Delta(lower, upper, liquidity, false);
      liquidity -= t.liquidityNet;
      upper = lower;
    }
  } else {
    let lower = pool.sqrtPriceX96;
    for (const t of pool.ticks) {
      if (t.index <= pool.tick) continue;
      const upper = getSqrtRatioAtTick(t.index);
      total += getAmount0Delta(lower, upper, liquidity, false);
      liquidity += t.liquidityNet;
      lower = upper;
    }
  }
  return total;
}

describe('swapV3', () => {
  it('behavior: one range, exact in, token0 for token1, matches computeSwapStep (v3-core SwapMath.spec vector)', () => {
    // A pool at price 1 with 2e18 liquidity over the whole range: the first SwapMath.spec
    // vector (fee 600, 1e18 in, price limit 101/100) replays through the swap loop unchanged.
    const pool: V3PoolState = {
      sqrtPriceX96: encodeSqrtRatioX96(1n, 1n),
      tick: 0,
      liquidity: 2n * e18,
      fee: 600,
      tickSpacing: 1,
      ticks: [
        { index: -887272, liquidityNet: 2n * e18 },
        { index: 887272, liquidityNet: -2n * e18 },
      ],
    };
    const swap = swapV3(pool, {
      zeroForOne: false,
      amountSpecified: e18,
      sqrtPriceLimitX96: encodeSqrtRatioX96(101n, 100n),
    });
    assert.equal(swap.amountIn, 9975124224178055n + 5988667735148n);
    assert.equal(swap.amountOut, 9925619580021728n);
    assert.equal(swap.sqrtPriceX96After, encodeSqrtRatioX96(101n, 100n));
    assert.equal(swap.hitPriceLimit, true);
  });

  it('behavior: crossing a tick changes active liquidity and the tick like the pool', () => {
    const pool: V3PoolState = {
      sqrtPriceX96: getSqrtRatioAtTick(5) + 1n,
      tick: 5,
      liquidity: 3n * e18,
      fee: 3000,
      tickSpacing: 10,
      ticks: [
        { index: -100, liquidityNet: e18 },
        { index: 0, liquidityNet: 2n * e18 },
        { index: 100, liquidityNet: -3n * e18 },
      ],
    };
    // ~7.5e14 of token0 takes the price from tick 5 to tick 0 at 3e18; the rest moves it ~5 ticks at 1e18.
    const swap = quoteV3ExactIn(pool, { zeroForOne: true, amountIn: e18 / 1000n });
    assert.equal(swap.initializedTicksCrossed, 1);
    assert.equal(swap.liquidityAfter, e18);
    assert.ok(swap.tickAfter < 0 && swap.tickAfter > -100, `tick ${swap.tickAfter}`);
    // A swap whose limit is exactly the tick's price crosses it (the step reaches the tick's
    // price), leaving slot0.tick one below it; a swap back up crosses it again at once.
    const toTick = swapV3(pool, {
      zeroForOne: true,
      amountSpecified: e18,
      sqrtPriceLimitX96: getSqrtRatioAtTick(0),
    });
    assert.equal(toTick.sqrtPriceX96After, getSqrtRatioAtTick(0));
    assert.equal(toTick.tickAfter, -1);
    assert.equal(toTick.liquidityAfter, e18);
    const back = swapV3(v3PoolAfterSwap(pool, toTick), { zeroForOne: false, amountSpecified: 1n });
    assert.equal(back.tickAfter, 0);
    assert.equal(back.liquidityAfter, 3n * e18);
  });

  it('error: zero amount and a price limit on the wrong side', () => {
    const pool = makeRandomV3Pool({
      seed: 1,
      positions: 5,
      fee: 3000,
      tickSpacing: 60,
      centerTick: 0,
      widthTicks: 6000,
      maxLiquidity: e18,
      fullRangeLiquidity: e18,
    });
    assert.throws(
      () => swapV3(pool, { zeroForOne: true, amountSpecified: 0n }),
      (e) => isHedgeRouterError(e, 'INVALID_INPUT'),
    );
    assert.throws(
      () =>
        swapV3(pool, { zeroForOne: true, amountSpecified: 1n, sqrtPriceLimitX96: pool.sqrtPriceX96 + 1n }),
      (e) => isHedgeRouterError(e, 'PRICE_LIMIT_OUT_OF_RANGE'),
    );
    assert.throws(
      () => swapV3(pool, { zeroForOne: false, amountSpecified: 1n, sqrtPriceLimitX96: MAX_SQRT_RATIO }),
      (e) => isHedgeRouterError(e, 'PRICE_LIMIT_OUT_OF_RANGE'),
    );
    assert.throws(
      () => swapV3(pool, { zeroForOne: true, amountSpecified: 1n, sqrtPriceLimitX96: MIN_SQRT_RATIO }),
      (e) => isHedgeRouterError(e, 'PRICE_LIMIT_OUT_OF_RANGE'),
    );
  });

  it('error: an unsorted or badly spaced tick list is rejected', () => {
    const base = {
      sqrtPriceX96: encodeSqrtRatioX96(1n, 1n),
      tick: 0,
      liquidity: e18,
      fee: 3000,
      tickSpacing: 60,
    };
    const unsorted = {
      ...base,
      ticks: [
        { index: 60, liquidityNet: -e18 },
        { index: -60, liquidityNet: e18 },
      ],
    };
    const spaced = {
      ...base,
      ticks: [
        { index: -61, liquidityNet: e18 },
        { index: 60, liquidityNet: -e18 },
      ],
    };
    assert.throws(
      () => quoteV3ExactIn(unsorted, { zeroForOne: true, amountIn: 1n }),
      (e) => isHedgeRouterError(e, 'INVALID_INPUT'),
    );
    assert.throws(
      () => quoteV3ExactIn(spaced, { zeroForOne: true, amountIn: 1n }),
      (e) => isHedgeRouterError(e, 'INVALID_INPUT'),
    );
  });

  it('property: output is monotonic in the input', () => {
    fc.assert(
      fc.property(poolArb, fc.boolean(), amountArb, amountArb, (pool, zeroForOne, a, b) => {
        const [small, large] = a < b ? [a, b] : [b, a];
        const outSmall = quoteV3ExactIn(pool, { zeroForOne, amountIn: small }).amountOut;
        const outLarge = quoteV3ExactIn(pool, { zeroForOne, amountIn: large }).amountOut;
        assert.ok(outSmall <= outLarge, `${outSmall} > ${outLarge}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('property: never pays out more than the pool holds, and never takes more than offered', () => {
    fc.assert(
      fc.property(
        poolArb,
        fc.boolean(),
        fc.bigInt({ min: 1n, max: 10n ** 40n }),
        (pool, zeroForOne, amountIn) => {
          const swap = quoteV3ExactIn(pool, { zeroForOne, amountIn });
          assert.ok(swap.amountOut <= reserveOut(pool, zeroForOne));
          assert.ok(swap.amountIn <= amountIn);
          assert.equal(swap.hitPriceLimit, swap.amountIn < amountIn);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('property: a round trip loses at least one fee and at most two (plus rounding dust)', () => {
    fc.assert(
      fc.property(poolArb, fc.boolean(), amountArb, (pool, zeroForOne, amountIn) => {
        // Below ~1e6 base units whole-unit rounding of each step, not fees, dominates.
        fc.pre(amountIn >= 10n ** 6n);
        const there = quoteV3ExactIn(pool, { zeroForOne, amountIn });
        fc.pre(!there.hitPriceLimit && there.amountOut > 0n);
        const back = quoteV3ExactIn(v3PoolAfterSwap(pool, there), {
          zeroForOne: !zeroForOne,
          amountIn: there.amountOut,
        });
        const keep = FEE_DENOMINATOR_PIPS - BigInt(pool.fee);
        const oneFee = (amountIn * keep) / FEE_DENOMINATOR_PIPS;
        const twoFees = (amountIn * keep * keep) / FEE_DENOMINATOR_PIPS ** 2n;
        // Rounding always favours the pool: each step can keep up to a wei of either token, and
        // a wei of the intermediate token is worth `price` input units (huge at extreme ticks).
        const priceAt = (sqrtPriceX96: bigint) => (Number(sqrtPriceX96) / 2 ** 96) ** 2; // token1 per token0
        const weiValue = Math.max(
          ...[pool.sqrtPriceX96, there.sqrtPriceX96After].map((p) =>
            zeroForOne ? 1 / priceAt(p) : priceAt(p),
          ),
        );
        const dust = 10n + amountIn / 10n ** 12n + BigInt(Math.ceil(8 * weiValue));
        assert.ok(back.amountOut <= oneFee, `got back ${back.amountOut} > ${oneFee}`);
        assert.ok(back.amountOut + dust >= twoFees, `got back ${back.amountOut} < ${twoFees}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('property: exact input and exact output agree', () => {
    fc.assert(
      fc.property(poolArb, fc.boolean(), amountArb, (pool, zeroForOne, amountIn) => {
        const exactIn = quoteV3ExactIn(pool, { zeroForOne, amountIn });
        fc.pre(!exactIn.hitPriceLimit && exactIn.amountOut > 0n);
        // Buying what amountIn buys never costs more than amountIn ...
        const exactOut = quoteV3ExactOut(pool, { zeroForOne, amountOut: exactIn.amountOut });
        assert.ok(exactOut.amountIn <= amountIn);
        assert.equal(exactOut.amountOut, exactIn.amountOut);
        // ... and paying that much buys at least as much.
        assert.ok(
          quoteV3ExactIn(pool, { zeroForOne, amountIn: exactOut.amountIn }).amountOut >= exactIn.amountOut,
        );
      }),
      { numRuns: RUNS },
    );
  });
});
