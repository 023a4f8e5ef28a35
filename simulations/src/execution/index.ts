export { engineChainOf } from './executeHedge.js';
export {
  type ExecutionStrategy,
  executionStrategies,
  type StrategyEnv,
  venueEnv,
} from './executionStrategies.js';
export { type ExecutionVault, hedgeSchedule } from './hedgeSchedule.js';
export {
  type ExecutedHedge,
  type ExecutionBenchmarkResult,
  runExecutionBenchmark,
  type StrategyResult,
} from './runExecutionBenchmark.js';
