export { type ExecutionStrategy, executionStrategies, type StrategyEnv } from './executionStrategies.js';
export { type ExecutionVault, hedgeSchedule } from './hedgeSchedule.js';
export {
  type ExecutedHedge,
  type ExecutionBenchmarkResult,
  runExecutionBenchmark,
  type StrategyResult,
} from './runExecutionBenchmark.js';
