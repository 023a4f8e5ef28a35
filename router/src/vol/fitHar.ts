import { HedgeRouterError } from '../errors/index.js';
import { requireFinite } from '../options/assertInputs.js';
import { solveLeastSquares } from './solveLeastSquares.js';

export type FitHarParameters = {
  /** Daily realised measure in time order (realised variance, or realised vol if you model vol), at least 60. */
  realised: ArrayLike<number>;
};

/** HAR-RV coefficients (Corsi 2009): RV_(t+1) = c + β_d RV_t + β_w RV_t^(5) + β_m RV_t^(22). */
export type HarModel = {
  intercept: number;
  betaDaily: number;
  betaWeekly: number;
  betaMonthly: number;
};

export type FitHarResult = HarModel & { rSquared: number; observations: number };

/** The three HAR regressors at day t: RV_t and the 5- and 22-day trailing means ending at t. */
export function harRegressors(realised: ArrayLike<number>, t: number): [number, number, number] {
  let weekly = 0;
  let monthly = 0;
  for (let k = 0; k < 22; k++) {
    const v = realised[t - k]!;
    monthly += v;
    if (k < 5) weekly += v;
  }
  return [realised[t]!, weekly / 5, monthly / 22];
}

/**
 * Fits HAR-RV by ordinary least squares (Householder QR, not the normal equations, since the
 * daily, weekly and monthly regressors are strongly collinear). Throws INVALID_INPUT for
 * fewer than 60 observations, FIT_FAILED for a singular design (e.g. a constant series).
 */
export function fitHar({ realised }: FitHarParameters): FitHarResult {
  const n = realised.length;
  if (n < 60)
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'needs at least 60 observations',
      field: 'realised',
    });
  for (let i = 0; i < n; i++) requireFinite(realised[i]!, `realised[${i}]`);
  const rows = n - 22;
  const design = new Float64Array(rows * 4);
  const target = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const t = r + 21;
    const [daily, weekly, monthly] = harRegressors(realised, t);
    design.set([1, daily, weekly, monthly], r * 4);
    target[r] = realised[t + 1]!;
  }
  const fit = solveLeastSquares({ design, target, rows, columns: 4 });
  const [intercept, betaDaily, betaWeekly, betaMonthly] = fit.coefficients as unknown as [
    number,
    number,
    number,
    number,
  ];
  return { intercept, betaDaily, betaWeekly, betaMonthly, rSquared: fit.rSquared, observations: rows };
}
