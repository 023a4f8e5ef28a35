import { erfcxTail } from './erfc.js';
import { normalCdf } from './normalCdf.js';

const SQRT_HALF = Math.SQRT1_2;

/**
 * N(x) for a caller that already holds e = e^(−x²/2) (it needs the normal density anyway):
 * away from 0, N(x) = ½·erfcx(|x|/√2)·e (or 1 minus that), so the CDF costs no second exp.
 * Relative error about x²·1e-16 in the tail (the rounding of x²/2 inside e), which the hot
 * paths (deltas, Greeks) never notice; `normalCdf` is the fully accurate one.
 */
export function normalCdfGivenExp(x: number, e: number): number {
  const y = (x < 0 ? -x : x) * SQRT_HALF;
  if (y <= 0.46875) return normalCdf(x);
  const tail = 0.5 * erfcxTail(y) * e;
  return x < 0 ? tail : 1 - tail;
}
