export { type BacktestContext, createBacktestContext } from './backtestContext.js';
export { closeBacktestPool } from './backtestWorkerPool.js';
export { backtestCostStages, type CostModel, proportionalCostModel } from './costModel.js';
export type { MarketModel } from './marketModel.js';
export { describeIssues, parseScenario } from './parseScenario.js';
export { type PathResults, pathResultFields } from './pathResults.js';
export { type FrontierPoint, policyFrontier } from './policyFrontier.js';
export { readPriceCsv } from './readPriceCsv.js';
export { type BacktestResult, type RunBacktestParameters, runBacktest } from './runBacktest.js';
export { engineOf, runPaths } from './runPaths.js';
export { type Scenario, type ScenarioInput, scenarioSchema } from './scenarioSchema.js';
export { type BacktestSummary, summarizeBacktest } from './summarizeBacktest.js';
export {
  fullRangeV3Pool,
  type VenueCostModelParameters,
  venueCostModel,
  venueCostObservation,
  venueCostTable,
} from './venueCostModel.js';
export { type VenueCostTable, venueCostTableModel } from './venueCostTable.js';
