export { type EncodedSettlementArgs, encodeSettlement } from './encodeSettlement.js';
export { OrderbookError } from './orderbookError.js';
export {
  type CompetitionStatus,
  GPV2_ORDER_TYPES,
  type GPv2OrderData,
  gpv2Domain,
  type OrderStatus,
  orderUid,
  type StoredOrder,
  type TradeRecord,
} from './orderModel.js';
export { type AuctionReport, runAuction } from './runAuction.js';
export {
  type BatchSolution,
  DEFAULT_SETTLEMENT_GAS,
  type PairSolution,
  type SettlementGasModel,
  type SolvedTrade,
  type SolverOrder,
  type SolverPool,
  solveBatch,
} from './solveBatch.js';
export { type Orderbook, type StartOrderbookParameters, startOrderbook } from './startOrderbook.js';
