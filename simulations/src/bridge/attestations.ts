import { type Address, encodeAbiParameters, type Hex, keccak256, stringToHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

// The spoke pool's domain tags (IntentSpokePool.FILL_ATTESTATION / EXPIRY_ATTESTATION).
const FILL_TAG = keccak256(
  stringToHex('HedgeRouterBridge.Fill(address spokePool,bytes32 relayHash,address relayer)'),
);
const EXPIRY_TAG = keccak256(stringToHex('HedgeRouterBridge.Expiry(address spokePool,bytes32 relayHash)'));

/** What the origin spoke pool checks before repaying a relayer: keccak256(tag, spokePool, relayHash, relayer). */
export function fillAttestationDigest(p: { spokePool: Address; relayHash: Hex; relayer: Address }): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'bytes32' }, { type: 'address' }, { type: 'bytes32' }, { type: 'address' }],
      [FILL_TAG, p.spokePool, p.relayHash, p.relayer],
    ),
  );
}

/** What the origin spoke pool checks before refunding a depositor: keccak256(tag, spokePool, relayHash). */
export function expiryAttestationDigest(p: { spokePool: Address; relayHash: Hex }): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'bytes32' }, { type: 'address' }, { type: 'bytes32' }],
      [EXPIRY_TAG, p.spokePool, p.relayHash],
    ),
  );
}

/** Signs a digest as the spoke pool verifies it (EIP-191 over the 32 bytes). */
export function signAttestation(privateKey: Hex, digest: Hex): Promise<Hex> {
  return privateKeyToAccount(privateKey).signMessage({ message: { raw: digest } });
}

/** The tags as the contract defines them, for a test that they agree. */
export const ATTESTATION_TAGS = { fill: FILL_TAG, expiry: EXPIRY_TAG } as const;
