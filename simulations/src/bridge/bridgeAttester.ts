import { type Hex, toHex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import type { NamedAccount } from '../world/accounts.js';

/**
 * HD index of the bridge's attester key under the world's mnemonic: outside the named accounts
 * (0-9), because it is not a participant with funds but the stand-in for the bridge's
 * cross-chain settlement (Across's optimistic oracle): both chains' spoke pools trust it.
 */
export const BRIDGE_ATTESTER_HD_INDEX = 10;

/** The bridge attester's key, derived from the world's mnemonic (public by design, as every devnet key). */
export function deriveBridgeAttester(mnemonic: string): NamedAccount {
  const account = mnemonicToAccount(mnemonic, { addressIndex: BRIDGE_ATTESTER_HD_INDEX });
  const privateKey = account.getHdKey().privateKey;
  // An HD account derived from a mnemonic always has its key: this is the type's gap, not a condition.
  if (!privateKey) throw new Error('no private key derived for the bridge attester');
  return { address: account.address, privateKey: toHex(privateKey) as Hex };
}
