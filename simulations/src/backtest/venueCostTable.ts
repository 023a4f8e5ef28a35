// The venue cost model's table and its reading: plain data and arithmetic only. The table is built
// once per run on the calling thread (venueCostModel.ts, which prices with the venues' own
// modules) and sent to the workers with the job, so a worker's code never loads the venues.
import { HedgeRouterError } from '@hedge-router/router';
import { type CostModel, proportionalCostModel } from './costModel.js';
import type { Scenario } from './scenarioSchema.js';

/** Cost stages per table point, in `backtestCostStages` order (gas: the part above the fixed gas). */
export const VENUE_COST_STAGES = 5;

/**
 * A venue's cost by trade size, priced at `refSpot`: `stages[k·5 + s]` is stage s (USD) of a
 * trade of `sizes[k]` units (`sizes[0]` = 0 with every stage 0; sizes grow quadratically in k,
 * `sizes[k] = maxUnits·(k/points)²`), and `gasUsd` the gas every trade pays. Structured-clonable.
 */
export type VenueCostTable = {
  refSpot: number;
  points: number;
  maxUnits: number;
  sizes: Float64Array;
  stages: Float64Array;
  gasUsd: number;
  /** The cost per unit fed to the adaptive policy is the cost of a trade of this size. */
  referenceUnits: number;
};

/**
 * The cost model that reads a venue cost table: each stage linearly interpolated in size (the
 * last segment extended beyond the table's end), the fixed gas added to every trade, and every
 * stage scaled by spot/refSpot (see venueCostModel for the approximations this states).
 */
export function venueCostTableModel(table: VenueCostTable): CostModel {
  const { refSpot, points, maxUnits, sizes, stages, gasUsd, referenceUnits } = table;
  const scaleIndex = points / Math.sqrt(maxUnits);
  // The segment [sizes[k], sizes[k+1]] a size falls in (the last one beyond the table).
  const locate = (units: number): number => {
    const x = Math.sqrt(units) * scaleIndex;
    return x >= points ? points - 1 : Math.floor(x);
  };
  const stageAt = (k: number, s: number, units: number): number => {
    const x0 = sizes[k]!;
    const x1 = sizes[k + 1]!;
    const y0 = stages[k * VENUE_COST_STAGES + s]!;
    const y1 = stages[(k + 1) * VENUE_COST_STAGES + s]!;
    return y0 + ((y1 - y0) * (units - x0)) / (x1 - x0);
  };
  const costUsd = (trade: number, spot: number): number => {
    const units = trade < 0 ? -trade : trade;
    if (units === 0) return 0;
    const k = locate(units);
    let usd = gasUsd;
    for (let s = 0; s < VENUE_COST_STAGES; s++) usd += stageAt(k, s, units);
    return (usd * spot) / refSpot;
  };
  return {
    kind: 'venue',
    oneWay: Number.NaN,
    venueTable: table,
    costUsd,
    addStages(trade, spot, sums) {
      const units = trade < 0 ? -trade : trade;
      if (units === 0) return;
      const k = locate(units);
      const scale = spot / refSpot;
      for (let s = 0; s < VENUE_COST_STAGES; s++) sums[s]! += stageAt(k, s, units) * scale;
      sums[2]! += gasUsd * scale;
    },
    costPerUnit: (spot) => costUsd(referenceUnits, spot) / referenceUnits,
  };
}

/**
 * A scenario's cost model from the venue table its run built (`CostModel.venueTable`), pricing
 * nothing: what a worker builds (createCostModel builds the table itself).
 */
export function costModelOfTable(scenario: Scenario, venueTable: VenueCostTable | undefined): CostModel {
  const c = scenario.costs;
  if (c.model === 'proportional') return proportionalCostModel(c.oneWayBps);
  if (!venueTable)
    throw new HedgeRouterError('SIMULATION_FAILED', {
      shortMessage: 'venue costs: the run sent no venue cost table',
    });
  return venueCostTableModel(venueTable);
}
