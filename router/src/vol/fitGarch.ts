import { HedgeRouterError } from '../errors/index.js';
import { requireFinite } from '../options/assertInputs.js';
import type { GarchModel } from './garchTypes.js';
import { minimizeNelderMead } from './minimizeNelderMead.js';

export type FitGarchParameters = {
  /** Per-period returns (log returns, demeaned if their drift matters), at least 50. */
  returns: ArrayLike<number>;
};

export type FitGarchResult = GarchModel & {
  /** α + β: how slowly shocks to variance decay. */
  persistence: number;
  /** ω / (1 − α − β), per period. */
  longRunVariance: number;
  /** Gaussian log-likelihood at the optimum. */
  logLikelihood: number;
  /** Variance forecast for the period after the last return, per period. */
  nextVariance: number;
  evaluations: number;
};

const HALF_LOG_TWO_PI = 0.9189385332046728;
const logistic = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Fits GARCH(1,1) by Gaussian maximum likelihood. The optimiser (Nelder-Mead) works on
 * unconstrained transforms, ln ω, logit(α + β) and logit(α/(α + β)), so every trial point is a
 * valid stationary model; it starts from a variance-targeted guess (α = 0.05, β = 0.90). The
 * recursion starts at the sample variance. Throws FIT_FAILED if no finite likelihood is
 * found, INVALID_INPUT for fewer than 50 returns.
 */
export function fitGarch({ returns }: FitGarchParameters): FitGarchResult {
  const n = returns.length;
  if (n < 50)
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'needs at least 50 returns',
      field: 'returns',
    });
  const u2 = new Float64Array(n);
  let sampleVariance = 0;
  for (let i = 0; i < n; i++) {
    const r = requireFinite(returns[i]!, `returns[${i}]`);
    u2[i] = r * r;
    sampleVariance += r * r;
  }
  sampleVariance /= n;
  if (!(sampleVariance > 0)) {
    throw new HedgeRouterError('FIT_FAILED', {
      shortMessage: 'returns have zero variance',
      field: 'returns',
    });
  }
  const decode = (x: Float64Array): GarchModel => {
    const persistence = logistic(x[1]!);
    const share = logistic(x[2]!);
    return { omega: Math.exp(x[0]!), alpha: persistence * share, beta: persistence * (1 - share) };
  };
  const negativeLogLikelihood = (x: Float64Array): number => {
    const { omega, alpha, beta } = decode(x);
    let variance = sampleVariance;
    let sum = 0;
    for (let t = 0; t < n; t++) {
      sum += Math.log(variance) + u2[t]! / variance;
      variance = omega + alpha * u2[t]! + beta * variance;
    }
    return 0.5 * sum + n * HALF_LOG_TWO_PI;
  };
  const persistence0 = 0.95;
  const start = [
    Math.log(sampleVariance * (1 - persistence0)),
    Math.log(persistence0 / (1 - persistence0)),
    Math.log(0.05 / 0.9),
  ];
  const result = minimizeNelderMead({ f: negativeLogLikelihood, start, tolerance: 1e-12 });
  if (!Number.isFinite(result.value)) {
    throw new HedgeRouterError('FIT_FAILED', {
      shortMessage: 'GARCH likelihood is not finite anywhere tried',
      field: 'returns',
    });
  }
  const model = decode(result.x);
  let variance = sampleVariance;
  for (let t = 0; t < n; t++) variance = model.omega + model.alpha * u2[t]! + model.beta * variance;
  const persistence = model.alpha + model.beta;
  return {
    ...model,
    persistence,
    longRunVariance: model.omega / (1 - persistence),
    logLikelihood: -result.value,
    nextVariance: variance,
    evaluations: result.evaluations,
  };
}
