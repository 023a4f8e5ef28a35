import type { AmmPool } from '../amm/pool.js';
import { breakEvenMinAmountOut } from './breakEvenMinAmountOut.js';
import { expectedMevLeakage } from './expectedMevLeakage.js';
import { describeSandwich, type OptimalSandwichReturnType, optimalSandwich } from './optimalSandwich.js';

export type ChooseSlippageBoundParameters = {
  pool: AmmPool;
  zeroForOne: boolean;
  /** The swap's input, sell-token base units. */
  amountIn: bigint;
  /** The least the swap may return (from the intent's limit), buy-token base units. */
  limitAmountOut: bigint;
  /** Searcher's all-in attack cost in the sell token, base units. */
  searcherCost: bigint;
  /** Probability in [0, 1] that a searcher is watching. */
  attackProbability: number;
  /**
   * The least slippage room, in bps of the unattacked output, the swap needs to survive ordinary
   * price moves before inclusion (default 0). A break-even bound tighter than this would make the
   * swap revert too often, so it counts as infeasible, and the bound leaves exactly this room
   * instead (never looser than the limit), with the leakage that room allows.
   */
  minToleranceBps?: number;
};

export type ChooseSlippageBoundReturnType = {
  /** The minimum output to put on chain, buy-token base units. */
  minAmountOut: bigint;
  /** The swap's unattacked output, buy-token base units. */
  amountOutUnattacked: bigint;
  /** The break-even bound (0n if no attack ever pays). */
  breakEvenMinAmountOut: bigint;
  /** True when minAmountOut is the break-even bound (tighter than the limit and feasible). */
  protectedByBound: boolean;
  /**
   * True when the break-even bound was infeasible and minAmountOut is instead the tolerance bound
   * (the unattacked output less `minToleranceBps`), tighter than the limit: a sandwich may still
   * pay, but it can take no more than that room.
   */
  cappedByTolerance: boolean;
  /** The searcher's best attack at minAmountOut. */
  sandwich: OptimalSandwichReturnType;
  /** Expected loss to sandwiches at minAmountOut, buy-token base units. */
  expectedLeakage: bigint;
};

/**
 * The slippage bound a public-mempool swap should carry: the tighter of the intent's limit and
 * the break-even bound (no profitable sandwich), when the break-even bound is feasible (it
 * leaves at least `minToleranceBps` of room below the unattacked output); otherwise the tighter
 * of the limit and the tolerance bound (the unattacked output less `minToleranceBps`), with the
 * expected MEV leakage it leaves. A sandwich takes the victim down to its bound, so falling back
 * to the limit itself would hand a searcher all of the intent's room (a 3% limit leaked 150 to
 * 280 bps on large hedges); the tolerance bound caps the loss at the room the swap needs anyway.
 * Amounts in base units.
 */
export function chooseSlippageBound({
  pool,
  zeroForOne,
  amountIn,
  limitAmountOut,
  searcherCost,
  attackProbability,
  minToleranceBps = 0,
}: ChooseSlippageBoundParameters): ChooseSlippageBoundReturnType {
  const breakEven = breakEvenMinAmountOut({ pool, zeroForOne, amountIn, searcherCost });
  const room = (breakEven.amountOutUnattacked * BigInt(Math.ceil(minToleranceBps * 100))) / 1_000_000n;
  const toleranceBound = breakEven.amountOutUnattacked - room;
  const feasible = breakEven.feasible && breakEven.minAmountOut <= toleranceBound;
  const protectedByBound = feasible && breakEven.minAmountOut > limitAmountOut;
  // Infeasible break-even bound: the least room the swap needs, and no more, for a searcher.
  const cappedByTolerance = !feasible && toleranceBound > limitAmountOut;
  const minAmountOut = protectedByBound
    ? breakEven.minAmountOut
    : cappedByTolerance
      ? toleranceBound
      : limitAmountOut;
  // At or above the break-even bound every profitable front-run is already infeasible (that is
  // how the bound is built): a rational searcher does not attack, and there is nothing to
  // search. Only a looser limit needs the full search for the optimal attack.
  const sandwich =
    breakEven.feasible && minAmountOut >= breakEven.minAmountOut
      ? describeSandwich({
          attack: breakEven.unattacked,
          unattacked: breakEven.unattacked,
          maxFrontRunAmountIn: breakEven.largestSafeFrontRunAmountIn,
          victimFeasible: true,
          searcherCost,
        })
      : optimalSandwich({
          pool,
          zeroForOne,
          victimAmountIn: amountIn,
          victimMinAmountOut: minAmountOut,
          searcherCost,
        });
  return {
    minAmountOut,
    amountOutUnattacked: breakEven.amountOutUnattacked,
    breakEvenMinAmountOut: breakEven.minAmountOut,
    protectedByBound,
    cappedByTolerance,
    sandwich,
    expectedLeakage: expectedMevLeakage({ sandwich, attackProbability }),
  };
}
