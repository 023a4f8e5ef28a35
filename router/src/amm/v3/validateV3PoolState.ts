import { HedgeRouterError } from '../../errors/index.js';
import { objectCache } from '../objectCache.js';
import {
  FEE_DENOMINATOR_PIPS,
  MAX_SQRT_RATIO,
  MAX_TICK,
  MAX_UINT128,
  MIN_SQRT_RATIO,
  MIN_TICK,
} from './constants.js';
import type { V3PoolState, V3Tick } from './types.js';

const MAX_INT128 = (1n << 127n) - 1n;
const FEE_DENOMINATOR_NUMBER = Number(FEE_DENOMINATOR_PIPS);
const MIN_INT128 = -(1n << 127n);
// Tick arrays are shared by every state derived from one read of the pool, so the O(n) check
// runs once per array, not once per quote.
// A mark on the array itself (see objectCache: it dies with the array in a scavenge).
const validatedTicks = objectCache<readonly V3Tick[], true>('validatedTicks');

function invalid(field: string, shortMessage: string, details: Record<string, unknown> = {}): never {
  throw new HedgeRouterError('INVALID_INPUT', { field: `pool.${field}`, shortMessage, details });
}

/**
 * Checks that a V3 pool state is one the contracts could be in (ranges of every field, ticks
 * sorted, spaced and unique); throws INVALID_INPUT naming the field otherwise. O(1) after the
 * first call for a given `ticks` array.
 */
export function validateV3PoolState(pool: V3PoolState): void {
  const { sqrtPriceX96, tick, liquidity, fee, tickSpacing, ticks } = pool;
  if (typeof sqrtPriceX96 !== 'bigint' || sqrtPriceX96 < MIN_SQRT_RATIO || sqrtPriceX96 >= MAX_SQRT_RATIO) {
    invalid('sqrtPriceX96', 'must be a bigint in [MIN_SQRT_RATIO, MAX_SQRT_RATIO)');
  }
  if (!Number.isInteger(tick) || tick < MIN_TICK || tick > MAX_TICK)
    invalid('tick', 'must be an integer tick');
  if (typeof liquidity !== 'bigint' || liquidity < 0n || liquidity > MAX_UINT128) {
    invalid('liquidity', 'must be a uint128 bigint');
  }
  // Compared as numbers (fee is an integer here): BigInt(fee) would allocate on every swap.
  if (!Number.isInteger(fee) || fee < 0 || fee >= FEE_DENOMINATOR_NUMBER) {
    invalid('fee', 'must be an integer number of pips in [0, 1e6)');
  }
  if (!Number.isInteger(tickSpacing) || tickSpacing <= 0 || tickSpacing > 16384) {
    invalid('tickSpacing', 'must be a positive integer');
  }
  if (!Array.isArray(ticks)) invalid('ticks', 'must be an array');
  if (validatedTicks.get(ticks) === true) return;
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < ticks.length; i++) {
    const t = ticks[i]!;
    if (
      !Number.isInteger(t.index) ||
      t.index < MIN_TICK ||
      t.index > MAX_TICK ||
      t.index % tickSpacing !== 0
    ) {
      invalid(`ticks[${i}].index`, 'must be a multiple of tickSpacing in [MIN_TICK, MAX_TICK]', {
        index: t.index,
      });
    }
    if (t.index <= previous)
      invalid(`ticks[${i}].index`, 'ticks must be sorted ascending without duplicates');
    if (typeof t.liquidityNet !== 'bigint' || t.liquidityNet < MIN_INT128 || t.liquidityNet > MAX_INT128) {
      invalid(`ticks[${i}].liquidityNet`, 'must be an int128 bigint');
    }
    previous = t.index;
  }
  validatedTicks.set(ticks, true);
}
