export { bundleHash } from './bundleHash.js';
export type { BundleEvent, BundleOutcome, BundleRecord, NotIncludedReason } from './bundleRecord.js';
export { LOCAL_BUILDER_PUBKEY } from './relayMethods.js';
export type { RelayStats } from './relayStats.js';
export type { CallBundleResult, CallBundleTxResult } from './simulateBundle.js';
export { type Relay, type StartRelayParameters, startRelay } from './startRelay.js';
export { type FlashbotsSignatureCheck, verifyFlashbotsSignature } from './verifyFlashbotsSignature.js';
