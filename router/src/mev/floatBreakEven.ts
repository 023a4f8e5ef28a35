// The break-even search on the float model: where, if anywhere, a front-run starts to pay.
// Runs once per public quote, so the scan works in two preallocated buffers instead of
// building arrays, and no point is simulated twice.
import type { FloatSandwichModel } from './floatSandwichModel.js';

// The float scan: a log grid of front-run sizes from 2^-20 to 2^6 times the victim's input, plus
// the sizes that end the front-run exactly on one of the next 32 initialized ticks (where the
// profit curve has kinks and can jump), merged in ascending order.
const GRID_STEPS = Array.from({ length: 27 }, (_, i) => 2 ** (-20 + i));
const MAX_BOUNDARIES = 32;
// Scratch for one scan: ≤ 27 grid points + 2 per boundary. Reused: the search never re-enters itself.
const points = new Float64Array(GRID_STEPS.length + 2 * MAX_BOUNDARIES);
const profits = new Float64Array(points.length);

/** Fills `points` with the scan's sizes; returns how many. */
function scanPoints(model: FloatSandwichModel, victimIn: number): number {
  const boundaryCount = model.boundaryCount(victimIn * 2 ** 6, MAX_BOUNDARIES);
  const boundaries = model.boundaries();
  let count = 0;
  let j = 0;
  for (const step of GRID_STEPS) {
    const x = victimIn * step;
    while (j < boundaryCount && boundaries[j]! < x) {
      const b = boundaries[j++]!;
      if (b > 0) {
        points[count++] = b;
        points[count++] = b * (1 + 1e-9);
      }
    }
    points[count++] = x;
  }
  return count;
}

/** The best of the `count` scanned points (profits given), refined by golden section between its neighbours. */
function floatPeak(model: FloatSandwichModel, count: number, result: FloatBreakEven): void {
  let bestIndex = 0;
  for (let i = 1; i < count; i++) if (profits[i]! > profits[bestIndex]!) bestIndex = i;
  let lo = points[Math.max(0, bestIndex - 1)]!;
  let hi = points[Math.min(count - 1, bestIndex + 1)]!;
  const invPhi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 30; i++) {
    const c = hi - (hi - lo) * invPhi;
    const d = lo + (hi - lo) * invPhi;
    model.grossProfitInto(c);
    const profitC = model.value;
    model.grossProfitInto(d);
    if (profitC >= model.value) hi = d;
    else lo = c;
  }
  const refined = (lo + hi) / 2;
  model.grossProfitInto(refined);
  const refinedProfit = model.value;
  if (refinedProfit > profits[bestIndex]!) {
    result.peak = refined;
    result.peakProfit = refinedProfit;
  } else {
    result.peak = points[bestIndex]!;
    result.peakProfit = profits[bestIndex]!;
  }
}

export type FloatBreakEven = {
  /** The smallest profitable front-run (sell units) on the float model, or undefined if none pays. */
  x: number | undefined;
  /** With no x: the most profitable front-run found; with one, the first scan point that pays. */
  peak: number;
  /** The float gross profit at `peak` (sell units). */
  peakProfit: number;
};

/**
 * The float model's smallest profitable front-run after `cost`, or undefined if none: the first
 * scan point that pays, then regula falsi back to the last one that does not. (A window that pays
 * only between two scan points both below cost, away from any tick, is not seen: between ticks
 * the profit curve is smooth and the grid is dense.)
 */
export function floatBreakEven(model: FloatSandwichModel, victimIn: number, cost: number): FloatBreakEven {
  const count = scanPoints(model, victimIn);
  const result: FloatBreakEven = { x: undefined, peak: 0, peakProfit: 0 };
  let previous = 0;
  let first: number | undefined;
  let scanned = 0;
  for (; scanned < count; scanned++) {
    const x = points[scanned]!;
    model.grossProfitInto(x);
    const profit = model.value;
    profits[scanned] = profit;
    if (profit - cost > 0) {
      first = x;
      result.peakProfit = profit;
      break;
    }
    previous = x;
  }
  if (first === undefined) {
    // Refine the peak only where the scan saw a gross profit at all; otherwise no size pays.
    // (Math.max semantics: NaN wins; the peak is then the first point at the maximum.)
    let best = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < count; i++) {
      const p = profits[i]!;
      if (Number.isNaN(p) || Number.isNaN(best)) best = Number.NaN;
      else if (p > best) best = p;
    }
    if (best > 0) floatPeak(model, count, result);
    else {
      let index = -1;
      for (let i = 0; i < count; i++) {
        if (profits[i] === best) {
          index = i;
          break;
        }
      }
      result.peak = points[index]!;
      result.peakProfit = best;
    }
    if (!(result.peakProfit - cost > 0)) return result;
    first = result.peak;
    previous = 0;
    for (let i = count - 1; i >= 0; i--) {
      if (points[i]! < first) {
        previous = points[i]!;
        break;
      }
    }
  }
  // floatBoundary((x) => model.grossProfit(x) − cost, previous, first, 1e-9), without the closure.
  result.x = model.boundaryOf('profit', cost, previous, first, 1e-9);
  result.peak = first;
  return result;
}
