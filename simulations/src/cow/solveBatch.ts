import { quoteV3ExactIn, quoteV3ExactOut, type V3PoolState } from '@hedge-router/router';
import type { Address, Hex } from 'viem';

/** An open sell order as the solver sees it (amounts in base units of its tokens). */
export type SolverOrder = {
  uid: Hex;
  sellToken: Address;
  buyToken: Address;
  sellAmount: bigint;
  /** The signed limit: the least the order accepts for all of `sellAmount`. */
  buyAmount: bigint;
};

/** A Uniswap V3 pool the solver may route a batch's remainder through, with its state. */
export type SolverPool = {
  address: Address;
  fee: number;
  token0: Address;
  token1: Address;
  state: V3PoolState;
};

/** Settlement gas: the figures CoW Protocol publishes (REFERENCES.md), plus our measured AMM hop. */
export type SettlementGasModel = {
  /** A settlement with one trade (default 125,000). */
  baseGasUnits: bigint;
  /** Each additional trade (default 66,000). */
  perExtraTradeGasUnits: bigint;
  /** A SwapRouter.exactInputSingle interaction with its approve (default 110,000). */
  ammInteractionGasUnits: bigint;
};

/** Defaults of the settlement gas model. */
export const DEFAULT_SETTLEMENT_GAS: SettlementGasModel = {
  baseGasUnits: 125_000n,
  perExtraTradeGasUnits: 66_000n,
  ammInteractionGasUnits: 110_000n,
};

export type SolveBatchParameters = {
  orders: readonly SolverOrder[];
  pools: readonly SolverPool[];
  /** Wei per gas the settlement is expected to pay. */
  gasPriceWei: bigint;
  /** The chain's wrapped native token: gas (wei) converts into a pair's tokens through it. */
  wrappedNative: Address;
  /** Protocol volume fee in bps of each order's output (default 2, CoW's volume fee). */
  protocolFeeBps?: number;
  gas?: SettlementGasModel;
};

/** One order's execution in a solution (base units). */
export type SolvedTrade = {
  uid: Hex;
  sellToken: Address;
  buyToken: Address;
  sellAmount: bigint;
  /** What the order receives: (sellAmount − networkFee) at the clearing price, less the protocol fee. */
  buyAmount: bigint;
  limitBuyAmount: bigint;
  /** Gas share charged in the sell token (kept by the settlement). */
  networkFeeInSell: bigint;
  /** The volume fee, in the buy token (kept by the settlement). */
  protocolFeeInBuy: bigint;
  /** All of sellAmount at the uniform clearing price, before any fee: what EBBO compares. */
  grossBuyAmount: bigint;
  /** What the best configured pool alone would pay for all of sellAmount (the EBBO reference). */
  ammAloneBuyAmount: bigint;
};

/** The AMM hop a pair's remainder takes inside the settlement. */
export type SolvedInteraction = {
  pool: Address;
  fee: number;
  tokenIn: Address;
  tokenOut: Address;
  amountIn: bigint;
  /** Exactly what the payouts need; the settlement reverts if the pool pays less. */
  amountOutMinimum: bigint;
};

/** One token pair's part of a batch. */
export type PairSolution = {
  token0: Address;
  token1: Address;
  /** Uniform clearing price, token1 base units per token0 base unit, Q64.96. */
  clearingPriceX96: bigint;
  /** 'coincidence-of-wants': matched at the pool mid with no AMM hop; 'amm': a remainder was routed. */
  kind: 'coincidence-of-wants' | 'amm';
  trades: SolvedTrade[];
  interaction: SolvedInteraction | undefined;
  gasUnits: bigint;
};

export type BatchSolution = {
  pairs: PairSolution[];
  /** Orders left out of this batch (they stay open), with why. */
  skipped: { uid: Hex; reason: string }[];
};

const Q96 = 2n ** 96n;
const BPS = 10_000n;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Solves one batch auction: per token pair, matches opposite orders at one uniform clearing
 * price and routes the remainder through the best Uniswap V3 pool. If the two sides balance at
 * the pool's mid price within the fees the settlement keeps, they trade at the mid with no AMM
 * hop (no LP fee, no impact); otherwise the clearing price is the best one at which the pool can
 * absorb the excess side. Every order must get at least its limit and, at the clearing price
 * before fees, at least what the best pool alone would pay it (EBBO); an order that does not is
 * left for a later batch and the pair is solved again without it. Orders pay a network fee in
 * their sell token (their share of the settlement's gas at `gasPriceWei`) and the protocol fee
 * (`protocolFeeBps` of the output); both stay in the settlement contract. Pure: amounts exact.
 */
export function solveBatch(params: SolveBatchParameters): BatchSolution {
  const skipped: BatchSolution['skipped'] = [];
  const byPair = new Map<string, SolverOrder[]>();
  for (const order of params.orders) {
    const [a, b] = [order.sellToken.toLowerCase(), order.buyToken.toLowerCase()].sort();
    const key = `${a}:${b}`;
    byPair.set(key, [...(byPair.get(key) ?? []), order]);
  }
  const pairs: PairSolution[] = [];
  for (const [key, orders] of byPair) {
    const [t0, t1] = key.split(':') as [string, string];
    const pools = params.pools.filter((p) => same(p.token0, t0) && same(p.token1, t1));
    if (pools.length === 0) {
      for (const o of orders) skipped.push({ uid: o.uid, reason: 'no liquidity for the pair' });
      continue;
    }
    let live = orders;
    for (;;) {
      if (live.length === 0) break;
      const attempt = solvePair(params, pools, live);
      if (attempt.ok) {
        pairs.push(attempt.solution);
        break;
      }
      skipped.push({ uid: attempt.drop, reason: attempt.reason });
      live = live.filter((o) => o.uid !== attempt.drop);
    }
  }
  return { pairs, skipped };
}

type PairAttempt = { ok: true; solution: PairSolution } | { ok: false; drop: Hex; reason: string };

function solvePair(
  params: SolveBatchParameters,
  pools: readonly SolverPool[],
  orders: SolverOrder[],
): PairAttempt {
  const pf = BigInt(params.protocolFeeBps ?? 2);
  const gas = params.gas ?? DEFAULT_SETTLEMENT_GAS;
  const { token0, token1 } = pools[0] as SolverPool;
  // The reference mid: the deepest pool's price.
  const reference = [...pools].sort((a, b) =>
    b.state.liquidity > a.state.liquidity ? 1 : -1,
  )[0] as SolverPool;
  const midX96 = (reference.state.sqrtPriceX96 * reference.state.sqrtPriceX96) / Q96;
  const side0 = orders.filter((o) => same(o.sellToken, token0));
  const side1 = orders.filter((o) => same(o.sellToken, token1));
  const in0 = side0.reduce((s, o) => s + o.sellAmount, 0n);
  const in1 = side1.reduce((s, o) => s + o.sellAmount, 0n);
  const n = BigInt(orders.length);

  const feesFor = (gasUnits: bigint) => {
    const perOrderWei = (gasUnits * params.gasPriceWei) / n;
    return new Map(
      orders.map((o) => [
        o.uid,
        weiInToken(perOrderWei, o.sellToken, params.wrappedNative, token0, token1, midX96),
      ]),
    );
  };
  const payouts = (rX96: bigint, fees: Map<Hex, bigint> | undefined) =>
    orders.map((o) => {
      const zeroIn = same(o.sellToken, token0);
      const net = o.sellAmount - (fees?.get(o.uid) ?? 0n);
      const gross = net <= 0n ? 0n : zeroIn ? (net * rX96) / Q96 : (net * Q96) / rX96;
      const buy = fees ? (gross * (BPS - pf)) / BPS : gross;
      return { order: o, zeroIn, gross, buy };
    });
  const feasibility = (rX96: bigint, fees: Map<Hex, bigint> | undefined, pool: SolverPool | undefined) => {
    const pay = payouts(rX96, fees);
    const pay1 = pay.filter((p) => p.zeroIn).reduce((s, p) => s + p.buy, 0n);
    const pay0 = pay.filter((p) => !p.zeroIn).reduce((s, p) => s + p.buy, 0n);
    if (pay1 <= in1 && pay0 <= in0) return { ok: true as const, pay, interaction: undefined };
    if (!pool || (pay1 > in1 && pay0 > in0)) return { ok: false as const };
    const zeroForOne = pay1 > in1;
    const needed = zeroForOne ? pay1 - in1 : pay0 - in0;
    const spare = zeroForOne ? in0 - pay0 : in1 - pay1;
    const q = quoteV3ExactOut(pool.state, { zeroForOne, amountOut: needed });
    if (q.hitPriceLimit || q.amountIn > spare) return { ok: false as const };
    const interaction: SolvedInteraction = {
      pool: pool.address,
      fee: pool.fee,
      tokenIn: zeroForOne ? token0 : token1,
      tokenOut: zeroForOne ? token1 : token0,
      amountIn: q.amountIn,
      amountOutMinimum: needed,
    };
    return { ok: true as const, pay, interaction };
  };

  // 1. Coincidence of wants at the mid: the sides balance within the fees the settlement keeps.
  let kind: PairSolution['kind'] = 'coincidence-of-wants';
  let gasUnits = gas.baseGasUnits + gas.perExtraTradeGasUnits * (n - 1n);
  let fees = feesFor(gasUnits);
  let rX96 = midX96;
  let chosenPool: SolverPool | undefined;
  if (!feasibility(midX96, fees, undefined).ok) {
    // 2. A remainder goes through a pool: the clearing price is the best one at which the pool
    // absorbs the excess side's payouts before fees (the fees then only add slack).
    kind = 'amm';
    gasUnits += gas.ammInteractionGasUnits;
    fees = feesFor(gasUnits);
    const grossAtMid = payouts(midX96, undefined);
    const excess0 = grossAtMid.filter((p) => p.zeroIn).reduce((s, p) => s + p.gross, 0n) > in1;
    let best: bigint | undefined;
    for (const pool of pools) {
      const r = boundaryPrice(excess0, midX96, in0, in1, (r) => feasibility(r, undefined, pool).ok);
      if (r !== undefined && (best === undefined || (excess0 ? r > best : r < best))) {
        best = r;
        chosenPool = pool;
      }
    }
    if (best === undefined) {
      const first = orders[0] as SolverOrder;
      return { ok: false, drop: first.uid, reason: 'no pool can absorb the batch remainder' };
    }
    rX96 = best;
  }

  const final = feasibility(rX96, fees, chosenPool);
  if (!final.ok) {
    const first = orders[0] as SolverOrder;
    return { ok: false, drop: first.uid, reason: 'settlement does not balance at the clearing price' };
  }
  const trades: SolvedTrade[] = final.pay.map(({ order, zeroIn, buy }) => {
    const grossBuyAmount = zeroIn ? (order.sellAmount * rX96) / Q96 : (order.sellAmount * Q96) / rX96;
    const ammAloneBuyAmount = pools.reduce((best, p) => {
      const q = quoteV3ExactIn(p.state, { zeroForOne: zeroIn, amountIn: order.sellAmount });
      return q.amountOut > best ? q.amountOut : best;
    }, 0n);
    const networkFeeInSell = fees.get(order.uid) ?? 0n;
    const net = order.sellAmount - networkFeeInSell;
    const grossNet = net <= 0n ? 0n : zeroIn ? (net * rX96) / Q96 : (net * Q96) / rX96;
    return {
      uid: order.uid,
      sellToken: order.sellToken,
      buyToken: order.buyToken,
      sellAmount: order.sellAmount,
      buyAmount: buy,
      limitBuyAmount: order.buyAmount,
      networkFeeInSell,
      protocolFeeInBuy: grossNet - buy,
      grossBuyAmount,
      ammAloneBuyAmount,
    };
  });
  // Limits first (the contract would revert), then EBBO; drop the worst offender and re-solve.
  const worst = (ratio: (t: SolvedTrade) => number) =>
    trades.reduce((w, t) => (ratio(t) < ratio(w) ? t : w), trades[0] as SolvedTrade);
  const belowLimit = trades.filter((t) => t.buyAmount < t.limitBuyAmount);
  if (belowLimit.length > 0) {
    const t = worst((x) =>
      x.buyAmount < x.limitBuyAmount ? Number(x.buyAmount) / Number(x.limitBuyAmount) : 2,
    );
    return {
      ok: false,
      drop: t.uid,
      reason: `limit not met: ${t.buyAmount} < ${t.limitBuyAmount} at the clearing price`,
    };
  }
  const belowEbbo = trades.filter((t) => t.grossBuyAmount < t.ammAloneBuyAmount);
  if (belowEbbo.length > 0) {
    const t = worst((x) =>
      x.grossBuyAmount < x.ammAloneBuyAmount ? Number(x.grossBuyAmount) / Number(x.ammAloneBuyAmount) : 2,
    );
    return {
      ok: false,
      drop: t.uid,
      reason: `EBBO: ${t.grossBuyAmount} at the clearing price < ${t.ammAloneBuyAmount} from the pool alone`,
    };
  }
  return {
    ok: true,
    solution: {
      token0,
      token1,
      clearingPriceX96: rX96,
      kind,
      trades,
      interaction: final.interaction,
      gasUnits,
    },
  };
}

/**
 * The best clearing price a pool allows when one side is in excess: the highest feasible price
 * below the mid when token0 sellers are in excess, the lowest above it otherwise. Bisection
 * between the infeasible mid and a price where the sides match on their own (always feasible).
 */
function boundaryPrice(
  excess0: boolean,
  midX96: bigint,
  in0: bigint,
  in1: bigint,
  feasible: (rX96: bigint) => boolean,
): bigint | undefined {
  // Where the sides match without any pool: in0 · r = in1 (rounded so neither side is short).
  const matchX96 = in0 === 0n ? 2n ** 192n : in1 === 0n ? 1n : (in1 * Q96 + in0 - 1n) / in0;
  let good = excess0 ? (in1 === 0n ? 1n : matchX96) : in0 === 0n ? 2n ** 192n : (in1 * Q96) / in0;
  let bad = midX96;
  if (!feasible(good)) return undefined;
  // Invariant: `good` feasible, `bad` not; stop when adjacent.
  for (let i = 0; i < 256; i++) {
    const gap = good > bad ? good - bad : bad - good;
    if (gap <= 1n) break;
    const mid = (good + bad) / 2n;
    if (feasible(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

/** Wei converted to `token` at the pair's mid (zero if neither side is the wrapped native token). */
function weiInToken(
  wei: bigint,
  token: Address,
  wrappedNative: Address,
  token0: Address,
  token1: Address,
  midX96: bigint,
): bigint {
  if (same(token, wrappedNative)) return wei;
  if (same(token0, wrappedNative) && same(token, token1)) return (wei * midX96) / Q96;
  if (same(token1, wrappedNative) && same(token, token0)) return (wei * Q96) / midX96;
  // No conversion path: the solver covers the gas of such pairs.
  return 0n;
}
