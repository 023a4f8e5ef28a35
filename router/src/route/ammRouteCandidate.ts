import type { AmmPool } from '../amm/pool.js';
import { poolMidPrice } from '../amm/poolMidPrice.js';
import { swapExactInCached } from '../amm/swapExactInCached.js';
import { swapOutputTangent } from '../amm/swapOutputTangent.js';
import type { RouteQuote, RouteTiming } from '../cost/types.js';
import { chooseSlippageBound } from '../mev/chooseSlippageBound.js';
import type { QuoteRouteParameters, RouteCandidate } from './types.js';

export type AmmRouteCandidateParameters = {
  id: string;
  /** Defaults to 'public-amm' or 'protected-amm' by `mempool`. */
  venue?: string;
  /** Shared by every candidate that trades on this pool (e.g. the pool address). */
  liquiditySource: string;
  pool: AmmPool;
  /** Direction of the intent on the pool: true when the sell token is token0. */
  zeroForOne: boolean;
  /**
   * 'public': the swap waits in the public mempool, where searchers may sandwich it, so its bound
   * is tightened to the break-even bound where feasible. 'private': a private RPC or bundle that
   * searchers cannot see; the bound is the leg's limit.
   */
  mempool: 'public' | 'private';
  /** Gas of the swap transaction with no tick crossed (≈ 127k for exactInputSingle). */
  gasUnits: bigint;
  /** Extra gas per initialized tick crossed (default 0n). */
  gasUnitsPerTickCrossed?: bigint;
  timing: RouteTiming;
  /** A fixed tip to a relay or builder, buy-token base units (default 0n); counted as a fee. */
  tipInBuy?: bigint;
  /** Public only: probability in [0, 1] that a searcher watches and attacks when it pays. */
  attackProbability?: number;
  /** Public only: the searcher's all-in cost of an attack in sell-token base units. */
  searcherCost?: bigint;
  /** Public only: least slippage room (bps) a bound must leave to be usable (see chooseSlippageBound). */
  minToleranceBps?: number;
};

/**
 * A route through one AMM pool as a candidate: each quote simulates the swap exactly on the pool
 * state, converts the LP fee to the buy token at the pool's price, adds gas per tick crossed,
 * and for the public mempool sets the slippage bound and expected MEV leakage from the sandwich
 * model. Sizes the pool cannot absorb, or that miss the leg's limit, get no quote.
 */
export function ammRouteCandidate(p: AmmRouteCandidateParameters): RouteCandidate {
  const perTick = p.gasUnitsPerTickCrossed ?? 0n;
  const tip = p.tipInBuy ?? 0n;
  // Buy units per sell unit at the pool's current marginal price: converts the LP fee.
  const token1PerToken0 = poolMidPrice(p.pool);
  const buyPerSell = p.zeroForOne ? token1PerToken0 : 1 / token1PerToken0;
  // The swap, fees and gas of a quote: everything but the slippage bound and MEV analysis.
  const base = (sellAmount: bigint, limitBuyAmount: bigint): RouteQuote | undefined => {
    if (sellAmount <= 0n) return undefined;
    const swap = swapExactInCached(p.pool, { zeroForOne: p.zeroForOne, amountIn: sellAmount });
    if (swap.amountIn !== sellAmount) return undefined; // the pool's range ends first
    const expectedBuyAmount = swap.amountOut - tip;
    // A swap that buys nothing (dust: the pool rounds it to zero) is no route, whatever the limit.
    if (expectedBuyAmount <= 0n || expectedBuyAmount < limitBuyAmount) return undefined;
    return {
      sellAmount,
      expectedBuyAmount,
      minBuyAmount: limitBuyAmount,
      feesInBuy: BigInt(Math.round(Number(swap.feeAmount) * buyPerSell)) + tip,
      gasUnits: p.gasUnits + perTick * BigInt(swap.ticksCrossed),
      mevLeakageInBuy: 0n,
      timing: p.timing,
      revertTolerance: Number(expectedBuyAmount - limitBuyAmount) / Number(expectedBuyAmount),
    };
  };
  // An optimistic public quote: no leakage and the highest fill probability (no revert risk).
  // It never costs more than the real one as long as a non-fill loses at least as much time as
  // a fill takes (true for timingFromAttempts), since then a lower fill probability only adds cost.
  const lowerBound =
    p.mempool === 'public' && p.timing.secondsLostOnNonFill >= p.timing.expectedSecondsToFill
      ? {
          quoteLowerBound: ({ sellAmount, limitBuyAmount }: QuoteRouteParameters) => {
            const quote = base(sellAmount, limitBuyAmount);
            if (quote === undefined) return undefined;
            quote.revertTolerance = undefined; // a fresh object: base builds one per call
            return quote;
          },
        }
      : {};
  return {
    id: p.id,
    venue: p.venue ?? (p.mempool === 'public' ? 'public-amm' : 'protected-amm'),
    liquiditySource: p.liquiditySource,
    ...lowerBound,
    // An exact-in swap returns at most its input after the LP fee at the current marginal price
    // (the price only moves against it, and the pool rounds against the trader); the float
    // price is raised by 1e-9 so its own rounding cannot make the bound too low. The tip and
    // ticks crossed only lower the output or add gas.
    costFloor: {
      maxBuyPerSell: buyPerSell * (1 - p.pool.state.fee / 1_000_000) * (1 + 1e-9),
      minGasUnits: p.gasUnits,
      // The swap at that size is usually in the memo already: the route search priced it whole.
      outputTangentAt: (sellAmount) => {
        if (sellAmount <= 0n) return undefined;
        const swap = swapExactInCached(p.pool, { zeroForOne: p.zeroForOne, amountIn: sellAmount });
        return swap.amountIn === sellAmount ? swapOutputTangent(p.pool, p.zeroForOne, swap) : undefined;
      },
    },
    quote({ sellAmount, limitBuyAmount }): RouteQuote | undefined {
      const quote = base(sellAmount, limitBuyAmount);
      if (quote === undefined || p.mempool === 'private') return quote;
      const bound = chooseSlippageBound({
        pool: p.pool,
        zeroForOne: p.zeroForOne,
        amountIn: sellAmount,
        // The tip is paid from the output, so the swap itself must return the limit plus it.
        limitAmountOut: limitBuyAmount + tip,
        searcherCost: p.searcherCost ?? 0n,
        attackProbability: p.attackProbability ?? 1,
        minToleranceBps: p.minToleranceBps ?? 0,
      });
      const minBuyAmount = bound.minAmountOut - tip;
      // Every field written out (not `...quote` then overrides): a spread that overrides keys is
      // a slow generic copy, and this runs for every public quote of a route search.
      return {
        sellAmount: quote.sellAmount,
        expectedBuyAmount: quote.expectedBuyAmount,
        minBuyAmount,
        feesInBuy: quote.feesInBuy,
        gasUnits: quote.gasUnits,
        mevLeakageInBuy: bound.expectedLeakage,
        timing: quote.timing,
        revertTolerance: Number(quote.expectedBuyAmount - minBuyAmount) / Number(quote.expectedBuyAmount),
        details: {
          breakEvenMinAmountOut: bound.breakEvenMinAmountOut,
          protectedByBound: bound.protectedByBound,
          cappedByTolerance: bound.cappedByTolerance,
          sandwichProfitable: bound.sandwich.profitable,
          sandwichFrontRunAmountIn: bound.sandwich.frontRunAmountIn,
          sandwichVictimLoss: bound.sandwich.victimLoss,
        },
      };
    },
  };
}
