import { CANCELLATIONS_TYPE_FIELDS, ORDER_TYPE_FIELDS } from '@cowprotocol/cow-sdk';
import { type Address, type Hex, type TypedDataDomain, zeroAddress } from 'viem';

/** The signing schemes of CoW orders, as the API spells them. */
export type SigningScheme = 'eip712' | 'ethsign' | 'eip1271' | 'presign';

/** A GPv2 order's signed fields, parsed (amounts bigint). */
export type GPv2OrderData = {
  sellToken: Address;
  buyToken: Address;
  /** The zero address means the owner. */
  receiver: Address;
  sellAmount: bigint;
  buyAmount: bigint;
  validTo: number;
  appData: Hex;
  feeAmount: bigint;
  kind: 'sell' | 'buy';
  partiallyFillable: boolean;
  sellTokenBalance: 'erc20' | 'external' | 'internal';
  buyTokenBalance: 'erc20' | 'internal';
};

// The EIP-712 structs come from the CoW SDK, the same definitions solvers signs orders with
// (signCowOrder), so what this orderbook verifies cannot drift from what the venue signs.

/** GPv2Order's EIP-712 struct (GPv2Order.sol TYPE_HASH), in viem's typed-data shape. */
export const GPV2_ORDER_TYPES = { Order: ORDER_TYPE_FIELDS };

/** The signed cancellation of several orders (GPv2 services' OrderCancellations). */
export const GPV2_CANCELLATIONS_TYPES = { OrderCancellations: CANCELLATIONS_TYPE_FIELDS };

/** The settlement's EIP-712 domain: name "Gnosis Protocol", version "v2". */
export function gpv2Domain(chainId: number, settlement: Address): TypedDataDomain {
  return { name: 'Gnosis Protocol', version: 'v2', chainId, verifyingContract: settlement };
}

/** The typed-data message of an order (what the owner signs). */
export function gpv2OrderMessage(order: GPv2OrderData) {
  return {
    sellToken: order.sellToken,
    buyToken: order.buyToken,
    receiver: order.receiver,
    sellAmount: order.sellAmount,
    buyAmount: order.buyAmount,
    validTo: order.validTo,
    appData: order.appData,
    feeAmount: order.feeAmount,
    kind: order.kind,
    partiallyFillable: order.partiallyFillable,
    sellTokenBalance: order.sellTokenBalance,
    buyTokenBalance: order.buyTokenBalance,
  };
}

/** The order uid: digest (32 bytes) ‖ owner (20) ‖ validTo (uint32, 4): 56 bytes. */
export function orderUid(digest: Hex, owner: Address, validTo: number): Hex {
  return `0x${digest.slice(2)}${owner.slice(2).toLowerCase()}${validTo.toString(16).padStart(8, '0')}`;
}

/** The real orderbook's order states: the stored `status` and the competition status. */
export type OrderStatus = 'presignaturePending' | 'open' | 'fulfilled' | 'cancelled' | 'expired';
/** Competition states (GET /orders/{uid}/status), plus 'expired' once validTo has passed. */
export type CompetitionStatus =
  | 'open'
  | 'scheduled'
  | 'active'
  | 'solved'
  | 'executing'
  | 'traded'
  | 'cancelled'
  | 'expired';

/** One executed trade, as GET /api/v1/trades returns it. */
export type TradeRecord = {
  blockNumber: number;
  logIndex: number;
  orderUid: Hex;
  owner: Address;
  sellToken: Address;
  buyToken: Address;
  sellAmount: bigint;
  sellAmountBeforeFees: bigint;
  buyAmount: bigint;
  txHash: Hex;
  protocolFeeInBuy: bigint;
};

/** An order the local orderbook holds. */
export type StoredOrder = {
  uid: Hex;
  owner: Address;
  data: GPv2OrderData;
  signingScheme: SigningScheme;
  signature: Hex;
  fullAppData: string | null;
  creationDate: string;
  quoteId: number | null;
  status: OrderStatus;
  competition: CompetitionStatus;
  invalidated: boolean;
  executedSellAmount: bigint;
  executedBuyAmount: bigint;
  executedFee: bigint;
  /** Why the last auction left it out, for the status endpoint and tests. */
  lastSkipReason?: string;
};

/** The receiver the settlement pays: the order's receiver, or its owner for the zero address. */
export function effectiveReceiver(order: StoredOrder): Address {
  return order.data.receiver === zeroAddress ? order.owner : order.data.receiver;
}
