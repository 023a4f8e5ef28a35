// The same pools in double precision: the same tick walk and fee, but float arithmetic, ~100×
// cheaper than the exact bigint math. Searches run here first to find where to look; the
// answers are then checked, and if need be searched again, on the exact math.
import type { AmmPool } from '../amm/pool.js';
import type { V3Tick } from '../amm/v3/types.js';

const LOG_SQRT_10001 = Math.log(1.0001) / 2;
const Q96 = 2 ** 96;

type FloatTicks = { sqrtPrice: Float64Array; liquidityNet: Float64Array };
const floatTicksCache = new WeakMap<readonly V3Tick[], FloatTicks>();

function floatTicks(ticks: readonly V3Tick[]): FloatTicks {
  let cached = floatTicksCache.get(ticks);
  if (cached === undefined) {
    cached = {
      sqrtPrice: Float64Array.from(ticks, (t) => Math.exp(t.index * LOG_SQRT_10001)),
      liquidityNet: Float64Array.from(ticks, (t) => Number(t.liquidityNet)),
    };
    floatTicksCache.set(ticks, cached);
  }
  return cached;
}

/** A pool's state in floats: sqrt price (token1 per token0, unscaled), active liquidity, and the index of the first tick above the price. */
type FloatState = { sqrtPrice: number; liquidity: number; above: number };

/** Float sandwich simulator for one pool and direction: victim output and searcher gross profit at a front-run size. */
export type FloatSandwichModel = {
  /** Victim's output (buy units) behind a front-run of `x` sell units; 0 if the pool's range runs out. */
  victimOut(x: number): number;
  /** Searcher's gross profit (sell units) of a front-run of `x`; −Infinity if the pool's range runs out. */
  grossProfit(x: number): number;
  /**
   * Front-run sizes (sell units, ascending, up to `maxX`, at most `maxCount`) that take the price exactly to an
   * initialized tick: where liquidity changes, the profit curve has kinks and can jump, so a
   * search must look there as well as on a smooth grid. Empty for V2.
   */
  frontRunBoundaries(maxX: number, maxCount: number): number[];
};

/** Builds the float model of sandwiching a `victimAmountIn` swap on `pool` in direction `zeroForOne`. */
export function floatSandwichModel(
  pool: AmmPool,
  zeroForOne: boolean,
  victimAmountIn: bigint,
): FloatSandwichModel {
  const victimIn = Number(victimAmountIn);
  if (pool.kind === 'uniswap-v2') {
    const gamma = 1 - pool.state.fee / 1e6;
    const r0 = Number(zeroForOne ? pool.state.reserve0 : pool.state.reserve1);
    const r1 = Number(zeroForOne ? pool.state.reserve1 : pool.state.reserve0);
    const out = (amountIn: number, rIn: number, rOut: number) =>
      (amountIn * gamma * rOut) / (rIn + amountIn * gamma);
    return {
      victimOut(x) {
        const f = out(x, r0, r1);
        return out(victimIn, r0 + x, r1 - f);
      },
      grossProfit(x) {
        const f = out(x, r0, r1);
        const v = out(victimIn, r0 + x, r1 - f);
        return out(f, r1 - f - v, r0 + x + victimIn) - x;
      },
      frontRunBoundaries: () => [],
    };
  }
  const { state } = pool;
  const ticks = floatTicks(state.ticks);
  const n = state.ticks.length;
  const gamma = 1 - state.fee / 1e6;
  let above = 0;
  while (above < n && state.ticks[above]!.index <= state.tick) above++;
  const start: FloatState = {
    sqrtPrice: Number(state.sqrtPriceX96) / Q96,
    liquidity: Number(state.liquidity),
    above,
  };
  const scratch: FloatState = { sqrtPrice: 0, liquidity: 0, above: 0 };

  // Swaps `amountIn` from `s` (mutated in place); returns the output, or −1 if the range runs out.
  const swap = (s: FloatState, down: boolean, amountIn: number): number => {
    let remaining = amountIn * gamma;
    let out = 0;
    let { sqrtPrice: p, liquidity: L, above: i } = s;
    for (;;) {
      if (down) {
        if (i - 1 < 0) return -1;
        const b = ticks.sqrtPrice[i - 1]!;
        const need = L > 0 ? L * (1 / b - 1 / p) : 0;
        if (remaining < need) {
          const next = 1 / (1 / p + remaining / L);
          out += L * (p - next);
          p = next;
          break;
        }
        remaining -= need;
        out += L * (p - b);
        p = b;
        L -= ticks.liquidityNet[i - 1]!;
        i--;
      } else {
        if (i >= n) return -1;
        const b = ticks.sqrtPrice[i]!;
        const need = L > 0 ? L * (b - p) : 0;
        if (remaining < need) {
          const next = p + remaining / L;
          out += L * (1 / p - 1 / next);
          p = next;
          break;
        }
        remaining -= need;
        out += L * (1 / p - 1 / b);
        p = b;
        L += ticks.liquidityNet[i]!;
        i++;
      }
    }
    s.sqrtPrice = p;
    s.liquidity = L;
    s.above = i;
    return out;
  };
  const run = (x: number): { victim: number; profit: number } => {
    scratch.sqrtPrice = start.sqrtPrice;
    scratch.liquidity = start.liquidity;
    scratch.above = start.above;
    const front = x > 0 ? swap(scratch, zeroForOne, x) : 0;
    if (front < 0) return { victim: 0, profit: Number.NEGATIVE_INFINITY };
    const victim = swap(scratch, zeroForOne, victimIn);
    if (victim < 0) return { victim: 0, profit: Number.NEGATIVE_INFINITY };
    const back = x > 0 ? swap(scratch, !zeroForOne, front) : 0;
    return { victim, profit: back < 0 ? Number.NEGATIVE_INFINITY : back - x };
  };
  const frontRunBoundaries = (maxX: number, maxCount: number): number[] => {
    const points: number[] = [];
    let p = start.sqrtPrice;
    let L = start.liquidity;
    let spent = 0;
    for (let i = zeroForOne ? start.above - 1 : start.above; i >= 0 && i < n; i += zeroForOne ? -1 : 1) {
      const b = ticks.sqrtPrice[i]!;
      spent += (L > 0 ? (zeroForOne ? L * (1 / b - 1 / p) : L * (b - p)) : 0) / gamma;
      if (spent > maxX || points.length >= maxCount) break;
      points.push(spent);
      L += zeroForOne ? -ticks.liquidityNet[i]! : ticks.liquidityNet[i]!;
      p = b;
    }
    return points;
  };
  return {
    victimOut: (x) => run(x).victim,
    grossProfit: (x) => run(x).profit,
    frontRunBoundaries,
  };
}

/**
 * The boundary of `{x : test(x)}` between lo (test false) and hi (test true), to `relativeTolerance`
 * of hi, by regula falsi with the Illinois fix on the signed `value` (test(x) ⇔ value(x) > 0):
 * a few evaluations instead of a bisection's dozens on these smooth float curves. Returns [lo, hi].
 */
export function floatBoundary(
  value: (x: number) => number,
  lo: number,
  hi: number,
  relativeTolerance: number,
): [number, number] {
  let vLo = value(lo);
  let vHi = value(hi);
  let side = 0;
  for (let i = 0; i < 100 && hi - lo > hi * relativeTolerance; i++) {
    let x = lo + ((hi - lo) * vLo) / (vLo - vHi);
    // Stay strictly inside and away from the ends so that every step shrinks the bracket.
    if (!(x > lo + (hi - lo) * 0.001 && x < hi - (hi - lo) * 0.001)) x = (lo + hi) / 2;
    const v = value(x);
    if (v > 0) {
      hi = x;
      vHi = v;
      if (side === 1) vLo /= 2;
      side = 1;
    } else {
      lo = x;
      vLo = v;
      if (side === -1) vHi /= 2;
      side = -1;
    }
  }
  return [lo, hi];
}
