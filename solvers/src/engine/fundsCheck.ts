import { type HedgeIntent, HedgeRouterError } from '@hedge-router/router';
import { erc20Abi } from '../chain/abis.js';
import { CHAIN_READ_TIMEOUT_MS } from './constants.js';
import type { EngineChain } from './engineDeps.js';
import { withDeadline } from './withDeadline.js';

/**
 * Whether the vault can pay what the intent sells: its balance of the sell token and its
 * allowance to the executor, read now. Throws INTENT_FUNDS_SHORT naming `intent.sellAmount` with
 * the shortfall, so an intent that can only revert is refused before any gas is paid (issue 15:
 * such intents were accepted, then retried on every venue with misleading reasons).
 */
export async function checkVaultFunds(
  chain: Pick<EngineChain, 'client' | 'executor'>,
  intent: Pick<HedgeIntent, 'vault' | 'sellToken' | 'sellAmount'>,
  amount: bigint = intent.sellAmount,
): Promise<void> {
  const read = (functionName: 'balanceOf' | 'allowance') =>
    chain.client.readContract({
      address: intent.sellToken,
      abi: erc20Abi,
      functionName,
      args: functionName === 'balanceOf' ? [intent.vault] : [intent.vault, chain.executor],
    } as Parameters<typeof chain.client.readContract>[0]) as Promise<bigint>;
  const [balance, allowance] = await withDeadline(
    Promise.all([read('balanceOf'), read('allowance')]),
    CHAIN_READ_TIMEOUT_MS,
    'the chain',
  );
  if (balance < amount)
    throw new HedgeRouterError('INTENT_FUNDS_SHORT', {
      field: 'intent.sellAmount',
      shortMessage: `the vault holds ${balance} of the sell token, ${amount - balance} short of ${amount}`,
      details: { balance: balance.toString(), sellAmount: amount.toString() },
    });
  if (allowance < amount)
    throw new HedgeRouterError('INTENT_FUNDS_SHORT', {
      field: 'intent.sellAmount',
      shortMessage: `the vault allows the executor ${allowance} of the sell token, ${amount - allowance} short of ${amount}`,
      details: { allowance: allowance.toString(), sellAmount: amount.toString() },
    });
}
