import { OrderKind, OrderSigningUtils, type SupportedChainId, setGlobalAdapter } from '@cowprotocol/cow-sdk';
import { ViemAdapter } from '@cowprotocol/sdk-viem-adapter';
import type { Account, Address, Hex, PublicClient } from 'viem';

/** The order a leg becomes: a fill-or-kill sell order, receiver the vault, no signed fee. */
export type CowLegOrder = {
  sellToken: Address;
  buyToken: Address;
  receiver: Address;
  sellAmount: bigint;
  buyAmount: bigint;
  validTo: number;
  appData: Hex;
};

/**
 * Signs a leg's order with the CoW SDK (EIP-712 against the configured settlement): the
 * operator's ECDSA signature of the order digest, which HedgeExecutor.isValidSignature checks
 * (EIP-1271) for orders it registered. The SDK signs through a global adapter; it is set right
 * before each signature, and signing is synchronous after that point, so venues with different
 * operators do not interleave.
 */
export async function signCowOrder(params: {
  client: PublicClient;
  operator: Account;
  chainId: number;
  settlement: Address;
  order: CowLegOrder;
}): Promise<Hex> {
  const adapter = new ViemAdapter({ provider: params.client, signer: params.operator });
  setGlobalAdapter(adapter);
  const chainId = params.chainId as SupportedChainId;
  const { signature } = await OrderSigningUtils.signOrder(
    {
      sellToken: params.order.sellToken,
      buyToken: params.order.buyToken,
      receiver: params.order.receiver,
      sellAmount: params.order.sellAmount.toString(),
      buyAmount: params.order.buyAmount.toString(),
      validTo: params.order.validTo,
      appData: params.order.appData,
      feeAmount: '0',
      kind: OrderKind.SELL,
      partiallyFillable: false,
    },
    chainId,
    adapter.signer,
    { settlementContractOverride: { [chainId]: params.settlement } },
  );
  return signature as Hex;
}
