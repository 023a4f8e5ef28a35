import { concat, type Hex, keccak256 } from 'viem';

/**
 * The bundle hash: keccak256 of the bundle's transaction hashes concatenated in order, as the
 * Flashbots client computes it locally (`FlashbotsBundleProvider.generateBundleHash`).
 */
export function bundleHash(txHashes: readonly Hex[]): Hex {
  return keccak256(concat([...txHashes]));
}
