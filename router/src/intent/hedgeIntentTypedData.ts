import type { HedgeIntent } from './hedgeIntentSchema.js';

/**
 * The EIP-712 types of a hedge intent, field for field in signing order, in the shape viem's
 * `signTypedData` / `verifyTypedData` / `hashTypedData` take as `types`.
 */
export const hedgeIntentTypes = {
  HedgeIntent: [
    { name: 'vault', type: 'address' },
    { name: 'sellToken', type: 'address' },
    { name: 'buyToken', type: 'address' },
    { name: 'sellAmount', type: 'uint256' },
    { name: 'minBuyAmount', type: 'uint256' },
    { name: 'deadline', type: 'uint64' },
    { name: 'nonce', type: 'uint256' },
    { name: 'partialFill', type: 'bool' },
  ],
} as const;

export const HEDGE_INTENT_PRIMARY_TYPE = 'HedgeIntent' as const;

/** The EIP-712 domain of Hedge Router on `chainId`: `{ name: 'HedgeRouter', version: '1', chainId }`. */
export function hedgeIntentDomain({ chainId }: { chainId: number }) {
  return { name: 'HedgeRouter', version: '1', chainId } as const;
}

/**
 * Everything viem's signTypedData / verifyTypedData need for `intent` on `chainId`:
 * `{ domain, types, primaryType, message }` (deadline as a bigint uint64).
 */
export function hedgeIntentTypedData({ intent, chainId }: { intent: HedgeIntent; chainId: number }) {
  return {
    domain: hedgeIntentDomain({ chainId }),
    types: hedgeIntentTypes,
    primaryType: HEDGE_INTENT_PRIMARY_TYPE,
    message: {
      vault: intent.vault,
      sellToken: intent.sellToken,
      buyToken: intent.buyToken,
      sellAmount: intent.sellAmount,
      minBuyAmount: intent.minBuyAmount,
      deadline: BigInt(intent.deadline),
      nonce: intent.nonce,
      partialFill: intent.partialFill,
    },
  } as const;
}
