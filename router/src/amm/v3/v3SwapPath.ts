// The tick-to-tick steps of exact-input swaps from one pool state, computed once and shared by
// every swap that walks through them (a route decision swaps dozens of sizes from one state,
// and a sandwich's victim swap walks the same ranges as the front-run before it).
//
// Why a swap can skip them: a full step (one that reaches its tick boundary) takes the same
// input, output and fee whatever input is left, and leaves the same state behind. Step i is
// taken in full exactly when the input left is ≥ its input plus fee, m_i:
// floor(R·(1e6 − fee)/1e6) ≥ in_i ⇔ R ≥ ceil(in_i·1e6/(1e6 − fee)) = in_i + ceil(in_i·fee/(1e6 − fee)),
// and the right-hand side is the step's input plus the fee computeSwapStep charges for it. So
// with `used` the running sum of the m_i, a swap of A from a recorded state takes every step up
// to the first checkpoint whose `used` reaches A, and the table hands over the state there; the
// ordinary loop then does the last, partial step. Every entry is the walk's own state after a
// step of the ordinary loop (stepV3SwapWalk), so results are bit-identical by construction.
import { objectCache } from '../objectCache.js';
import { MAX_INT256, MAX_SQRT_RATIO, MIN_SQRT_RATIO } from './constants.js';
import type { V3PoolState, V3Tick } from './types.js';
import { startV3SwapWalk, stepV3SwapWalk, type V3SwapWalk } from './v3SwapWalk.js';

/** takeRecordedStep's answers. */
export const NO_STEP = 0;
export const TOOK_STEP = 1;
export const NEXT_IS_PARTIAL = 2;

/** The table is built with this much input "left": an int256 swap can never need more. */
const SENTINEL = MAX_INT256;
/** At most this many steps per direction are recorded (a walk past them steps as usual). */
const MAX_CHECKPOINTS = 2048;

/**
 * Checkpoints of the exact-input walk in one direction from `root`, with no price limit, built
 * lazily as far as swaps need. Checkpoint k is the walk's state after k full steps; `used[k]` is
 * the input (fee included) those steps take, in input-token base units.
 */
export class V3SwapPath {
  readonly used: bigint[] = [0n];
  readonly calculated: bigint[] = [0n];
  readonly feeTotal: bigint[] = [0n];
  readonly sqrtPriceX96: bigint[];
  readonly tick: number[];
  readonly liquidity: bigint[];
  readonly cursor: number[];
  readonly crossed: number[] = [0];
  private readonly limit: bigint;
  private readonly feePips: bigint;
  private readonly builder: V3SwapWalk;
  /** No checkpoint follows the last one: the limit was reached, a step failed, or the cap. */
  private ended = false;
  constructor(
    readonly root: V3PoolState,
    readonly zeroForOne: boolean,
    /**
     * Full steps from boundary states off the table, by the tick of the state they start from:
     * walks that never meet a checkpoint (a back-run coming down through ranges a front-run went
     * up) still cross the same boundaries, each in the same state, again and again. Shared by
     * every root on the same ticks array, fee and spacing (see registry): a step depends only on
     * its start state, which every lookup compares in full.
     */
    readonly steps: Map<number, RecordedStep> = new Map(),
  ) {
    this.limit = zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n;
    this.feePips = BigInt(root.fee);
    this.builder = startV3SwapWalk(root, zeroForOne, SENTINEL);
    this.sqrtPriceX96 = [root.sqrtPriceX96];
    this.tick = [root.tick];
    this.liquidity = [root.liquidity];
    this.cursor = [this.builder.cursor];
  }

  /** Whether a walk on `pool` (exact input, no price limit, this direction) may use this table. */
  serves(pool: V3PoolState): boolean {
    return (
      pool.ticks === this.root.ticks &&
      pool.fee === this.root.fee &&
      pool.tickSpacing === this.root.tickSpacing
    );
  }

  /**
   * Records full steps until one reaches `used` ≥ `total` or the table ends. A step some earlier
   * root on these ticks already took from the very same state is taken from `steps` (a new block
   * that leaves the ticks alone changes the first, partial range; the ranges beyond are crossed
   * in the same states); a step computed here is recorded there for the next root.
   */
  private extendTo(total: bigint): void {
    const w = this.builder;
    while (!this.ended && this.used[this.used.length - 1]! < total) {
      if (w.sqrtPriceX96 === this.limit || this.used.length >= MAX_CHECKPOINTS) {
        this.ended = true;
        return;
      }
      if (this.takeRecordedStep(w) !== TOOK_STEP) {
        const before = {
          sqrtPriceX96: w.sqrtPriceX96,
          tick: w.tick,
          liquidity: w.liquidity,
          cursor: w.cursor,
          crossed: w.crossed,
        };
        const { remaining, calculated, feeTotal } = w;
        let onBoundary: boolean;
        try {
          onBoundary = stepV3SwapWalk(this.root, w, this.zeroForOne, true, this.feePips, this.limit);
        } catch {
          // A swap reaching this step throws from its own loop, exactly as without the table.
          this.ended = true;
          return;
        }
        if (onBoundary && w.remaining !== 0n) {
          this.recordStep(
            before,
            remaining - w.remaining,
            w.calculated - calculated,
            w.feeTotal - feeTotal,
            w,
          );
        }
      }
      // A partial step even with the sentinel left: not a checkpoint (never happens in practice).
      if (w.remaining === 0n) {
        this.ended = true;
        return;
      }
      this.used.push(SENTINEL - w.remaining);
      this.calculated.push(w.calculated);
      this.feeTotal.push(w.feeTotal);
      this.sqrtPriceX96.push(w.sqrtPriceX96);
      this.tick.push(w.tick);
      this.liquidity.push(w.liquidity);
      this.cursor.push(w.cursor);
      this.crossed.push(w.crossed);
    }
  }

  /** The checkpoint whose state is exactly the walk's (price, tick, liquidity, cursor), or −1. */
  indexOf(w: V3SwapWalk): number {
    const prices = this.sqrtPriceX96;
    const price = w.sqrtPriceX96;
    const down = this.zeroForOne;
    // Prices only move one way along the table: find the first at or past the walk's price.
    let lo = 0;
    let hi = prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (down ? prices[mid]! > price : prices[mid]! < price) lo = mid + 1;
      else hi = mid;
    }
    // A zero-length step (a state left exactly on a boundary) repeats a price: check each.
    for (let k = lo; k < prices.length && prices[k] === price; k++) {
      if (this.tick[k] === w.tick && this.cursor[k] === w.cursor && this.liquidity[k] === w.liquidity)
        return k;
    }
    return -1;
  }

  /**
   * If a full step from exactly the walk's state was recorded and the walk has the input to take
   * it in full, applies it and returns TOOK_STEP; if the walk has less, returns NEXT_IS_PARTIAL
   * (the loop's next step stops short of its boundary); otherwise NO_STEP.
   */
  takeRecordedStep(w: V3SwapWalk): number {
    const step = this.steps.get(w.tick);
    if (
      step === undefined ||
      step.sqrtPriceX96 !== w.sqrtPriceX96 ||
      step.liquidity !== w.liquidity ||
      step.cursor !== w.cursor
    ) {
      return NO_STEP;
    }
    if (w.remaining < step.used) return NEXT_IS_PARTIAL;
    w.remaining -= step.used;
    w.calculated += step.calculated;
    w.feeTotal += step.feeTotal;
    w.crossed += step.crossed;
    const { after } = step;
    w.sqrtPriceX96 = after.sqrtPriceX96;
    w.tick = after.tick;
    w.liquidity = after.liquidity;
    w.cursor = after.cursor;
    return TOOK_STEP;
  }

  /**
   * Records the step the walk just took from `before` (a boundary state) to its next boundary:
   * the walk moved by `used` input, `calculated` and `feeTotal`. Such a step's amounts depend on
   * its start state only (see the top of this file), so any walk in that state repeats it.
   */
  recordStep(
    before: { sqrtPriceX96: bigint; tick: number; liquidity: bigint; cursor: number; crossed: number },
    used: bigint,
    calculated: bigint,
    feeTotal: bigint,
    w: V3SwapWalk,
  ): void {
    if (this.steps.size >= MAX_CHECKPOINTS) return;
    this.steps.set(before.tick, {
      sqrtPriceX96: before.sqrtPriceX96,
      liquidity: before.liquidity,
      cursor: before.cursor,
      used,
      calculated,
      feeTotal,
      crossed: w.crossed - before.crossed,
      after: { sqrtPriceX96: w.sqrtPriceX96, tick: w.tick, liquidity: w.liquidity, cursor: w.cursor },
    });
  }

  /**
   * Moves a walk that sits at checkpoint `from` (exact input, remaining > 0) over every full
   * step its remaining input pays for, as the loop would: to the first checkpoint whose `used`
   * equals what the walk can spend (the loop stops there with nothing left), else to the last
   * one below it (the next step is partial). Returns true when the walk's next step is known
   * to be partial: the table holds that step and the walk has less than it takes.
   */
  advance(w: V3SwapWalk, from: number): boolean {
    const used = this.used;
    const total = used[from]! + w.remaining;
    if (used.length <= from + 1 || used[used.length - 1]! < total) this.extendTo(total);
    if (from + 1 >= used.length) return false; // the table ends here: the loop goes on alone
    if (used[from + 1]! > total) return true;
    let lo = from + 1;
    let hi = used.length; // first index with used ≥ total lies in [lo, hi]
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (used[mid]! < total) lo = mid + 1;
      else hi = mid;
    }
    const to = lo < used.length && used[lo] === total ? lo : lo - 1;
    w.remaining = total - used[to]!;
    w.calculated += this.calculated[to]! - this.calculated[from]!;
    w.feeTotal += this.feeTotal[to]! - this.feeTotal[from]!;
    w.crossed += this.crossed[to]! - this.crossed[from]!;
    w.sqrtPriceX96 = this.sqrtPriceX96[to]!;
    w.tick = this.tick[to]!;
    w.liquidity = this.liquidity[to]!;
    w.cursor = this.cursor[to]!;
    // to = lo − 1 with lo inside the table: used[lo] > total, the step after `to` is partial.
    return to < lo && lo < used.length;
  }
}

/** A full step recorded from one boundary state: what it takes and pays, and the state it leaves. */
type RecordedStep = {
  /** The state it starts from (its tick is the key). */
  readonly sqrtPriceX96: bigint;
  readonly liquidity: bigint;
  readonly cursor: number;
  /** Input plus fee the step takes: the walk takes it in full exactly when it has this much left. */
  readonly used: bigint;
  /** Change of `calculated` (−output) and of the fee total, input- and output-token base units. */
  readonly calculated: bigint;
  readonly feeTotal: bigint;
  readonly crossed: number;
  readonly after: { sqrtPriceX96: bigint; tick: number; liquidity: bigint; cursor: number };
};

type Paths = {
  root: V3PoolState;
  down: V3SwapPath | undefined;
  up: V3SwapPath | undefined;
  /** Full steps by start state per direction, kept across roots with this fee and spacing. */
  stepsDown: Map<number, RecordedStep>;
  stepsUp: Map<number, RecordedStep>;
};
// Keyed by the ticks array, which every state derived from one read of the pool shares (so the
// victim's swap behind a front-run finds the table of the state the front-run started from),
// and which the chain reader keeps across blocks without a Mint or Burn (so a new block's
// state finds the steps the previous one's swaps took).
// On the array itself, not in a WeakMap: see objectCache (Paths holds its root, which holds the
// array, and a WeakMap entry whose value reaches its key survives every scavenge).
const registry = objectCache<readonly V3Tick[], Paths>('v3SwapPaths');

/**
 * Marks `pool` as a state many exact-input swaps will start from (or pass through): swapV3 then
 * keeps a step table from it per direction. One root per ticks array; a new root replaces the
 * old, and keeps its recorded steps by start state when fee and spacing are the same. Pool
 * states must not be mutated after this (they are treated as immutable everywhere).
 */
export function enableV3SwapPath(pool: V3PoolState): void {
  const paths = registry.get(pool.ticks);
  if (paths === undefined || paths.root !== pool) {
    const keep =
      paths !== undefined && paths.root.fee === pool.fee && paths.root.tickSpacing === pool.tickSpacing;
    registry.set(pool.ticks, {
      root: pool,
      down: undefined,
      up: undefined,
      stepsDown: keep ? paths.stepsDown : new Map(),
      stepsUp: keep ? paths.stepsUp : new Map(),
    });
  }
}

/** The step table for walks on `pool` in this direction, if one was enabled for its ticks. */
export function v3SwapPathFor(pool: V3PoolState, zeroForOne: boolean): V3SwapPath | undefined {
  const paths = registry.get(pool.ticks);
  if (paths === undefined) return undefined;
  let path = zeroForOne ? paths.down : paths.up;
  if (path === undefined) {
    path = new V3SwapPath(paths.root, zeroForOne, zeroForOne ? paths.stepsDown : paths.stepsUp);
    if (zeroForOne) paths.down = path;
    else paths.up = path;
  }
  return path.serves(pool) ? path : undefined;
}
