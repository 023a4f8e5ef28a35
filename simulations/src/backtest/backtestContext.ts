import {
  type BacktestContext,
  backtestContextWith,
  type CreateBacktestContextParameters,
} from './backtestContextWith.js';
import { createCostModel } from './createCostModel.js';

export type { BacktestContext, CreateBacktestContextParameters } from './backtestContextWith.js';

/** Builds the context of a validated scenario (a venue cost model priced here: createCostModel). */
export function createBacktestContext(params: CreateBacktestContextParameters): BacktestContext {
  return backtestContextWith(params, (startSpot) => createCostModel(params.scenario, startSpot));
}
