import { inverseNormalCdf } from './inverseNormalCdf.js';
import { normalCdf } from './normalCdf.js';
import { ONE_OVER_SQRT_TWO_PI } from './normalPdf.js';

// Normalised Black (Jäckel's notation): with forward F, strike K, discount D, x = ln(F/K) and
// total standard deviation s = σ√T, a call is worth D√(FK)·b(x, s) with
//   b(x, s) = e^(x/2) N(x/s + s/2) − e^(−x/2) N(x/s − s/2).
// Puts and in-the-money options reduce to an out-of-the-money call (x ≤ 0) by put-call parity
// and the symmetry b_put(x) = b_call(−x), so the solver below only ever sees x ≤ 0.

const EPSILON = Number.EPSILON;
const MAX_ITERATIONS = 64;

/** b(x, s) for an out-of-the-money call (x ≤ 0, s > 0); relative accuracy ~1e-15·|x|/s². */
export function normalisedCall(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return Math.exp(0.5 * x) * normalCdf(h + t) - Math.exp(-0.5 * x) * normalCdf(h - t);
}

/** e^(x/2) − b(x, s) for x ≤ 0, summed without cancellation (the "distance to the cap"). */
function normalisedCallComplement(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return Math.exp(0.5 * x) * normalCdf(-h - t) + Math.exp(-0.5 * x) * normalCdf(h - t);
}

/** Small-s start: invert ln b ≈ −x²/(2s²) − s²/8 − ½ln 2π + 3 ln s − 2 ln|x| (Mills ratio). */
function lowerGuess(beta: number, x: number): number {
  const absX = -x;
  const lnBeta = Math.log(beta);
  let s = absX / Math.sqrt(-2 * lnBeta);
  for (let i = 0; i < 3; i++) {
    const r = -lnBeta - 0.125 * s * s - 0.9189385332046728 + 3 * Math.log(s) - 2 * Math.log(absX);
    if (!(r > 0)) break;
    s = absX / Math.sqrt(2 * r);
  }
  return s;
}

/** Large-s start: e^(x/2) − b ≈ (e^(x/2) + e^(−x/2)) N(−s/2), exact at x = 0. */
function upperGuess(beta: number, x: number): number {
  const cap = Math.exp(0.5 * x);
  const p = (cap - beta) / (cap + 1 / cap);
  return p > 0 && p < 0.5 ? -2 * inverseNormalCdf(p) : Number.NaN;
}

/**
 * Solves b(x, s) = beta for s, given x ≤ 0 and 0 < beta < e^(x/2). Safeguarded Householder
 * iteration of order 3 on a transformed objective: ln b − ln beta below the inflection point
 * s_c = √(2|x|) (where b is exponentially flat and plain Newton crawls), and
 * ln(e^(x/2) − b) − ln(e^(x/2) − beta) above it (where b saturates). Both objectives are
 * nearly linear in s in their regions, so 2-4 iterations from the asymptotic starts reach
 * machine precision; every iterate also tightens a bracket, and any step leaving it is
 * replaced by bisection, so it cannot diverge. Returns s (not annualised).
 */
export function solveNormalisedVol(beta: number, x: number): number {
  const cap = Math.exp(0.5 * x);
  const sc = Math.sqrt(-2 * x);
  const lower = sc > 0 && beta < normalisedCall(x, sc);
  let lo = lower ? 0 : sc;
  let hi = lower ? sc : Number.POSITIVE_INFINITY;
  let s = lower ? lowerGuess(beta, x) : upperGuess(beta, x);
  if (!(s > lo && s < hi)) s = lower ? 0.5 * sc : Math.max(2 * sc, 1);
  const lnTarget = lower ? Math.log(beta) : Math.log(cap - beta);
  const x2 = x * x;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const h = x / s;
    const t = 0.5 * s;
    const vega = ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * (h * h + t * t));
    // b''/b' and b'''/b' (derivatives of b in s).
    const r2 = x2 / (s * s * s) - 0.25 * s;
    const r3 = r2 * r2 - (3 * x2) / (s * s * s * s) - 0.25;
    let g: number;
    let g1: number;
    let g2: number;
    let g3: number;
    if (lower) {
      const b = normalisedCall(x, s);
      if (!(b > 0)) {
        // b underflowed: s is far too small.
        lo = s;
        s = 0.5 * (lo + hi);
        continue;
      }
      g = Math.log(b) - lnTarget;
      if (g < 0) lo = s;
      else hi = s;
      const q = vega / b;
      g1 = q;
      g2 = q * r2 - q * q;
      g3 = q * r3 - 3 * q * q * r2 + 2 * q * q * q;
    } else {
      const c = normalisedCallComplement(x, s);
      if (!(c > 0)) {
        hi = s;
        s = 0.5 * (lo + hi);
        continue;
      }
      g = Math.log(c) - lnTarget;
      if (g > 0) lo = s;
      else hi = s;
      const q = -vega / c;
      g1 = q;
      g2 = q * r2 - q * q;
      g3 = q * r3 - 3 * q * q * r2 + 2 * q * q * q;
    }
    if (g === 0) return s;
    const nu = -g / g1;
    const h2 = g2 / g1;
    const h3 = g3 / g1;
    const step = (nu * (1 + 0.5 * h2 * nu)) / (1 + nu * (h2 + (h3 * nu) / 6));
    // A step at the rounding level is convergence, whichever side of the bracket noise put it.
    if (Math.abs(step) <= 4 * EPSILON * s) return s + step;
    let next = s + step;
    if (!(next > lo && next < hi)) next = hi === Number.POSITIVE_INFINITY ? 2 * s : 0.5 * (lo + hi);
    s = next;
    if (hi - lo <= 4 * EPSILON * hi) return s;
  }
  return s;
}
