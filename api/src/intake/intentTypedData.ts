import { hedgeIntentDomain } from '@hedge-router/router';
import type { Hex } from 'viem';

/**
 * The keeper-signed cancellation of an intent: EIP-712 over the intent's hash, in the same
 * domain as the intent itself, so a cancellation can never be replayed onto another intent.
 */
export const cancelTypes = {
  CancelHedgeIntent: [{ name: 'intentHash', type: 'bytes32' }],
} as const;

export function cancelTypedData({ intentHash, chainId }: { intentHash: Hex; chainId: number }) {
  return {
    domain: hedgeIntentDomain({ chainId }),
    types: cancelTypes,
    primaryType: 'CancelHedgeIntent' as const,
    message: { intentHash },
  };
}
