import { keccak_256 } from '@noble/hashes/sha3';

/**
 * Keccak-256 (Ethereum's pre-NIST padding; node:crypto only has SHA3-256), from @noble/hashes:
 * audited, dependency-free and already what viem hashes with. Used for EIP-55 checksums.
 */
export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}
