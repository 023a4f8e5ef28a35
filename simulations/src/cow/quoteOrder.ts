import { quoteV3ExactIn } from '@hedge-router/router';
import { readV3PoolState } from '@hedge-router/solvers';
import { type Address, getAddress, isAddress, type PublicClient } from 'viem';
import { OrderbookError } from './orderbookError.js';
import {
  DEFAULT_SETTLEMENT_GAS,
  type SettlementGasModel,
  type SolverOrder,
  solveBatch,
} from './solveBatch.js';

export type QuoteContext = {
  client: PublicClient;
  wrappedNative: Address;
  pools: readonly { address: Address; fee: number; token0: Address; token1: Address }[];
  protocolFeeBps: number;
  priorityFeeWei: bigint;
  nowSeconds: number;
  /** Default validity of a quoted order when the request names none (seconds). */
  defaultValiditySeconds: number;
  gas?: SettlementGasModel;
  /**
   * The book's open sell orders that are still valid: the quote is what the order would get in
   * a batch with them (a coincidence of wants), when that beats the pool alone.
   */
  openOrders?: readonly SolverOrder[];
};

const Q96 = 2n ** 96n;
const bad = (errorType: string, description: string) => new OrderbookError(400, errorType, description);

/**
 * POST /api/v1/quote for sell orders: the network fee (a one-order settlement with an AMM hop,
 * at the current base fee + priority fee, in the sell token at the pool mid) comes off
 * `sellAmountBeforeFee`; the buy amount is what the best pool pays for the rest, less the
 * protocol fee: the price the order gets if no opposite order shows up in its batch. When the
 * book holds open opposite orders, the batch the order would join is solved with them
 * (`solveBatch`, the auction's own solver): if the order gets more there (a coincidence of
 * wants: no LP fee, no impact, a shared settlement), that is the quote, with its network fee.
 * The real orderbook's price estimators ignore other users' orders; this local one sees its own
 * book, so a router asking it learns of a match before it places its order (a real router would
 * read the open orders from `GET /api/v1/auction`). Answers in the real OrderQuoteResponse shape.
 */
export async function quoteOrder(ctx: QuoteContext, raw: unknown, quoteId: number) {
  if (typeof raw !== 'object' || raw === null)
    throw bad('MalformedRequest', 'body: expected an OrderQuoteRequest');
  const body = raw as Record<string, unknown>;
  const token = (name: string) => {
    const v = body[name];
    if (typeof v !== 'string' || !isAddress(v, { strict: false }))
      throw bad('MalformedRequest', `${name}: expected an address`);
    return getAddress(v);
  };
  const sellToken = token('sellToken');
  const buyToken = token('buyToken');
  const from = token('from');
  if (sellToken === buyToken) throw bad('SameBuyAndSellToken', 'sellToken and buyToken are the same token');
  if (body.kind !== 'sell')
    throw bad(
      'UnsupportedOrderType',
      'only sell quotes (sellAmountBeforeFee or sellAmountAfterFee) are served here',
    );
  const amountText = body.sellAmountBeforeFee ?? body.sellAmountAfterFee;
  if (typeof amountText !== 'string' || !/^[1-9][0-9]*$/.test(amountText))
    throw bad('ZeroAmount', 'sellAmountBeforeFee / sellAmountAfterFee: expected a positive decimal string');
  const pools = ctx.pools.filter(
    (p) =>
      (p.token0 === sellToken && p.token1 === buyToken) || (p.token1 === sellToken && p.token0 === buyToken),
  );
  if (pools.length === 0)
    throw new OrderbookError(404, 'NoLiquidity', `no pool trades ${sellToken}/${buyToken}`);
  const block = await ctx.client.getBlock({ blockTag: 'latest' });
  const states = await Promise.all(
    pools.map(async (p) => ({
      p,
      state: await readV3PoolState(ctx.client, p.address, { blockNumber: block.number }),
    })),
  );
  const deepest = states.reduce((a, b) => (b.state.liquidity > a.state.liquidity ? b : a));
  const midX96 = (deepest.state.sqrtPriceX96 * deepest.state.sqrtPriceX96) / Q96;
  const gas = ctx.gas ?? DEFAULT_SETTLEMENT_GAS;
  const gasAmount = gas.baseGasUnits + gas.ammInteractionGasUnits;
  const gasPrice = (block.baseFeePerGas ?? 0n) + ctx.priorityFeeWei;
  const feeWei = gasAmount * gasPrice;
  const wethIs0 = deepest.p.token0 === ctx.wrappedNative;
  const sellIsNative = sellToken === ctx.wrappedNative;
  const feeAmount = sellIsNative ? feeWei : wethIs0 ? (feeWei * midX96) / Q96 : (feeWei * Q96) / midX96;
  const requested = BigInt(amountText);
  const sellAmount = body.sellAmountBeforeFee !== undefined ? requested - feeAmount : requested;
  if (sellAmount <= 0n)
    throw bad(
      'SellAmountDoesNotCoverFee',
      `sell amount ${requested} does not cover the network fee ${feeAmount}`,
    );
  const zeroForOne = deepest.p.token0 === sellToken;
  const best = states.reduce((acc, { state }) => {
    const q = quoteV3ExactIn(state, { zeroForOne, amountIn: sellAmount });
    return q.hitPriceLimit || q.amountOut <= acc ? acc : q.amountOut;
  }, 0n);
  if (best === 0n) throw new OrderbookError(404, 'NoLiquidity', `the pools cannot fill ${sellAmount}`);
  let buyAmount = (best * BigInt(10_000 - ctx.protocolFeeBps)) / 10_000n;
  let quotedSellAmount = sellAmount;
  let quotedFee = feeAmount;
  const matched = withOpenOrders(ctx, {
    sellToken,
    buyToken,
    requested,
    pools: states.map(({ p, state }) => ({ ...p, state })),
    gasPriceWei: gasPrice,
  });
  if (matched && matched.buyAmount > buyAmount) {
    buyAmount = matched.buyAmount;
    quotedFee = matched.networkFeeInSell;
    quotedSellAmount = requested - quotedFee;
  }
  const validTo =
    typeof body.validTo === 'number'
      ? body.validTo
      : ctx.nowSeconds + (typeof body.validFor === 'number' ? body.validFor : ctx.defaultValiditySeconds);
  // Native token atoms per sell token atom, as the API reports it (decimal string of a float).
  const sellTokenPrice = sellIsNative
    ? 1
    : wethIs0
      ? Number(Q96) / Number(midX96)
      : Number(midX96) / Number(Q96);
  return {
    quote: {
      sellToken,
      buyToken,
      receiver: typeof body.receiver === 'string' ? body.receiver : null,
      sellAmount: quotedSellAmount.toString(),
      buyAmount: buyAmount.toString(),
      validTo,
      appData: typeof body.appData === 'string' ? body.appData : `0x${'0'.repeat(64)}`,
      feeAmount: quotedFee.toString(),
      gasAmount: gasAmount.toString(),
      gasPrice: gasPrice.toString(),
      sellTokenPrice: String(sellTokenPrice),
      kind: 'sell',
      partiallyFillable: false,
      sellTokenBalance: 'erc20',
      buyTokenBalance: 'erc20',
      signingScheme: typeof body.signingScheme === 'string' ? body.signingScheme : 'eip712',
    },
    from,
    expiration: new Date((ctx.nowSeconds + 60) * 1000).toISOString(),
    id: quoteId,
    verified: true,
    protocolFeeBps: String(ctx.protocolFeeBps),
  };
}

const QUOTED_UID = `0x${'00'.repeat(56)}` as const;

/** The quoted order's trade in a batch with the book's open orders of the pair, or undefined. */
function withOpenOrders(
  ctx: QuoteContext,
  p: {
    sellToken: Address;
    buyToken: Address;
    requested: bigint;
    pools: Parameters<typeof solveBatch>[0]['pools'];
    gasPriceWei: bigint;
  },
) {
  const opposite = (ctx.openOrders ?? []).filter(
    (o) => o.sellToken === p.buyToken && o.buyToken === p.sellToken,
  );
  if (opposite.length === 0) return undefined;
  const pair = (ctx.openOrders ?? []).filter(
    (o) =>
      (o.sellToken === p.sellToken && o.buyToken === p.buyToken) ||
      (o.sellToken === p.buyToken && o.buyToken === p.sellToken),
  );
  const solution = solveBatch({
    // The quoted order accepts any price here: the quote says what the batch would pay it.
    orders: [
      ...pair,
      {
        uid: QUOTED_UID,
        sellToken: p.sellToken,
        buyToken: p.buyToken,
        sellAmount: p.requested,
        buyAmount: 1n,
      },
    ],
    pools: p.pools,
    gasPriceWei: p.gasPriceWei,
    wrappedNative: ctx.wrappedNative,
    protocolFeeBps: ctx.protocolFeeBps,
    ...(ctx.gas ? { gas: ctx.gas } : {}),
  });
  return solution.pairs.flatMap((s) => s.trades).find((t) => t.uid === QUOTED_UID);
}
