import { normalCdf, normalCdfGivenExp, normalPdf, ONE_OVER_SQRT_TWO_PI } from '@hedge-router/router';

// The standard normal CDF N(x) and density n(x) for the backtester's per-step deltas, without
// an exp or a division: [−8, 8] is cut into 256 intervals of width 1/16, and on each, N is its
// degree-9 Taylor polynomial about the interval's centre c, with the exact derivatives
// N^(k)(c) = (−1)^(k−1)·He_(k−1)(c)·n(c) (He the probabilists' Hermite polynomials) from the
// router's accurate normalCdf/normalPdf at c; the density is the same polynomial's derivative.
// Truncation at |x − c| ≤ 1/32 is ≤ (1/32)^9/9!·max|n·He_9| ≈ 1e-17 for n and smaller for N.
// Outside [−8, 8] (rare: a deep in- or out-of-the-money step) both use the router's kernel
// formula, n = e^(−x²/2)/√(2π) and N = normalCdfGivenExp(x, e^(−x²/2)) as bookDeltaGammaInto
// does: where N rounds to exactly 0 or 1 (a saturated delta, hence a zero trade) the fast loop
// then sees what the generic loop sees, and a deep out-of-the-money delta stays tiny but
// non-zero.
// Measured against the exact formulas (normalCdfTable.test.ts): |error| ≤ 2.3e-16 for N and
// ≤ 1.7e-16 for n, absolute, over the whole real line (rounding level), and ≤ 1e-12 relative
// for N on [−8, 0]. For a hedge that is a delta error of 2.3e-16 of the position's size (~1e-12
// of a cent on a 100-option book at 3,000 USD), far below anything the backtest reports. The
// valuations (the book's value at t = 0 and at the horizon) and the whole generic loop keep the
// router's exact kernels.

const X_MAX = 8;
const PER_UNIT = 16;
const INTERVALS = 2 * X_MAX * PER_UNIT; // 256: a power of two (see the index mask)
const STEP = 1 / PER_UNIT;
const DEGREE = 9;
// Per interval: a0..a9, N's coefficients (n's are k·a_k: 20 KB in all, so the table stays in L1).
const STRIDE = DEGREE + 1;
const coefficients = new Float64Array(INTERVALS * STRIDE);
{
  const hermite = new Float64Array(DEGREE);
  for (let i = 0; i < INTERVALS; i++) {
    const c = (i + 0.5) / PER_UNIT - X_MAX;
    const pdf = normalPdf(c);
    hermite[0] = 1;
    hermite[1] = c;
    for (let m = 1; m < DEGREE - 1; m++) hermite[m + 1] = c * hermite[m]! - m * hermite[m - 1]!;
    const base = i * STRIDE;
    coefficients[base] = normalCdf(c);
    let factorial = 1;
    for (let k = 1; k <= DEGREE; k++) {
      factorial *= k;
      const sign = k % 2 === 1 ? 1 : -1;
      const a = (sign * hermite[k - 1]! * pdf) / factorial;
      coefficients[base + k] = a;
    }
  }
}

// Both polynomials are evaluated by Estrin's scheme (pairs, then powers t², t⁴, t⁸) rather
// than Horner's: the same rounding level here (|t| ≤ 1/32, so the terms fall off fast), but a
// dependency chain of 4 multiply-adds instead of 9.
// The loop's entry points take and fill arrays, a block of paths per call: a double passed to
// or returned from a call the compiler does not inline is boxed in a fresh heap number, which
// at one per path-step kept the young-generation collector busy.

/** N(x), within 2.3e-16 absolute of the exact normal CDF (see the bounds above). */
export function normalCdfFast(x: number): number {
  if (!(x > -X_MAX && x < X_MAX)) return normalCdfGivenExp(x, Math.exp(-0.5 * x * x));
  // x + X_MAX is in (0, 16) here, so truncation is floor; the mask (a no-op on 0..255) tells
  // the compiler the index is small, which drops its overflow checks. The centre (i + ½)/16 − 8
  // is exact.
  const i = ((x + X_MAX) * PER_UNIT) & (INTERVALS - 1);
  const t = x - ((i + 0.5) * STEP - X_MAX);
  const b = i * STRIDE;
  const c = coefficients;
  const t2 = t * t;
  const t4 = t2 * t2;
  return (
    c[b]! +
    t * c[b + 1]! +
    t2 * (c[b + 2]! + t * c[b + 3]!) +
    t4 * (c[b + 4]! + t * c[b + 5]! + t2 * (c[b + 6]! + t * c[b + 7]!) + t4 * (c[b + 8]! + t * c[b + 9]!))
  );
}

/**
 * cdf[k] = N(x[k] − shift) for k < count, the same numbers as `normalCdfFast` (its body is
 * repeated here rather than called: an un-inlined call would box every argument and result).
 */
export function normalCdfInto(x: Float64Array, shift: number, count: number, cdf: Float64Array): void {
  const c = coefficients;
  for (let k = 0; k < count; k++) {
    const xk = x[k]! - shift;
    if (!(xk > -X_MAX && xk < X_MAX)) {
      cdf[k] = normalCdfGivenExp(xk, Math.exp(-0.5 * xk * xk));
      continue;
    }
    const i = ((xk + X_MAX) * PER_UNIT) & (INTERVALS - 1);
    const t = xk - ((i + 0.5) * STEP - X_MAX);
    const b = i * STRIDE;
    const t2 = t * t;
    const t4 = t2 * t2;
    cdf[k] =
      c[b]! +
      t * c[b + 1]! +
      t2 * (c[b + 2]! + t * c[b + 3]!) +
      t4 * (c[b + 4]! + t * c[b + 5]! + t2 * (c[b + 6]! + t * c[b + 7]!) + t4 * (c[b + 8]! + t * c[b + 9]!));
  }
}

/**
 * cdf[k] = N(x[k]) and pdf[k] = n(x[k]) for k < count, one table look-up for both (within the
 * bounds above).
 */
export function normalCdfPdfInto(x: Float64Array, count: number, cdf: Float64Array, pdf: Float64Array): void {
  const c = coefficients;
  for (let k = 0; k < count; k++) {
    const xk = x[k]!;
    if (!(xk > -X_MAX && xk < X_MAX)) {
      const e = Math.exp(-0.5 * xk * xk);
      cdf[k] = normalCdfGivenExp(xk, e);
      pdf[k] = ONE_OVER_SQRT_TWO_PI * e;
      continue;
    }
    const i = ((xk + X_MAX) * PER_UNIT) & (INTERVALS - 1);
    const t = xk - ((i + 0.5) * STEP - X_MAX);
    const b = i * STRIDE;
    const a1 = c[b + 1]!;
    const a2 = c[b + 2]!;
    const a3 = c[b + 3]!;
    const a4 = c[b + 4]!;
    const a5 = c[b + 5]!;
    const a6 = c[b + 6]!;
    const a7 = c[b + 7]!;
    const a8 = c[b + 8]!;
    const a9 = c[b + 9]!;
    const t2 = t * t;
    const t4 = t2 * t2;
    cdf[k] =
      c[b]! + t * a1 + t2 * (a2 + t * a3) + t4 * (a4 + t * a5 + t2 * (a6 + t * a7) + t4 * (a8 + t * a9));
    pdf[k] =
      a1 +
      t * (2 * a2) +
      t2 * (3 * a3 + t * (4 * a4)) +
      t4 * (5 * a5 + t * (6 * a6) + t2 * (7 * a7 + t * (8 * a8)) + t4 * (9 * a9));
  }
}
