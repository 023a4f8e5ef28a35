import { HedgeRouterError } from '../errors/index.js';
import type { HarModel } from './fitHar.js';
import { harRegressors } from './fitHar.js';

export type HarForecastParameters = {
  model: HarModel;
  /** The realised series up to today, at least 22 values. */
  realised: ArrayLike<number>;
};

/** Tomorrow's realised measure from a fitted HAR-RV model and the last 22 days. */
export function harForecast({ model, realised }: HarForecastParameters): number {
  if (realised.length < 22) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'needs at least 22 observations',
      field: 'realised',
    });
  }
  const [daily, weekly, monthly] = harRegressors(realised, realised.length - 1);
  return model.intercept + model.betaDaily * daily + model.betaWeekly * weekly + model.betaMonthly * monthly;
}
