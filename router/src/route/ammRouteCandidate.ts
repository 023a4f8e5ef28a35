import type { AmmPool } from '../amm/pool.js';
import { poolMidPrice } from '../amm/poolMidPrice.js';
import { swapExactInCached } from '../amm/swapExactInCached.js';
import type { RouteQuote, RouteTiming } from '../cost/types.js';
import { chooseSlippageBound } from '../mev/chooseSlippageBound.js';
import type { RouteCandidate } from './types.js';

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
  return {
    id: p.id,
    venue: p.venue ?? (p.mempool === 'public' ? 'public-amm' : 'protected-amm'),
    liquiditySource: p.liquiditySource,
    quote({ sellAmount, limitBuyAmount }): RouteQuote | undefined {
      if (sellAmount <= 0n) return undefined;
      const swap = swapExactInCached(p.pool, { zeroForOne: p.zeroForOne, amountIn: sellAmount });
      if (swap.amountIn !== sellAmount) return undefined; // the pool's range ends first
      const expectedBuyAmount = swap.amountOut - tip;
      if (expectedBuyAmount < limitBuyAmount) return undefined;
      const feesInBuy = BigInt(Math.round(Number(swap.feeAmount) * buyPerSell)) + tip;
      const gasUnits = p.gasUnits + perTick * BigInt(swap.ticksCrossed);
      if (p.mempool === 'private') {
        return {
          sellAmount,
          expectedBuyAmount,
          minBuyAmount: limitBuyAmount,
          feesInBuy,
          gasUnits,
          mevLeakageInBuy: 0n,
          timing: p.timing,
          revertTolerance: Number(expectedBuyAmount - limitBuyAmount) / Number(expectedBuyAmount),
        };
      }
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
      return {
        sellAmount,
        expectedBuyAmount,
        minBuyAmount,
        feesInBuy,
        gasUnits,
        mevLeakageInBuy: bound.expectedLeakage,
        timing: p.timing,
        revertTolerance: Number(expectedBuyAmount - minBuyAmount) / Number(expectedBuyAmount),
        details: {
          breakEvenMinAmountOut: bound.breakEvenMinAmountOut,
          protectedByBound: bound.protectedByBound,
          sandwichProfitable: bound.sandwich.profitable,
          sandwichFrontRunAmountIn: bound.sandwich.frontRunAmountIn,
          sandwichVictimLoss: bound.sandwich.victimLoss,
        },
      };
    },
  };
}
