import type { VenueCostTable } from './venueCostTable.js';

/** Names of the venue cost stages the backtester tracks (the router's, less fill risk). */
export const backtestCostStages = ['impact', 'fees', 'gas', 'mev', 'delay'] as const;
export type BacktestCostStage = (typeof backtestCostStages)[number];

/**
 * What a hedge trade costs: `costUsd(units, spot)` for a trade of |units| of the underlying at
 * `spot` (USD). Pure and deterministic, so the fast and the generic loops charge the same
 * numbers. `addStages` adds the same cost split by stage into `sums` (indexed as
 * `backtestCostStages`); proportional costs put everything under fees.
 */
export type CostModel = {
  readonly kind: 'proportional' | 'venue';
  /** The one-way proportional rate, fraction of notional (proportional model only; else NaN). */
  readonly oneWay: number;
  /** The venue model's table (venue model only): sent to the workers, which read it as is. */
  readonly venueTable?: VenueCostTable;
  costUsd(units: number, spot: number): number;
  addStages(units: number, spot: number, sums: Float64Array): void;
  /** Live cost of trading one unit, USD per unit (fed to the adaptive policy as `costPerUnit`). */
  costPerUnit(spot: number): number;
};

/** A proportional one-way cost: |units|·spot·oneWayBps/10,000. */
export function proportionalCostModel(oneWayBps: number): CostModel {
  const oneWay = oneWayBps / 10_000;
  return {
    kind: 'proportional',
    oneWay,
    costUsd: (units, spot) => oneWay * (units < 0 ? -units : units) * spot,
    addStages(units, spot, sums) {
      sums[1]! += oneWay * (units < 0 ? -units : units) * spot;
    },
    costPerUnit: (spot) => oneWay * spot,
  };
}
