import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isHedgeRouterError } from '../../errors/index.js';
import { swapExactIn } from '../swapExactIn.js';
import { getAmountInV2 } from './getAmountInV2.js';
import { getAmountOutV2 } from './getAmountOutV2.js';

const reserveArb = fc.bigInt({ min: 1000n, max: 10n ** 30n });

describe('getAmountOutV2 / getAmountInV2', () => {
  it('behavior: Uniswap v2-periphery UniswapV2Router01.spec vectors (fee 0.3 %)', () => {
    assert.equal(getAmountOutV2({ amountIn: 2n, reserveIn: 100n, reserveOut: 100n, fee: 3000 }), 1n);
    assert.equal(getAmountInV2({ amountOut: 1n, reserveIn: 100n, reserveOut: 100n, fee: 3000 }), 2n);
  });

  it('behavior: the Zhou et al. worked case quotes 79,443.18 USDC for 40 WETH (REFERENCES.md)', () => {
    const out = getAmountOutV2({
      amountIn: 40n * 10n ** 18n,
      reserveIn: 10_000n * 10n ** 18n,
      reserveOut: 20_000_000n * 10n ** 6n,
      fee: 3000,
    });
    assert.equal(out / 10_000n, 7_944_318n); // 79,443.18 USDC, to the cent
  });

  it('property: identical to the library 997/1000 formula at fee 3000', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        reserveArb,
        reserveArb,
        (amountIn, reserveIn, reserveOut) => {
          const library = (amountIn * 997n * reserveOut) / (reserveIn * 1000n + amountIn * 997n);
          assert.equal(getAmountOutV2({ amountIn, reserveIn, reserveOut, fee: 3000 }), library);
          const out = library;
          if (out > 0n) {
            const libraryIn = (reserveIn * out * 1000n) / ((reserveOut - out) * 997n) + 1n;
            assert.equal(getAmountInV2({ amountOut: out, reserveIn, reserveOut, fee: 3000 }), libraryIn);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: getAmountIn is enough, monotonic, and the pool never pays out its reserve', () => {
    fc.assert(
      fc.property(
        reserveArb,
        reserveArb,
        fc.integer({ min: 0, max: 20_000 }),
        fc.bigInt({ min: 1n, max: 10n ** 29n }),
        (reserveIn, reserveOut, fee, want) => {
          fc.pre(want < reserveOut);
          const amountIn = getAmountInV2({ amountOut: want, reserveIn, reserveOut, fee });
          assert.ok(getAmountOutV2({ amountIn, reserveIn, reserveOut, fee }) >= want);
          assert.ok(getAmountOutV2({ amountIn: amountIn * 2n, reserveIn, reserveOut, fee }) < reserveOut);
          assert.ok(
            getAmountOutV2({ amountIn: amountIn * 2n, reserveIn, reserveOut, fee }) >=
              getAmountOutV2({ amountIn, reserveIn, reserveOut, fee }),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: a round trip through the pair loses at least one fee and at most two', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 9n, max: 10n ** 30n }),
        fc.bigInt({ min: 10n ** 9n, max: 10n ** 30n }),
        fc.double({ min: 1e-9, max: 1, noNaN: true }),
        (reserve0, reserve1, fraction) => {
          const amountIn = BigInt(Math.ceil(Number(reserve0) * fraction));
          const pool = { kind: 'uniswap-v2' as const, state: { reserve0, reserve1, fee: 3000 } };
          const there = swapExactIn(pool, { zeroForOne: true, amountIn });
          fc.pre(there.amountOut > 0n);
          const back = swapExactIn(there.poolAfter, { zeroForOne: false, amountIn: there.amountOut });
          assert.ok(back.amountOut <= (amountIn * 997n) / 1000n);
          // Rounding dust: a wei of token0 on the way back, a wei of token1 (worth ≤ 4·r0/r1
          // token0 once the price has moved at most 4×) on the way there.
          const dust = 3n + (4n * reserve0) / reserve1;
          assert.ok(back.amountOut + dust >= (amountIn * 997n * 997n) / 1_000_000n);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('error: empty reserves and draining outputs', () => {
    assert.throws(
      () => getAmountOutV2({ amountIn: 1n, reserveIn: 0n, reserveOut: 1n, fee: 3000 }),
      (e) => isHedgeRouterError(e, 'INSUFFICIENT_LIQUIDITY'),
    );
    assert.throws(
      () => getAmountInV2({ amountOut: 100n, reserveIn: 100n, reserveOut: 100n, fee: 3000 }),
      (e) => isHedgeRouterError(e, 'INSUFFICIENT_LIQUIDITY'),
    );
    assert.throws(
      () => getAmountOutV2({ amountIn: 0n, reserveIn: 1n, reserveOut: 1n, fee: 3000 }),
      (e) => isHedgeRouterError(e, 'INVALID_INPUT'),
    );
  });
});
