// Searches over integer amounts on exact (piecewise smooth, rounded) pool maths. Each
// evaluation is several exact swaps, so these aim for few evaluations: regula falsi with the
// Illinois fix for roots, golden section for maxima, both with relative tolerances.

/**
 * Largest x in [lo, hi] with `g(x) ≥ 0`, for g decreasing, given g(lo) ≥ 0 > g(hi). Returns an x
 * with g(x) ≥ 0 that is within max(1, tolerance·x) of the boundary. `g` returns a float (its sign
 * is what matters; its size steers the interpolation).
 */
export function largestNonNegative(
  g: (x: bigint) => number,
  lo: bigint,
  hi: bigint,
  relativeTolerance = 1e-7,
): bigint {
  let gLo = g(lo);
  let gHi = g(hi);
  let side = 0;
  for (let i = 0; i < 200 && hi - lo > 1n; i++) {
    const width = hi - lo;
    if (Number(width) <= Math.max(1, Number(lo) * relativeTolerance)) break;
    // Interpolate where g crosses zero; fall back to the midpoint if that is degenerate.
    let fraction = gLo / (gLo - gHi);
    if (!(fraction > 0 && fraction < 1)) fraction = 0.5;
    // Keep every step inside the bracket and away from its ends, so each one shrinks it.
    fraction = Math.min(0.98, Math.max(0.02, fraction));
    let x = lo + BigInt(Math.floor(Number(width) * fraction));
    if (x <= lo) x = lo + 1n;
    if (x >= hi) x = hi - 1n;
    const gx = g(x);
    if (gx >= 0) {
      lo = x;
      gLo = gx;
      if (side === 1) gHi /= 2; // Illinois: the stale end's value is halved
      side = 1;
    } else {
      hi = x;
      gHi = gx;
      if (side === -1) gLo /= 2;
      side = -1;
    }
  }
  return lo;
}

/**
 * An x in [lo, hi] maximising f, by golden-section search (f assumed unimodal on the interval),
 * to within max(2, tolerance·hi). Returns the best point evaluated and its value.
 */
export function goldenSectionMax(
  f: (x: bigint) => number,
  lo: bigint,
  hi: bigint,
  relativeTolerance = 1e-4,
): { x: bigint; value: number } {
  const invPhi = (Math.sqrt(5) - 1) / 2;
  const at = (a: bigint, b: bigint, t: number) => a + BigInt(Math.floor(Number(b - a) * t));
  let best = { x: lo, value: f(lo) };
  const consider = (x: bigint, value: number) => {
    if (value > best.value || (value === best.value && x < best.x)) best = { x, value };
  };
  const fHi = f(hi);
  consider(hi, fHi);
  let c = at(lo, hi, 1 - invPhi);
  let d = at(lo, hi, invPhi);
  let fc = f(c);
  let fd = f(d);
  consider(c, fc);
  consider(d, fd);
  const tolerance = Math.max(2, Number(hi) * relativeTolerance);
  for (let i = 0; i < 200 && Number(hi - lo) > tolerance; i++) {
    if (fc >= fd) {
      hi = d;
      d = c;
      fd = fc;
      c = at(lo, hi, 1 - invPhi);
      fc = f(c);
      consider(c, fc);
    } else {
      lo = c;
      c = d;
      fc = fd;
      d = at(lo, hi, invPhi);
      fd = f(d);
      consider(d, fd);
    }
  }
  return best;
}
