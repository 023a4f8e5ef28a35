import { type CostModel, proportionalCostModel } from './costModel.js';
import type { Scenario } from './scenarioSchema.js';
import { venueCostModel } from './venueCostModel.js';

/**
 * The cost model a scenario names; the venue model is priced by the venues' own modules at the
 * starting spot and the hedge vol (its table built here, once per run).
 */
export function createCostModel(scenario: Scenario, startSpot: number): CostModel {
  const c = scenario.costs;
  if (c.model === 'proportional') return proportionalCostModel(c.oneWayBps);
  return venueCostModel({ costs: c, spot: startSpot, vol: scenario.hedge.vol });
}
