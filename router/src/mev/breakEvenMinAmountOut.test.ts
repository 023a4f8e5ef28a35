import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { makeRandomV3Pool } from '../../test-support/makeRandomV3Pool.js';
import type { AmmPool } from '../amm/pool.js';
import { isHedgeRouterError } from '../errors/index.js';
import { breakEvenMinAmountOut } from './breakEvenMinAmountOut.js';
import { chooseSlippageBound } from './chooseSlippageBound.js';
import { expectedMevLeakage } from './expectedMevLeakage.js';
import { optimalSandwich } from './optimalSandwich.js';

const e18 = 10n ** 18n;
const usdc = 10n ** 6n;
const zhouPool: AmmPool = {
  kind: 'uniswap-v2',
  state: { reserve0: 10_000n * e18, reserve1: 20_000_000n * usdc, fee: 3000 },
};

describe('breakEvenMinAmountOut', () => {
  it('behavior: Zhou et al. pool, 0.01 WETH attack cost: safe at the bound, attacked just beyond it', () => {
    const searcherCost = e18 / 100n;
    const b = breakEvenMinAmountOut({ pool: zhouPool, zeroForOne: true, amountIn: 40n * e18, searcherCost });
    assert.equal(b.feasible, true);
    assert.ok(b.minAmountOut < b.amountOutUnattacked);
    const at = optimalSandwich({
      pool: zhouPool,
      zeroForOne: true,
      victimAmountIn: 40n * e18,
      victimMinAmountOut: b.minAmountOut,
      searcherCost,
    });
    assert.equal(at.profitable, false);
    // Loosen the bound by 0.1 % of the slippage room and an attack pays (the bound is tight).
    const room = b.amountOutUnattacked - b.minAmountOut;
    const looser = optimalSandwich({
      pool: zhouPool,
      zeroForOne: true,
      victimAmountIn: 40n * e18,
      victimMinAmountOut: b.minAmountOut - room / 1000n,
      searcherCost,
    });
    assert.equal(looser.profitable, true);
  });

  it('behavior: a small trade that no sandwich can profit from needs no bound', () => {
    const b = breakEvenMinAmountOut({
      pool: zhouPool,
      zeroForOne: true,
      amountIn: e18,
      searcherCost: e18 / 100n,
    });
    assert.equal(b.minAmountOut, 0n);
    assert.equal(b.feasible, true);
  });

  it('behavior: a cheap searcher against a large trade makes the bound infeasible', () => {
    const b = breakEvenMinAmountOut({
      pool: zhouPool,
      zeroForOne: true,
      amountIn: 400n * e18,
      searcherCost: 10n ** 13n,
    });
    assert.ok(b.minAmountOut > 0n);
    // Either no room at all, or a bound within a few base units of the quote.
    assert.ok(!b.feasible || b.amountOutUnattacked - b.minAmountOut < b.amountOutUnattacked / 10n ** 6n);
  });

  it('property: on V3 pools, no profitable sandwich at the break-even bound', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 1000 }),
        (seed, zeroForOne, size, costMilli) => {
          const state = makeRandomV3Pool({
            seed,
            positions: 30,
            fee: 500,
            tickSpacing: 10,
            centerTick: 0,
            widthTicks: 1000,
            maxLiquidity: 5n * 10n ** 21n,
            fullRangeLiquidity: 10n ** 20n,
          });
          const pool: AmmPool = { kind: 'uniswap-v3', state };
          const amountIn = (BigInt(size) * e18) / 10n;
          const searcherCost = (BigInt(costMilli) * e18) / 100_000n;
          const b = breakEvenMinAmountOut({ pool, zeroForOne, amountIn, searcherCost });
          fc.pre(b.feasible && b.minAmountOut > 0n);
          const at = optimalSandwich({
            pool,
            zeroForOne,
            victimAmountIn: amountIn,
            victimMinAmountOut: b.minAmountOut,
            searcherCost,
          });
          assert.equal(at.profitable, false, `net ${at.netProfit} at x ${at.frontRunAmountIn}`);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('chooseSlippageBound', () => {
  it('behavior: tightens the intent limit to the break-even bound when feasible: no leakage', () => {
    const c = chooseSlippageBound({
      pool: zhouPool,
      zeroForOne: true,
      amountIn: 40n * e18,
      limitAmountOut: 79_045_960_000n,
      searcherCost: e18 / 100n,
      attackProbability: 0.9,
    });
    assert.equal(c.protectedByBound, true);
    assert.equal(c.minAmountOut, c.breakEvenMinAmountOut);
    assert.ok(c.minAmountOut > 79_045_960_000n);
    assert.equal(c.expectedLeakage, 0n);
  });

  it('behavior: keeps a limit that is already tighter than break-even', () => {
    const c = chooseSlippageBound({
      pool: zhouPool,
      zeroForOne: true,
      amountIn: 40n * e18,
      limitAmountOut: 79_440_000_000n,
      searcherCost: e18 / 100n,
      attackProbability: 0.9,
    });
    assert.equal(c.protectedByBound, false);
    assert.equal(c.minAmountOut, 79_440_000_000n);
    assert.equal(c.expectedLeakage, 0n);
  });

  it('behavior: when the safe bound leaves too little room to fill, prices the leakage that remains: P × victim loss', () => {
    const c = chooseSlippageBound({
      pool: zhouPool,
      zeroForOne: true,
      amountIn: 400n * e18,
      limitAmountOut: 700_000n * usdc,
      searcherCost: 10n ** 13n,
      attackProbability: 0.5,
      minToleranceBps: 5,
    });
    assert.equal(c.protectedByBound, false);
    assert.equal(c.sandwich.profitable, true);
    assert.equal(c.expectedLeakage, (c.sandwich.victimLoss + 1n) / 2n);
  });

  it('behavior: an infeasible break-even bound falls back to the tolerance bound, not the loose limit: a sandwich takes at most minToleranceBps', () => {
    // 400 WETH against a cheap searcher: the break-even bound leaves less than 5 bps of room,
    // and the intent's limit is ~9% below the quote. At the limit the searcher would take
    // hundreds of bps; the bound must leave exactly the 5 bps of room the swap needs.
    const limitAmountOut = 700_000n * usdc;
    const c = chooseSlippageBound({
      pool: zhouPool,
      zeroForOne: true,
      amountIn: 400n * e18,
      limitAmountOut,
      searcherCost: 10n ** 13n,
      attackProbability: 1,
      minToleranceBps: 5,
    });
    const room = (c.amountOutUnattacked * 5n) / 10_000n;
    assert.ok(c.breakEvenMinAmountOut > c.amountOutUnattacked - room, 'the break-even bound is infeasible');
    assert.equal(c.protectedByBound, false);
    assert.equal(c.minAmountOut, c.amountOutUnattacked - room);
    assert.ok(c.sandwich.victimLoss <= room, `loss ${c.sandwich.victimLoss} within the 5 bps room ${room}`);
    assert.equal(c.cappedByTolerance, true);
    const atLimit = optimalSandwich({
      pool: zhouPool,
      zeroForOne: true,
      victimAmountIn: 400n * e18,
      victimMinAmountOut: limitAmountOut,
      searcherCost: 10n ** 13n,
    });
    assert.ok(atLimit.victimLoss > 100n * c.sandwich.victimLoss, 'the limit would leak far more');
  });

  it('behavior: an infeasible break-even bound keeps a limit already tighter than the tolerance bound', () => {
    const probe = chooseSlippageBound({
      pool: zhouPool,
      zeroForOne: true,
      amountIn: 400n * e18,
      limitAmountOut: 0n,
      searcherCost: 10n ** 13n,
      attackProbability: 1,
      minToleranceBps: 5,
    });
    const limitAmountOut = probe.amountOutUnattacked - probe.amountOutUnattacked / 10_000n; // 1 bp of room
    const c = chooseSlippageBound({
      pool: zhouPool,
      zeroForOne: true,
      amountIn: 400n * e18,
      limitAmountOut,
      searcherCost: 10n ** 13n,
      attackProbability: 1,
      minToleranceBps: 5,
    });
    assert.equal(c.minAmountOut, limitAmountOut);
    assert.equal(c.cappedByTolerance, false);
  });
});

describe('expectedMevLeakage', () => {
  it('error: a probability outside [0, 1]', () => {
    const sandwich = optimalSandwich({
      pool: zhouPool,
      zeroForOne: true,
      victimAmountIn: 40n * e18,
      victimMinAmountOut: 79_045_960_000n,
      searcherCost: 0n,
    });
    assert.throws(
      () => expectedMevLeakage({ sandwich, attackProbability: 1.5 }),
      (e) => isHedgeRouterError(e, 'INVALID_INPUT'),
    );
    assert.throws(
      () => expectedMevLeakage({ sandwich, attackProbability: Number.NaN }),
      (e) => isHedgeRouterError(e, 'INVALID_INPUT'),
    );
    assert.equal(expectedMevLeakage({ sandwich, attackProbability: 0 }), 0n);
    assert.equal(expectedMevLeakage({ sandwich, attackProbability: 1 }), sandwich.victimLoss);
  });
});
