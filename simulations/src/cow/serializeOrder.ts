import type { Address } from 'viem';
import type { StoredOrder, TradeRecord } from './orderModel.js';

/** An order in the real API's `Order` shape (OrderCreation & OrderMetaData), amounts as decimal strings. */
export function serializeOrder(order: StoredOrder, settlement: Address) {
  const d = order.data;
  return {
    sellToken: d.sellToken,
    buyToken: d.buyToken,
    receiver: d.receiver,
    sellAmount: d.sellAmount.toString(),
    buyAmount: d.buyAmount.toString(),
    validTo: d.validTo,
    appData: order.fullAppData ?? d.appData,
    appDataHash: d.appData,
    feeAmount: d.feeAmount.toString(),
    kind: d.kind,
    partiallyFillable: d.partiallyFillable,
    sellTokenBalance: d.sellTokenBalance,
    buyTokenBalance: d.buyTokenBalance,
    signingScheme: order.signingScheme,
    signature: order.signature,
    from: order.owner,
    quoteId: order.quoteId,
    creationDate: order.creationDate,
    class: 'limit',
    owner: order.owner,
    uid: order.uid,
    availableBalance: null,
    executedSellAmount: order.executedSellAmount.toString(),
    executedSellAmountBeforeFees: (order.executedSellAmount - order.executedFee).toString(),
    executedBuyAmount: order.executedBuyAmount.toString(),
    executedFeeAmount: order.executedFee.toString(),
    invalidated: order.invalidated,
    status: order.status,
    fullAppData: order.fullAppData,
    settlementContract: settlement,
  };
}

/** A trade in the real API's `Trade` shape. */
export function serializeTrade(trade: TradeRecord) {
  return {
    blockNumber: trade.blockNumber,
    logIndex: trade.logIndex,
    orderUid: trade.orderUid,
    owner: trade.owner,
    sellToken: trade.sellToken,
    buyToken: trade.buyToken,
    sellAmount: trade.sellAmount.toString(),
    sellAmountBeforeFees: trade.sellAmountBeforeFees.toString(),
    buyAmount: trade.buyAmount.toString(),
    txHash: trade.txHash,
    executedProtocolFees: [
      {
        policy: { volume: { factor: 0.0002 } },
        amount: trade.protocolFeeInBuy.toString(),
        token: trade.buyToken,
      },
    ],
  };
}
