export {
  ACCOUNT_INDEX,
  ACCOUNT_NAMES,
  type AccountName,
  DEVNET_MNEMONIC,
  deriveAccount,
  deriveAccounts,
  type NamedAccount,
} from './accounts.js';
export { killAllChildren } from './anvil/childProcesses.js';
export { type AnvilProcess, anvilBinaryPath, spawnAnvil } from './anvil/spawnAnvil.js';
export type { BlockBuilder, BlockControl, BlockMode } from './blocks.js';
export { type ChainClients, createChainClients, localChain } from './chainClients.js';
export {
  type ChainDescriptor,
  defaultDescriptorPath,
  type PoolDescriptor,
  readWorldDescriptor,
  type WorldDescriptor,
  worldDescriptorSchema,
  writeWorldDescriptor,
} from './descriptor.js';
export {
  type StartWorldParameters,
  startWorld,
  type World,
  type WorldChain,
  type WorldSnapshot,
} from './startWorld.js';
export { DEFAULT_WORLD_CONFIG, MAIN_CHAIN_ID, REMOTE_CHAIN_ID, type WorldConfig } from './worldConfig.js';
