import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { makeRandomV3Pool } from '../../test-support/makeRandomV3Pool.js';
import type { AmmPool } from '../amm/pool.js';
import { optimalSandwich } from './optimalSandwich.js';
import { simulateSandwich } from './simulateSandwich.js';

const e18 = 10n ** 18n;
const usdc = 10n ** 6n;
// Zhou et al. (2021) worked case, REFERENCES.md: 10,000 WETH / 20,000,000 USDC, 0.3 % fee.
const zhouPool: AmmPool = {
  kind: 'uniswap-v2',
  state: { reserve0: 10_000n * e18, reserve1: 20_000_000n * usdc, fee: 3000 },
};

describe('optimalSandwich', () => {
  it('behavior: reproduces the Zhou et al. worked case (x̂ ≈ 25.2 WETH, profit ≈ 0.049 WETH before gas)', () => {
    // Victim sells 40 WETH with 0.5 % slippage: quoted 79,443.18 USDC, minimum 79,045.96 USDC.
    const s = optimalSandwich({
      pool: zhouPool,
      zeroForOne: true,
      victimAmountIn: 40n * e18,
      victimMinAmountOut: 79_045_960_000n,
      searcherCost: 0n,
    });
    assert.equal(s.victimAmountOutUnattacked / 10_000n, 7_944_318n); // 79,443.18 USDC
    assert.equal(Math.round(Number(s.maxFrontRunAmountIn) / 1e17), 252); // x̂ ≈ 25.2 WETH
    // Profit still rises at x̂, so the attack is at x̂ (to within the wei-level rounding of the
    // USDC leg, which can make a front-run a hair smaller pay a few wei more).
    assert.ok(s.maxFrontRunAmountIn - s.frontRunAmountIn <= s.maxFrontRunAmountIn / 10n ** 9n);
    assert.equal(Math.round(Number(s.grossProfit) / 1e15), 49); // ≈ 0.049 WETH
    assert.equal(s.profitable, true);
    // The victim is left at its minimum: x̂ is found to 1e-7, i.e. within 0.0001 USDC here.
    assert.ok(s.victimAmountOut >= 79_045_960_000n && s.victimAmountOut - 79_045_960_000n < 100n);
    assert.equal(s.victimLoss, s.victimAmountOutUnattacked - s.victimAmountOut);
  });

  it('behavior: x̂ is the boundary: one more wei of front-run breaks the victim', () => {
    const s = optimalSandwich({
      pool: zhouPool,
      zeroForOne: true,
      victimAmountIn: 40n * e18,
      victimMinAmountOut: 79_045_960_000n,
      searcherCost: 0n,
    });
    // The search stops within 1e-7 of x̂; anything 1e-6 larger must already be infeasible.
    const beyond = simulateSandwich({
      pool: zhouPool,
      zeroForOne: true,
      victimAmountIn: 40n * e18,
      frontRunAmountIn: s.maxFrontRunAmountIn + s.maxFrontRunAmountIn / 1_000_000n,
    });
    assert.ok(beyond.victimAmountOut < 79_045_960_000n);
  });

  it('behavior: gas makes the same attack unprofitable', () => {
    const s = optimalSandwich({
      pool: zhouPool,
      zeroForOne: true,
      victimAmountIn: 40n * e18,
      victimMinAmountOut: 79_045_960_000n,
      searcherCost: e18 / 10n,
    });
    assert.equal(s.profitable, false);
    assert.ok(s.netProfit < 0n);
  });

  it('behavior: a victim that cannot meet its own minimum is not attackable', () => {
    const s = optimalSandwich({
      pool: zhouPool,
      zeroForOne: true,
      victimAmountIn: 40n * e18,
      victimMinAmountOut: 80_000_000_000n,
      searcherCost: 0n,
    });
    assert.equal(s.victimFeasible, false);
    assert.equal(s.profitable, false);
    assert.equal(s.frontRunAmountIn, 0n);
  });

  it('property: on V3 pools across ticks, beats every front-run on a fine grid of feasible sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 5, max: 300 }),
        (seed, zeroForOne, victimSizeTenths, slippageBps) => {
          // A thin USDC/WETH-like pool with ranges 1-2 % wide, so attacks cross ticks.
          const state = makeRandomV3Pool({
            seed,
            positions: 30,
            fee: 3000,
            tickSpacing: 60,
            centerTick: 0,
            widthTicks: 3000,
            maxLiquidity: 5n * 10n ** 21n,
            fullRangeLiquidity: 10n ** 20n,
          });
          const pool: AmmPool = { kind: 'uniswap-v3', state };
          const victimAmountIn = (BigInt(victimSizeTenths) * e18) / 10n;
          const quoted = simulateSandwich({
            pool,
            zeroForOne,
            victimAmountIn,
            frontRunAmountIn: 0n,
          }).victimAmountOut;
          const victimMinAmountOut = (quoted * BigInt(10_000 - slippageBps)) / 10_000n;
          const s = optimalSandwich({
            pool,
            zeroForOne,
            victimAmountIn,
            victimMinAmountOut,
            searcherCost: 0n,
          });
          assert.ok(s.victimAmountOut >= victimMinAmountOut || s.frontRunAmountIn === 0n);
          for (let k = 1n; k <= 40n; k++) {
            const x = (s.maxFrontRunAmountIn * k) / 40n;
            if (x === 0n) continue;
            const grid = simulateSandwich({ pool, zeroForOne, victimAmountIn, frontRunAmountIn: x });
            if (grid.victimAmountOut < victimMinAmountOut) continue;
            // Golden section stops at 1e-4 of x̂: allow the profit that tolerance could hide.
            const slackWei = x / 1000n + 1000n;
            assert.ok(
              s.grossProfit + slackWei >= grid.grossProfit,
              `grid ${x}: ${grid.grossProfit} > ${s.grossProfit}`,
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('error: a victim with no minimum (limit 0), at any size, gets an answer, not a pool-math overflow', () => {
    // The largest feasible front-run is bracketed by doubling until the victim misses its
    // minimum; at 0 only the pool's limits end that (a range's end, or uint256), and those
    // front-runs revert on chain, so they are no attack.
    const v3: AmmPool = {
      kind: 'uniswap-v3',
      state: makeRandomV3Pool({
        seed: 7,
        positions: 30,
        fee: 500,
        tickSpacing: 10,
        centerTick: -200_000,
        widthTicks: 4000,
        maxLiquidity: 10n ** 21n,
        fullRangeLiquidity: 10n ** 18n,
      }),
    };
    fc.assert(
      fc.property(
        fc.constantFrom(zhouPool, v3),
        fc.boolean(),
        fc.double({ min: 10, max: 26, noNaN: true }),
        (pool, zeroForOne, log10Size) => {
          const victimAmountIn = BigInt(Math.floor(10 ** log10Size));
          const s = optimalSandwich({
            pool,
            zeroForOne,
            victimAmountIn,
            victimMinAmountOut: 0n,
            searcherCost: 0n,
          });
          if (s.frontRunAmountIn === 0n) return;
          // The attack it reports is one the chain would run: every leg whole, the victim paid.
          const attack = simulateSandwich({
            pool,
            zeroForOne,
            victimAmountIn,
            frontRunAmountIn: s.frontRunAmountIn,
          });
          assert.equal(attack.valid, true);
          assert.ok(attack.victimAmountOut > 0n);
          assert.ok(s.maxFrontRunAmountIn >= s.frontRunAmountIn);
        },
      ),
      { numRuns: 60 },
    );
  });
});
