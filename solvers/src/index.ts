// The public surface of @hedge-router/solvers: venues and the chain access they share.

export * from './chain/abis.js';
export { type BlockMemo, type BlockMemoPrevious, blockMemoOf } from './chain/blockMemo.js';
export { hedgeExecutorAbi } from './chain/executorAbi.js';
export {
  type BlockRange,
  type LatestEventBackwardsOptions,
  latestEventBackwards,
} from './chain/latestEventBackwards.js';
export { legId } from './chain/legId.js';
export { type ReadV3PoolStateOptions, readV3PoolState } from './chain/readV3PoolState.js';
export { refreshV3PoolState } from './chain/refreshV3PoolState.js';
export * from './engine/index.js';
export {
  CROSS_GAS_UNITS,
  type CrossSide,
  type SettleCrossResult,
  settleCross,
} from './netting/settleCross.js';
export {
  type LegReconciliation,
  type ReconcileLegParameters,
  reconcileLeg,
  type SandwichFinding,
} from './reconcile/reconcileLeg.js';
export {
  type CreateFlashbotsClientParameters,
  createFlashbotsClient,
  ethers6,
  type FlashbotsClient,
  flashbots,
} from './venues/bundle/flashbotsClient.js';
export * from './venues/index.js';
export {
  atHeadBlock,
  type HeadBlock,
  readV3Market,
  readV3PoolAtBlock,
  type V3PoolAtBlock,
} from './venues/shared/v3Market.js';
