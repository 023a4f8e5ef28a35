// Reference vectors from Uniswap/v3-core tests (TickMath.spec, SqrtPriceMath.spec,
// SwapMath.spec), as listed in ../shared/REFERENCES.md. All values are exact integers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isHedgeRouterError } from '../../errors/index.js';
import { computeSwapStep } from './computeSwapStep.js';
import { MAX_SQRT_RATIO, MAX_TICK, MAX_UINT256, MIN_SQRT_RATIO, MIN_TICK, Q96 } from './constants.js';
import { encodeSqrtRatioX96 } from './encodeSqrtRatioX96.js';
import { mulDiv, mulDivRoundingUp } from './fullMath.js';
import {
  getAmount0Delta,
  getAmount1Delta,
  getNextSqrtPriceFromInput,
  getNextSqrtPriceFromOutput,
} from './sqrtPriceMath.js';
import { getSqrtRatioAtTick, getTickAtSqrtRatio, getTickAtSqrtRatioByLog2 } from './tickMath.js';

const e18 = 10n ** 18n;

describe('encodeSqrtRatioX96', () => {
  it('behavior: matches v3-core encodePriceSqrt', () => {
    // v3-core test/shared/utilities.ts encodePriceSqrt values (REFERENCES.md)
    assert.equal(encodeSqrtRatioX96(1n, 1n), 79228162514264337593543950336n);
    assert.equal(encodeSqrtRatioX96(101n, 100n), 79623317895830914510639640423n);
  });
});

describe('FullMath', () => {
  it('behavior: floors and rounds up', () => {
    assert.equal(mulDiv(7n, 3n, 2n), 10n);
    assert.equal(mulDivRoundingUp(7n, 3n, 2n), 11n);
    assert.equal(mulDivRoundingUp(6n, 3n, 2n), 9n);
  });
  it('behavior: 512-bit intermediate like the contract (FullMath.spec: all max inputs)', () => {
    assert.equal(mulDiv(MAX_UINT256, MAX_UINT256, MAX_UINT256), MAX_UINT256);
  });
  it('error: reverts on zero denominator and on a result above uint256', () => {
    assert.throws(
      () => mulDiv(1n, 1n, 0n),
      (e) => isHedgeRouterError(e, 'POOL_MATH_OVERFLOW'),
    );
    assert.throws(
      () => mulDiv(MAX_UINT256, MAX_UINT256, MAX_UINT256 - 1n),
      (e) => isHedgeRouterError(e, 'POOL_MATH_OVERFLOW'),
    );
    // FullMath.spec: mulDivRoundingUp reverts when the rounded-up result overflows
    assert.throws(
      () =>
        mulDivRoundingUp(
          535006138814359n,
          432862656469423142931042426214547535783388063929571229938474969n,
          2n,
        ),
      (e) => isHedgeRouterError(e, 'POOL_MATH_OVERFLOW'),
    );
  });
});

describe('TickMath', () => {
  it('behavior: getSqrtRatioAtTick at the bounds and at tick 50 (v3-core TickMath.spec)', () => {
    assert.equal(getSqrtRatioAtTick(MIN_TICK), 4295128739n);
    assert.equal(getSqrtRatioAtTick(MAX_TICK), 1461446703485210103287273052203988822378723970342n);
    assert.equal(getSqrtRatioAtTick(50), 79426470787362580746886972461n);
    assert.equal(getSqrtRatioAtTick(MIN_TICK + 1), 4295343490n); // TickMath.spec 'min tick + 1'
    assert.equal(getSqrtRatioAtTick(MAX_TICK - 1), 1461373636630004318706518188784493106690254656249n);
  });
  it('behavior: getTickAtSqrtRatio inverts it (v3-core TickMath.spec)', () => {
    assert.equal(getTickAtSqrtRatio(Q96), 0);
    assert.equal(getTickAtSqrtRatio(MIN_SQRT_RATIO), MIN_TICK);
    assert.equal(getTickAtSqrtRatio(MAX_SQRT_RATIO - 1n), MAX_TICK - 1);
    assert.equal(getTickAtSqrtRatio(4295343490n), MIN_TICK + 1);
  });
  it('behavior: the tick of a ratio is the greatest tick whose ratio is ≤ it', () => {
    for (let tick = -200_000; tick <= 200_000; tick += 7919) {
      const ratio = getSqrtRatioAtTick(tick);
      assert.equal(getTickAtSqrtRatio(ratio), tick);
      assert.equal(getTickAtSqrtRatio(ratio - 1n), tick - 1);
      assert.equal(getTickAtSqrtRatio(ratio + 1n), tick);
    }
  });
  it('error: out-of-range inputs', () => {
    assert.throws(
      () => getSqrtRatioAtTick(MAX_TICK + 1),
      (e) => isHedgeRouterError(e, 'PRICE_LIMIT_OUT_OF_RANGE'),
    );
    assert.throws(
      () => getTickAtSqrtRatio(MAX_SQRT_RATIO),
      (e) => isHedgeRouterError(e, 'PRICE_LIMIT_OUT_OF_RANGE'),
    );
    assert.throws(
      () => getTickAtSqrtRatio(MIN_SQRT_RATIO - 1n),
      (e) => isHedgeRouterError(e, 'PRICE_LIMIT_OUT_OF_RANGE'),
    );
  });
});

describe('SqrtPriceMath', () => {
  it('behavior: getNextSqrtPriceFromInput (v3-core SqrtPriceMath.spec, L = 1e18, amount 0.1e18)', () => {
    assert.equal(getNextSqrtPriceFromInput(Q96, e18, e18 / 10n, false), 87150978765690771352898345369n);
    assert.equal(getNextSqrtPriceFromInput(Q96, e18, e18 / 10n, true), 72025602285694852357767227579n);
  });
  it('behavior: getNextSqrtPriceFromInput with amountIn > type(uint96).max (SqrtPriceMath.spec)', () => {
    assert.equal(getNextSqrtPriceFromInput(Q96, 10n * e18, 2n ** 100n, true), 624999999995069620n);
    // returns the minimum price for a max input
    assert.equal(getNextSqrtPriceFromInput(Q96, 1n, MAX_UINT256 / 2n, true), 1n);
  });
  it('behavior: getNextSqrtPriceFromOutput (SqrtPriceMath.spec)', () => {
    assert.equal(getNextSqrtPriceFromOutput(Q96, e18, e18 / 10n, false), 88031291682515930659493278152n);
    assert.equal(getNextSqrtPriceFromOutput(Q96, e18, e18 / 10n, true), 71305346262837903834189555302n);
  });
  it('error: output beyond the virtual reserves (SqrtPriceMath.spec "fails if output amount is exactly the virtual reserves")', () => {
    const price = 20282409603651670423947251286016n;
    assert.throws(
      () => getNextSqrtPriceFromOutput(price, 1024n, 4n, false),
      (e) => isHedgeRouterError(e, 'POOL_MATH_OVERFLOW'),
    );
    assert.throws(
      () => getNextSqrtPriceFromOutput(price, 1024n, 262144n, true),
      (e) => isHedgeRouterError(e, 'POOL_MATH_OVERFLOW'),
    );
    assert.equal(getNextSqrtPriceFromOutput(price, 1024n, 262143n, true), 77371252455336267181195264n);
  });
  it('behavior: amount deltas between 1 and 1.21 (SqrtPriceMath.spec)', () => {
    const a = encodeSqrtRatioX96(1n, 1n);
    const b = encodeSqrtRatioX96(121n, 100n);
    assert.equal(getAmount0Delta(a, b, e18, true), 90909090909090910n);
    assert.equal(getAmount0Delta(a, b, e18, false), 90909090909090909n);
    assert.equal(getAmount1Delta(a, b, e18, true), 100000000000000000n);
    assert.equal(getAmount1Delta(a, b, e18, false), 99999999999999999n);
  });
});

describe('computeSwapStep', () => {
  it('behavior: exact in capped at the target price (SwapMath.spec, fee 600)', () => {
    const step = computeSwapStep(
      encodeSqrtRatioX96(1n, 1n),
      encodeSqrtRatioX96(101n, 100n),
      2n * e18,
      e18,
      600n,
    );
    assert.equal(step.amountIn, 9975124224178055n);
    assert.equal(step.feeAmount, 5988667735148n);
    assert.equal(step.amountOut, 9925619580021728n);
    assert.equal(step.sqrtRatioNextX96, encodeSqrtRatioX96(101n, 100n));
  });
  it('behavior: exact out fully received (SwapMath.spec, fee 600)', () => {
    const step = computeSwapStep(
      encodeSqrtRatioX96(1n, 1n),
      encodeSqrtRatioX96(10000n, 100n),
      2n * e18,
      -e18,
      600n,
    );
    assert.equal(step.amountIn, 2000000000000000000n);
    assert.equal(step.feeAmount, 1200720432259356n);
    assert.equal(step.amountOut, e18);
    assert.ok(step.sqrtRatioNextX96 < encodeSqrtRatioX96(10000n, 100n));
  });
  it('behavior: exact in fully spent, price stops short of the target (SwapMath.spec)', () => {
    const step = computeSwapStep(
      encodeSqrtRatioX96(1n, 1n),
      encodeSqrtRatioX96(1000n, 100n),
      2n * e18,
      e18,
      600n,
    );
    assert.equal(step.amountIn, 999400000000000000n);
    assert.equal(step.feeAmount, 600000000000000n);
    assert.equal(step.amountOut, 666399946655997866n);
    assert.equal(step.amountIn + step.feeAmount, e18);
  });
  it('behavior: amount out capped at the desired amount (SwapMath.spec)', () => {
    const step = computeSwapStep(
      417332158212080721273783715441582n,
      1452870262520218020823638996n,
      159344665391607089467575320103n,
      -1n,
      1n,
    );
    assert.equal(step.amountIn, 1n);
    assert.equal(step.feeAmount, 1n);
    assert.equal(step.amountOut, 1n);
    assert.equal(step.sqrtRatioNextX96, 417332158212080721273783715441581n);
  });
  it('behavior: target price of 1 uses the partial input amount (SwapMath.spec)', () => {
    const step = computeSwapStep(2n, 1n, 1n, 3915081100057732413702495386755767n, 1n);
    assert.equal(step.amountIn, 39614081257132168796771975168n);
    assert.equal(step.feeAmount, 39614120871253040049813n);
    assert.ok(step.amountIn + step.feeAmount <= 3915081100057732413702495386755767n);
    assert.equal(step.amountOut, 0n);
    assert.equal(step.sqrtRatioNextX96, 1n);
  });
  it('behavior: entire input taken as fee (SwapMath.spec)', () => {
    const step = computeSwapStep(2413n, 79887613182836312n, 1985041575832132834610021537970n, 10n, 1872n);
    assert.equal(step.amountIn, 0n);
    assert.equal(step.feeAmount, 10n);
    assert.equal(step.amountOut, 0n);
    assert.equal(step.sqrtRatioNextX96, 2413n);
  });
});

describe('getTickAtSqrtRatio fast path', () => {
  it('property: the float estimate path equals the contract log2 path everywhere', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO - 1n }), (sqrtPriceX96) => {
        assert.equal(getTickAtSqrtRatio(sqrtPriceX96), getTickAtSqrtRatioByLog2(sqrtPriceX96));
      }),
      { numRuns: 2000 },
    );
    // and right at tick boundaries, where the float estimate hands over to the exact path
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_TICK + 1, max: MAX_TICK - 1 }),
        fc.integer({ min: -3, max: 3 }),
        (tick, offset) => {
          const ratio = getSqrtRatioAtTick(tick) + BigInt(offset);
          assert.equal(getTickAtSqrtRatio(ratio), getTickAtSqrtRatioByLog2(ratio));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
