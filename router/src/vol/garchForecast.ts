import { HedgeRouterError } from '../errors/index.js';
import { requireNonNegative, requirePositive } from '../options/assertInputs.js';
import type { GarchModel } from './garchTypes.js';

export type GarchForecastParameters = {
  model: GarchModel;
  /** The one-step-ahead variance already known (e.g. `fitGarch(...).nextVariance`), per period. */
  nextVariance: number;
  /** Number of periods ahead, ≥ 1. */
  horizon: number;
};

export type GarchForecast = {
  /** Variance expected in period `horizon`: V_L + (α + β)^(h−1) (σ²₁ − V_L), per period. */
  variance: number;
  /** Total variance over periods 1..horizon (sum), e.g. to price an option expiring then. */
  totalVariance: number;
  /** √(totalVariance / horizon): the average per-period vol over the horizon. */
  averageVol: number;
};

/**
 * GARCH(1,1) variance forecasts: mean reversion to V_L = ω/(1 − α − β) at rate α + β per
 * period (REFERENCES.md, Hull's form with h counted from the known next period).
 * Checks the model first: ω > 0, α ≥ 0, β ≥ 0 (NON_FINITE_INPUT / INVALID_INPUT naming
 * `model.omega`, `model.alpha`, `model.beta`), and α + β < 1 (INVALID_INPUT naming `model`):
 * at α + β ≥ 1 there is no long-run variance (ω/(1 − α − β) is infinite or negative) and the
 * forecast would be ±Infinity or NaN.
 */
export function garchForecast({ model, nextVariance, horizon }: GarchForecastParameters): GarchForecast {
  requirePositive(nextVariance, 'nextVariance');
  requirePositive(horizon, 'horizon');
  const persistence = requireStationary(model);
  const longRun = model.omega / (1 - persistence);
  const gap = nextVariance - longRun;
  const variance = longRun + persistence ** (horizon - 1) * gap;
  // Σ_{k=0}^{h−1} p^k = (1 − p^h)/(1 − p)
  const totalVariance = horizon * longRun + (gap * (1 - persistence ** horizon)) / (1 - persistence);
  return { variance, totalVariance, averageVol: Math.sqrt(totalVariance / horizon) };
}

/** Validates a GARCH(1,1) model for forecasting and returns its persistence α + β (< 1). */
function requireStationary(model: GarchModel): number {
  if (typeof model !== 'object' || model === null) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'must be { omega, alpha, beta }',
      field: 'model',
    });
  }
  requirePositive(model.omega, 'model.omega');
  requireNonNegative(model.alpha, 'model.alpha');
  requireNonNegative(model.beta, 'model.beta');
  const persistence = model.alpha + model.beta;
  if (!(persistence < 1)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: `alpha + beta must be < 1 for a stationary GARCH(1,1) with a long-run variance, got ${persistence}`,
      field: 'model',
      details: { alpha: model.alpha, beta: model.beta, persistence },
    });
  }
  return persistence;
}
