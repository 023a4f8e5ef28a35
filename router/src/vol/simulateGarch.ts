import { HedgeRouterError } from '../errors/index.js';
import { createRng } from '../random/createRng.js';
import type { GarchModel } from './garchTypes.js';

export type SimulateGarchParameters = GarchModel & {
  /** Number of returns. */
  steps: number;
  /** RNG seed (see createRng): the same seed gives the same series. */
  seed: number;
  /** Starting variance per period. Default the long-run variance ω/(1 − α − β). */
  initialVariance?: number;
};

/** Simulates GARCH(1,1) returns with Gaussian innovations: returns and the variance each was drawn with. */
export function simulateGarch({
  omega,
  alpha,
  beta,
  steps,
  seed,
  initialVariance,
}: SimulateGarchParameters): {
  returns: Float64Array;
  variances: Float64Array;
} {
  if (!(omega > 0 && alpha >= 0 && beta >= 0 && alpha + beta < 1)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'needs ω > 0, α, β ≥ 0 and α + β < 1',
      details: { omega, alpha, beta },
    });
  }
  if (!(Number.isInteger(steps) && steps > 0)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'must be a positive integer',
      field: 'steps',
    });
  }
  const rng = createRng({ seed });
  const returns = new Float64Array(steps);
  const variances = new Float64Array(steps);
  let variance = initialVariance ?? omega / (1 - alpha - beta);
  for (let t = 0; t < steps; t++) {
    variances[t] = variance;
    const u = Math.sqrt(variance) * rng.nextNormal();
    returns[t] = u;
    variance = omega + alpha * u * u + beta * variance;
  }
  return { returns, variances };
}
