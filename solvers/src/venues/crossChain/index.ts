export {
  type BridgeOutCalldataParameters,
  bridgedAmountAfterFee,
  bridgeOutCalldata,
} from './bridgeOutCalldata.js';
export {
  type BridgeTerms,
  type CrossChainVenueParameters,
  createCrossChainVenue,
} from './createCrossChainVenue.js';
export {
  type CrossChainRouteCandidateParameters,
  crossChainRouteCandidate,
} from './crossChainRouteCandidate.js';
export { DEPOSIT_STATE, intentSpokePoolAbi, type RelayData } from './intentSpokePoolAbi.js';
export {
  type CrossChainReconciliation,
  type CrossChainSide,
  trackCrossChainLeg,
} from './trackCrossChainLeg.js';
