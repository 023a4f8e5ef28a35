// The same pools in double precision: the same tick walk and fee, but float arithmetic, ~100×
// cheaper than the exact bigint math. Searches run here first to find where to look; the
// answers are then checked, and if need be searched again, on the exact math.
//
// Hot path of every public quote (hundreds of float sandwiches per route decision), so it is
// written to allocate nothing per evaluation: what depends only on the pool (tick prices, the
// starting state, the front-run sizes that end on ticks) is built once per pool object and
// reused by every victim size; a swap walks mutable fields instead of returning objects. The
// arithmetic is the original's, operation for operation, so every search lands on the same
// numbers (a precomputed 1/b is the same double as 1/b computed in the loop).

import { objectCache } from '../amm/objectCache.js';
import type { AmmPool } from '../amm/pool.js';
import type { V3Tick } from '../amm/v3/types.js';

const LOG_SQRT_10001 = Math.log(1.0001) / 2;
const Q96 = 2 ** 96;
/** Front-run sizes ending on a tick are kept per pool and direction up to this many (callers ask for ≤ 32). */
const CACHED_BOUNDARIES = 64;

/** Tick tables are filled this many ticks at a time, outward from where swaps first ask. */
const TICK_CHUNK = 16;

/**
 * A ticks array in floats, shared by every pool state that shares the array (the chain reader
 * keeps it across blocks without a Mint or Burn). Filled lazily over the contiguous index range
 * [lo, hi) that swaps have reached: a decision touches a few dozen ticks around the price, and a
 * new array (a new read) used to cost an exp and a bigint conversion for every tick up front.
 * Each entry is computed by the same expression whenever it is filled, so values do not depend
 * on the order swaps reach them.
 */
class FloatTicks {
  readonly sqrtPrice: Float64Array;
  readonly invSqrtPrice: Float64Array;
  readonly liquidityNet: Float64Array;
  /** Filled indices: [lo, hi); empty (lo = hi = 0) until the first fill. */
  lo = 0;
  hi = 0;

  constructor(private readonly ticks: readonly V3Tick[]) {
    const n = ticks.length;
    this.sqrtPrice = new Float64Array(n);
    this.invSqrtPrice = new Float64Array(n);
    this.liquidityNet = new Float64Array(n);
  }

  /** Makes index `i` (0 ≤ i < n) readable, filling a chunk from the filled range toward it. */
  fill(i: number): void {
    const n = this.ticks.length;
    if (this.lo === this.hi) {
      // First fill: a chunk on each side of i, as swaps go both ways from the price.
      this.lo = Math.max(0, i - TICK_CHUNK);
      this.hi = Math.min(n, i + TICK_CHUNK);
      this.compute(this.lo, this.hi);
    } else if (i < this.lo) {
      const from = Math.max(0, Math.min(i, this.lo - TICK_CHUNK));
      this.compute(from, this.lo);
      this.lo = from;
    } else if (i >= this.hi) {
      const to = Math.min(n, Math.max(i + 1, this.hi + TICK_CHUNK));
      this.compute(this.hi, to);
      this.hi = to;
    }
  }

  private compute(from: number, to: number): void {
    const { ticks, sqrtPrice, invSqrtPrice, liquidityNet } = this;
    for (let i = from; i < to; i++) {
      const t = ticks[i]!;
      const b = Math.exp(t.index * LOG_SQRT_10001);
      sqrtPrice[i] = b;
      invSqrtPrice[i] = 1 / b;
      liquidityNet[i] = Number(t.liquidityNet);
    }
  }
}
// On the array itself, not in a WeakMap: see objectCache (a WeakMap entry outlives a scavenge).
const floatTicksCache = objectCache<readonly V3Tick[], FloatTicks>('floatTicks');

function floatTicks(ticks: readonly V3Tick[]): FloatTicks {
  let cached = floatTicksCache.get(ticks);
  if (cached === undefined) {
    cached = new FloatTicks(ticks);
    floatTicksCache.set(ticks, cached);
  }
  return cached;
}

/** Test hook: fills the whole float table of `ticks` up front, as it was built before it was lazy. */
export function fillAllFloatTicks(ticks: readonly V3Tick[]): void {
  const t = floatTicks(ticks);
  if (ticks.length > 0) {
    t.fill(0);
    t.fill(ticks.length - 1);
  }
}

/** Test hook: the filled index range [lo, hi) of the float table of `ticks` (undefined if none). */
export function floatTicksFilledRange(ticks: readonly V3Tick[]): [number, number] | undefined {
  const t = floatTicksCache.get(ticks);
  return t === undefined ? undefined : [t.lo, t.hi];
}

/** Float sandwich simulator for one pool and direction: victim output and searcher gross profit at a front-run size. */
export type FloatSandwichModel = {
  /** Victim's output (buy units) behind a front-run of `x` sell units; 0 if the pool's range runs out. */
  victimOut(x: number): number;
  /** Searcher's gross profit (sell units) of a front-run of `x`; −Infinity if the pool's range runs out. */
  grossProfit(x: number): number;
  /**
   * How many front-run sizes take the price exactly to an initialized tick, up to `maxX` sell units
   * and at most `maxCount` (≤ 64): where liquidity changes, the profit curve has kinks and can
   * jump, so a search must look there as well as on a smooth grid. 0 for V2.
   */
  boundaryCount(maxX: number, maxCount: number): number;
  /** The k-th such size (ascending), for k < boundaryCount(…). */
  boundary(k: number): number;
  /** All such sizes (ascending; read the first boundaryCount(…)): an array, so a scan reads doubles without boxing them. */
  boundaries(): Float64Array;
  /**
   * The boundary of `{x : value(x) > 0}` between lo and hi as floatBoundary finds it, for
   * value(x) = grossProfit(x) − `offset` (`curve` 'profit') or `offset` − victimOut(x)
   * ('victim'). Same steps as floatBoundary with that function; no closure, no boxed doubles.
   * Returns hi; lo is left in `boundaryLo`.
   */
  boundaryOf(
    curve: 'profit' | 'victim',
    offset: number,
    lo: number,
    hi: number,
    relativeTolerance: number,
  ): number;
  /** The lower end of the last boundaryOf bracket. */
  readonly boundaryLo: number;
  /**
   * grossProfit(x) and victimOut(x) into `value` instead of returned: a scan reads the field,
   * so no double is boxed on the way (a returned one is, when the call is not inlined).
   */
  grossProfitInto(x: number): void;
  victimOutInto(x: number): void;
  readonly value: number;
};

/**
 * One pool in floats, shared by every victim size and both directions: V2 reserves, or V3 tick
 * prices, the starting price, liquidity and the index of the first tick above the price. The
 * swap state (p, L, i) is scratch, overwritten by each simulated sandwich (single-threaded).
 */
class FloatPool {
  readonly v2: boolean;
  readonly gamma: number;
  readonly reserve0: number;
  readonly reserve1: number;
  readonly sqrtPrice: Float64Array;
  readonly invSqrtPrice: Float64Array;
  readonly liquidityNet: Float64Array;
  /** The lazily filled tables behind the three arrays (V3); every index read is filled first. */
  readonly ticks: FloatTicks | undefined;
  readonly n: number;
  readonly startSqrtPrice: number;
  readonly startLiquidity: number;
  readonly startAbove: number;
  /** Cumulative front-run sizes to each next tick, per direction (index 1: zeroForOne), built on first use. */
  readonly boundaries: (Float64Array | undefined)[] = [undefined, undefined];
  p = 0;
  L = 0;
  i = 0;
  /** Output of the last swap (a field, not a return value: a returned double is a heap allocation). */
  out = 0;

  constructor(pool: AmmPool) {
    if (pool.kind === 'uniswap-v2') {
      this.v2 = true;
      this.gamma = 1 - pool.state.fee / 1e6;
      this.reserve0 = Number(pool.state.reserve0);
      this.reserve1 = Number(pool.state.reserve1);
      this.sqrtPrice = this.invSqrtPrice = this.liquidityNet = new Float64Array(0);
      this.ticks = undefined;
      this.n = 0;
      this.startSqrtPrice = this.startLiquidity = this.startAbove = 0;
      return;
    }
    const { state } = pool;
    const ticks = floatTicks(state.ticks);
    this.v2 = false;
    this.gamma = 1 - state.fee / 1e6;
    this.reserve0 = this.reserve1 = 0;
    this.sqrtPrice = ticks.sqrtPrice;
    this.invSqrtPrice = ticks.invSqrtPrice;
    this.liquidityNet = ticks.liquidityNet;
    this.ticks = ticks;
    this.n = state.ticks.length;
    // First tick strictly above the current tick (ticks are sorted).
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (state.ticks[mid]!.index <= state.tick) lo = mid + 1;
      else hi = mid;
    }
    this.startAbove = lo;
    this.startSqrtPrice = Number(state.sqrtPriceX96) / Q96;
    this.startLiquidity = Number(state.liquidity);
  }

  reset(): void {
    this.p = this.startSqrtPrice;
    this.L = this.startLiquidity;
    this.i = this.startAbove;
  }

  /** V3: swaps `amountIn` from the scratch state (moved in place) into `out`; false if the range runs out. */
  swap(down: boolean, amountIn: number): boolean {
    const sqrtPrice = this.sqrtPrice;
    const invSqrtPrice = this.invSqrtPrice;
    const liquidityNet = this.liquidityNet;
    const n = this.n;
    const filled = this.ticks!;
    let remaining = amountIn * this.gamma;
    let out = 0;
    let p = this.p;
    let L = this.L;
    let i = this.i;
    for (;;) {
      if (down) {
        if (i - 1 < 0) return false;
        if (i - 1 < filled.lo || i - 1 >= filled.hi) filled.fill(i - 1);
        const b = sqrtPrice[i - 1]!;
        const need = L > 0 ? L * (invSqrtPrice[i - 1]! - 1 / p) : 0;
        if (remaining < need) {
          const next = 1 / (1 / p + remaining / L);
          out += L * (p - next);
          p = next;
          break;
        }
        remaining -= need;
        out += L * (p - b);
        p = b;
        L -= liquidityNet[i - 1]!;
        i--;
      } else {
        if (i >= n) return false;
        if (i < filled.lo || i >= filled.hi) filled.fill(i);
        const b = sqrtPrice[i]!;
        const need = L > 0 ? L * (b - p) : 0;
        if (remaining < need) {
          const next = p + remaining / L;
          out += L * (1 / p - 1 / next);
          p = next;
          break;
        }
        remaining -= need;
        out += L * (1 / p - invSqrtPrice[i]!);
        p = b;
        L += liquidityNet[i]!;
        i++;
      }
    }
    this.p = p;
    this.L = L;
    this.i = i;
    this.out = out;
    return true;
  }

  /** V2 constant product output with the fee on the input. */
  v2Out(amountIn: number, reserveIn: number, reserveOut: number): number {
    return (amountIn * this.gamma * reserveOut) / (reserveIn + amountIn * this.gamma);
  }

  boundariesFor(zeroForOne: boolean): Float64Array {
    const side = zeroForOne ? 1 : 0;
    let cached = this.boundaries[side];
    if (cached === undefined) {
      const points: number[] = [];
      const { sqrtPrice, liquidityNet, n, gamma } = this;
      const filled = this.ticks!;
      let p = this.startSqrtPrice;
      let L = this.startLiquidity;
      let spent = 0;
      for (
        let i = zeroForOne ? this.startAbove - 1 : this.startAbove;
        i >= 0 && i < n && points.length < CACHED_BOUNDARIES;
        i += zeroForOne ? -1 : 1
      ) {
        if (i < filled.lo || i >= filled.hi) filled.fill(i);
        const b = sqrtPrice[i]!;
        spent += (L > 0 ? (zeroForOne ? L * (1 / b - 1 / p) : L * (b - p)) : 0) / gamma;
        points.push(spent);
        L += zeroForOne ? -liquidityNet[i]! : liquidityNet[i]!;
        p = b;
      }
      cached = Float64Array.from(points);
      this.boundaries[side] = cached;
    }
    return cached;
  }
}

const floatPools = objectCache<AmmPool, FloatPool>('floatPool');

function floatPool(pool: AmmPool): FloatPool {
  let cached = floatPools.get(pool);
  if (cached === undefined) {
    cached = new FloatPool(pool);
    floatPools.set(pool, cached);
  }
  return cached;
}

/** The float model of sandwiching one victim size in one direction on a (shared) FloatPool. */
class FloatSandwich implements FloatSandwichModel {
  // The last two sizes asked and their answers, per curve: the searches ask again for points
  // they have just scanned (a bracket's ends, a golden-section point that lands on the previous
  // one), and each answer is a pure function of the size. Only sizes > 0 (no −0 subtleties).
  private profitX0 = Number.NaN;
  private profitX1 = Number.NaN;
  private profit0 = 0;
  private profit1 = 0;
  private victimX0 = Number.NaN;
  private victimX1 = Number.NaN;
  private victim0 = 0;
  private victim1 = 0;
  /**
   * The simulations write their answer here rather than return it: a double returned from a
   * call the compiler does not inline is a fresh heap number, hundreds per route decision.
   */
  value = 0;
  boundaryLo = 0;

  constructor(
    private readonly pool: FloatPool,
    private readonly zeroForOne: boolean,
    private readonly victimIn: number,
  ) {}

  victimOut(x: number): number {
    this.victimOutInto(x);
    return this.value;
  }

  grossProfit(x: number): number {
    this.grossProfitInto(x);
    return this.value;
  }

  /** victimOut(x) into `value`, from the memo when x was just asked. */
  victimOutInto(x: number): void {
    if (!(x > 0)) {
      this.simulateVictimOut(x);
      return;
    }
    if (x === this.victimX0) {
      this.value = this.victim0;
      return;
    }
    if (x === this.victimX1) {
      this.value = this.victim1;
      return;
    }
    this.simulateVictimOut(x);
    this.victimX1 = this.victimX0;
    this.victim1 = this.victim0;
    this.victimX0 = x;
    this.victim0 = this.value;
  }

  /** grossProfit(x) into `value`, from the memo when x was just asked. */
  grossProfitInto(x: number): void {
    if (!(x > 0)) {
      this.simulateGrossProfit(x);
      return;
    }
    if (x === this.profitX0) {
      this.value = this.profit0;
      return;
    }
    if (x === this.profitX1) {
      this.value = this.profit1;
      return;
    }
    this.simulateGrossProfit(x);
    this.profitX1 = this.profitX0;
    this.profit1 = this.profit0;
    this.profitX0 = x;
    this.profit0 = this.value;
  }

  private simulateVictimOut(x: number): void {
    const { pool, victimIn } = this;
    if (pool.v2) {
      const r0 = this.zeroForOne ? pool.reserve0 : pool.reserve1;
      const r1 = this.zeroForOne ? pool.reserve1 : pool.reserve0;
      this.value = pool.v2Out(victimIn, r0 + x, r1 - pool.v2Out(x, r0, r1));
      return;
    }
    pool.reset();
    if (x > 0 && !pool.swap(this.zeroForOne, x)) this.value = 0;
    else this.value = pool.swap(this.zeroForOne, victimIn) ? pool.out : 0;
  }

  private simulateGrossProfit(x: number): void {
    const { pool, victimIn } = this;
    if (pool.v2) {
      const r0 = this.zeroForOne ? pool.reserve0 : pool.reserve1;
      const r1 = this.zeroForOne ? pool.reserve1 : pool.reserve0;
      const f = pool.v2Out(x, r0, r1);
      const v = pool.v2Out(victimIn, r0 + x, r1 - f);
      this.value = pool.v2Out(f, r1 - f - v, r0 + x + victimIn) - x;
      return;
    }
    pool.reset();
    let front = 0;
    if (x > 0) {
      if (!pool.swap(this.zeroForOne, x)) {
        this.value = Number.NEGATIVE_INFINITY;
        return;
      }
      front = pool.out;
    }
    if (!pool.swap(this.zeroForOne, victimIn)) this.value = Number.NEGATIVE_INFINITY;
    else if (x <= 0) this.value = 0 - x;
    else this.value = pool.swap(!this.zeroForOne, front) ? pool.out - x : Number.NEGATIVE_INFINITY;
  }

  boundaryCount(maxX: number, maxCount: number): number {
    if (this.pool.v2) return 0;
    const all = this.pool.boundariesFor(this.zeroForOne);
    const limit = Math.min(maxCount, all.length);
    let k = 0;
    while (k < limit && !(all[k]! > maxX)) k++;
    return k;
  }

  boundary(k: number): number {
    return this.boundaries()[k]!;
  }

  boundaries(): Float64Array {
    return this.pool.v2 ? NO_BOUNDARIES : this.pool.boundariesFor(this.zeroForOne);
  }

  /** The signed value boundaryOf brackets, into `value` (grossProfit − offset, or offset − victimOut). */
  private curveInto(profitCurve: boolean, offset: number, x: number): void {
    if (profitCurve) {
      this.grossProfitInto(x);
      this.value = this.value - offset;
    } else {
      this.victimOutInto(x);
      this.value = offset - this.value;
    }
  }

  boundaryOf(
    curve: 'profit' | 'victim',
    offset: number,
    lo: number,
    hi: number,
    relativeTolerance: number,
  ): number {
    // floatBoundary's loop, statement for statement, with value(x) evaluated through the field.
    const profitCurve = curve === 'profit';
    this.curveInto(profitCurve, offset, lo);
    let vLo = this.value;
    this.curveInto(profitCurve, offset, hi);
    let vHi = this.value;
    let side = 0;
    for (let i = 0; i < 100 && hi - lo > hi * relativeTolerance; i++) {
      let x = lo + ((hi - lo) * vLo) / (vLo - vHi);
      if (!(x > lo + (hi - lo) * 0.001 && x < hi - (hi - lo) * 0.001)) x = (lo + hi) / 2;
      this.curveInto(profitCurve, offset, x);
      const v = this.value;
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
    this.boundaryLo = lo;
    return hi;
  }
}

const NO_BOUNDARIES = new Float64Array(0);

/** Builds the float model of sandwiching a `victimAmountIn` swap on `pool` in direction `zeroForOne`. */
export function floatSandwichModel(
  pool: AmmPool,
  zeroForOne: boolean,
  victimAmountIn: bigint,
): FloatSandwichModel {
  return new FloatSandwich(floatPool(pool), zeroForOne, Number(victimAmountIn));
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
