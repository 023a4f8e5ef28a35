export {
  ATTESTATION_TAGS,
  expiryAttestationDigest,
  fillAttestationDigest,
  signAttestation,
} from './attestations.js';
export { BRIDGE_ATTESTER_HD_INDEX, deriveBridgeAttester } from './bridgeAttester.js';
export {
  type BridgeChainSide,
  deployIntentBridge,
  type IntentBridgeDeployment,
} from './deployIntentBridge.js';
export { type ObservedDeposit, readDeposits, relayHashOf } from './readDeposits.js';
export {
  type BridgeEvent,
  type BridgeRoute,
  type IntentBridge,
  type StartIntentBridgeParameters,
  startIntentBridge,
} from './startIntentBridge.js';
