/** Moments and quantiles of a sample (USD for P&L). */
export type SampleStatistics = {
  mean: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
  /** Standard error of the mean, sd/√n. */
  stderr: number;
  /** Skewness, m3 / m2^1.5 (population moments). */
  skew: number;
  /** Pearson kurtosis m4 / m2² (3 for a normal sample). */
  kurtosis: number;
  /** kurtosis − 3. */
  excessKurtosis: number;
  p05: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
};

/** Quantile q of sorted values, linear interpolation between order statistics (Hyndman-Fan type 7). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Statistics of `values`, summed in index order (path order), so the same sample always gives
 * the same numbers whatever produced it. Two passes (mean, then central moments) for accuracy.
 */
export function sampleStatistics(values: Float64Array): SampleStatistics {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
  const pm2 = m2 / n;
  const skew = pm2 > 0 ? m3 / n / pm2 ** 1.5 : 0;
  const kurtosis = pm2 > 0 ? m4 / n / (pm2 * pm2) : 0;
  const sorted = Float64Array.from(values).sort();
  return {
    mean,
    sd,
    stderr: n > 0 ? sd / Math.sqrt(n) : Number.NaN,
    skew,
    kurtosis,
    excessKurtosis: kurtosis - 3,
    p05: quantileSorted(sorted, 0.05),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    min: sorted[0] ?? Number.NaN,
    max: sorted[n - 1] ?? Number.NaN,
  };
}

/** Mean of `values` in index order. */
export function meanOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length > 0 ? sum / values.length : Number.NaN;
}
