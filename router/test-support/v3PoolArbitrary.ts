// fast-check arbitraries of V3 pool states for the property tests (not part of the public API):
// the four standard fee tiers and pools from makeRandomV3Pool around a random tick.
import fc from 'fast-check';
import type { V3PoolState } from '../src/amm/v3/types.js';
import { makeRandomV3Pool } from './makeRandomV3Pool.js';

/** Uniswap V3's fee tiers (pips) with their tick spacings. */
export const V3_FEE_TIERS = [
  { fee: 100, tickSpacing: 1 },
  { fee: 500, tickSpacing: 10 },
  { fee: 3000, tickSpacing: 60 },
  { fee: 10000, tickSpacing: 200 },
] as const;

/**
 * Pools of 40 positions (liquidity up to 1e20 each, over a 1e18 full-range one) within 400 tick
 * spacings of a centre tick drawn from ±`maxCenterTick`, in any fee tier.
 */
export function v3PoolArbitrary(maxCenterTick = 300_000): fc.Arbitrary<V3PoolState> {
  return fc
    .record({
      seed: fc.integer({ min: 1, max: 1e9 }),
      tier: fc.constantFrom(...V3_FEE_TIERS),
      center: fc.integer({ min: -maxCenterTick, max: maxCenterTick }),
    })
    .map(({ seed, tier, center }) =>
      makeRandomV3Pool({
        seed,
        positions: 40,
        fee: tier.fee,
        tickSpacing: tier.tickSpacing,
        centerTick: center,
        widthTicks: 400 * tier.tickSpacing,
        maxLiquidity: 10n ** 20n,
        fullRangeLiquidity: 10n ** 18n,
      }),
    );
}
