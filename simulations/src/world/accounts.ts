import { type Hex, toHex } from 'viem';
import { type HDAccount, mnemonicToAccount } from 'viem/accounts';

/** anvil's well-known development mnemonic: every address in the local world is fixed by it. */
export const DEVNET_MNEMONIC = 'test test test test test test test test test test test junk';

/**
 * The named accounts of the local world, by their HD index under the devnet mnemonic. The
 * same keys exist on both chains. `keeper` and `keeper2` sign intents and hold nothing.
 */
export const ACCOUNT_INDEX = {
  deployer: 0,
  vault: 1,
  keeper: 2,
  executor: 3,
  solver: 4,
  searcher: 5,
  arbitrageur: 6,
  vault2: 7,
  keeper2: 8,
  relayer: 9,
} as const;

export type AccountName = keyof typeof ACCOUNT_INDEX;
export const ACCOUNT_NAMES = Object.keys(ACCOUNT_INDEX) as AccountName[];

export type NamedAccount = { address: Hex; privateKey: Hex };

/** Derives one named account (address and private key) from the mnemonic. */
export function deriveAccount(mnemonic: string, name: AccountName): NamedAccount {
  const account: HDAccount = mnemonicToAccount(mnemonic, { addressIndex: ACCOUNT_INDEX[name] });
  const privateKey = account.getHdKey().privateKey;
  // An HD account derived from a mnemonic always has its key: this is the type's gap, not a condition.
  if (!privateKey) throw new Error(`no private key derived for ${name}`);
  return { address: account.address, privateKey: toHex(privateKey) };
}

/** Derives every named account. */
export function deriveAccounts(mnemonic: string): Record<AccountName, NamedAccount> {
  return Object.fromEntries(ACCOUNT_NAMES.map((name) => [name, deriveAccount(mnemonic, name)])) as Record<
    AccountName,
    NamedAccount
  >;
}
