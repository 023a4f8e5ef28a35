import { HedgeRouterError } from '../errors/index.js';
import { requireFinite, requirePositive } from '../options/assertInputs.js';

export type EwmaVarianceParameters = {
  /** Returns per period (log or simple), in time order. */
  returns: ArrayLike<number>;
  /** Decay λ in (0, 1); RiskMetrics uses 0.94 for daily data. Default 0.94. */
  lambda?: number;
  /** Variance before the first return, per period. Default: the mean of the first min(n, 30) squared returns. */
  initialVariance?: number;
};

export type EwmaVariance = {
  /** Forecast of the next period's variance, per period (annualise by × periods per year). */
  forecastVariance: number;
  /** series[i] = the variance forecast for period i made before seeing returns[i]; series[n] = forecastVariance. */
  series: Float64Array;
};

/** One RiskMetrics step: σ²ₙ = λσ²ₙ₋₁ + (1 − λ)u²ₙ₋₁. Unchecked, for streaming updates. */
export function ewmaUpdate(variance: number, lastReturn: number, lambda: number): number {
  return lambda * variance + (1 - lambda) * lastReturn * lastReturn;
}

/**
 * RiskMetrics EWMA variance, σ²ₙ = λσ²ₙ₋₁ + (1 − λ)u²ₙ₋₁, run over `returns`: per-period
 * variances (multiply by periods per year to annualise). Throws INVALID_INPUT for λ outside
 * (0, 1) or no returns.
 */
export function ewmaVariance({
  returns,
  lambda = 0.94,
  initialVariance,
}: EwmaVarianceParameters): EwmaVariance {
  requireFinite(lambda, 'lambda');
  if (!(lambda > 0 && lambda < 1)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'must be in (0, 1)',
      field: 'lambda',
      details: { lambda },
    });
  }
  const n = returns.length;
  if (n === 0)
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'needs at least one return',
      field: 'returns',
    });
  for (let i = 0; i < n; i++) requireFinite(returns[i]!, `returns[${i}]`);
  let variance: number;
  if (initialVariance === undefined) {
    const m = Math.min(n, 30);
    variance = 0;
    for (let i = 0; i < m; i++) variance += returns[i]! * returns[i]!;
    variance /= m;
  } else {
    variance = requirePositive(initialVariance, 'initialVariance');
  }
  const series = new Float64Array(n + 1);
  series[0] = variance;
  for (let i = 0; i < n; i++) {
    variance = ewmaUpdate(variance, returns[i]!, lambda);
    series[i + 1] = variance;
  }
  return { forecastVariance: variance, series };
}
