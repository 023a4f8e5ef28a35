import { erc20Abi, swapRouterAbi } from '@hedge-router/solvers';
import { type Address, concat, encodeFunctionData, type Hex } from 'viem';
import type { SigningScheme, StoredOrder } from './orderModel.js';
import type { PairSolution } from './solveBatch.js';

/** GPv2Trade.Data as GPv2Settlement.settle takes it. */
export type EncodedTrade = {
  sellTokenIndex: bigint;
  buyTokenIndex: bigint;
  receiver: Address;
  sellAmount: bigint;
  buyAmount: bigint;
  validTo: number;
  appData: Hex;
  feeAmount: bigint;
  flags: bigint;
  executedAmount: bigint;
  signature: Hex;
};

/** One GPv2Interaction.Data. */
export type EncodedInteraction = { target: Address; value: bigint; callData: Hex };

/** The four arguments of GPv2Settlement.settle. */
export type EncodedSettlementArgs = readonly [
  Address[],
  bigint[],
  EncodedTrade[],
  readonly [EncodedInteraction[], EncodedInteraction[], EncodedInteraction[]],
];

const SCHEME_BITS: Record<SigningScheme, bigint> = { eip712: 0n, ethsign: 1n, eip1271: 2n, presign: 3n };
const SELL_BALANCE_BITS = { erc20: 0n, external: 2n, internal: 3n } as const;

/** GPv2Trade flags: kind (bit 0), partially fillable (1), sell balance (2-3), buy balance (4), scheme (5-6). */
export function tradeFlags(order: StoredOrder): bigint {
  const d = order.data;
  return (
    (d.kind === 'buy' ? 1n : 0n) |
    (d.partiallyFillable ? 2n : 0n) |
    (SELL_BALANCE_BITS[d.sellTokenBalance] << 2n) |
    (d.buyTokenBalance === 'internal' ? 16n : 0n) |
    (SCHEME_BITS[order.signingScheme] << 5n)
  );
}

/** The signature bytes a trade carries: ECDSA as is; EIP-1271 owner ‖ signature; pre-sign the owner. */
export function tradeSignature(order: StoredOrder): Hex {
  if (order.signingScheme === 'eip1271') return concat([order.owner, order.signature]);
  if (order.signingScheme === 'presign') return order.owner;
  return order.signature;
}

/**
 * Encodes a batch's settle() call. Each trade gets its own two entries in the token list (CoW
 * allows repeated tokens) priced [buyAmount, sellAmount], so the contract's
 * `executedBuy = ceil(sellAmount · p_sell / p_buy)` pays exactly the solver's integer buyAmount:
 * the uniform clearing price with each order's own fees already applied, the way CoW's drivers
 * encode fees since custom prices. The AMM remainder runs as intra-settlement interactions:
 * approve the SwapRouter, then exactInputSingle paying the settlement, with the exact output
 * the payouts need as its minimum.
 */
export function encodeSettlement(params: {
  pairs: readonly PairSolution[];
  orders: ReadonlyMap<Hex, StoredOrder>;
  settlement: Address;
  swapRouter: Address;
  /** Unix seconds: the AMM hop reverts after it. */
  deadline: bigint;
}): EncodedSettlementArgs {
  const tokens: Address[] = [];
  const prices: bigint[] = [];
  const trades: EncodedTrade[] = [];
  const intra: EncodedInteraction[] = [];
  for (const pair of params.pairs) {
    for (const t of pair.trades) {
      const order = params.orders.get(t.uid);
      // The batch is solved from the book's own orders: one missing is a bug of the solver.
      if (!order) throw new Error(`settlement: order ${t.uid} is not in the book`);
      const i = BigInt(tokens.length);
      tokens.push(t.sellToken, t.buyToken);
      prices.push(t.buyAmount, t.sellAmount);
      trades.push({
        sellTokenIndex: i,
        buyTokenIndex: i + 1n,
        receiver: order.data.receiver,
        sellAmount: order.data.sellAmount,
        buyAmount: order.data.buyAmount,
        validTo: order.data.validTo,
        appData: order.data.appData,
        feeAmount: order.data.feeAmount,
        flags: tradeFlags(order),
        executedAmount: order.data.sellAmount,
        signature: tradeSignature(order),
      });
    }
    const hop = pair.interaction;
    if (hop) {
      intra.push({
        target: hop.tokenIn,
        value: 0n,
        callData: encodeFunctionData({
          abi: erc20Abi,
          functionName: 'approve',
          args: [params.swapRouter, hop.amountIn],
        }),
      });
      intra.push({
        target: params.swapRouter,
        value: 0n,
        callData: encodeFunctionData({
          abi: swapRouterAbi,
          functionName: 'exactInputSingle',
          args: [
            {
              tokenIn: hop.tokenIn,
              tokenOut: hop.tokenOut,
              fee: hop.fee,
              recipient: params.settlement,
              deadline: params.deadline,
              amountIn: hop.amountIn,
              amountOutMinimum: hop.amountOutMinimum,
              sqrtPriceLimitX96: 0n,
            },
          ],
        }),
      });
    }
  }
  return [tokens, prices, trades, [[], intra, []]] as const;
}
