import { encodeAbiParameters, type Hex, keccak256 } from 'viem';

/**
 * The executor's replay key for one leg of an intent: keccak256(intentHash, legIndex). Every
 * attempt at the same leg (a resubmission, a fallback venue) uses the same id, so the executor
 * fills it at most once however many of those attempts land.
 */
export function legId(intentHash: Hex, legIndex: number): Hex {
  return keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'uint32' }], [intentHash, legIndex]));
}
