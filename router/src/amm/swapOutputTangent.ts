import type { AmmPool, AmmSwap } from './pool.js';
import { poolMidPrice } from './poolMidPrice.js';

/** A line above a pool's output curve: output(x) ≤ buyAmount − (amountIn − x)·buyPerSell for x ≤ amountIn. */
export type OutputTangent = {
  /** The swap's output raised by its worst-case rounding, buy-token base units (float). */
  buyAmount: number;
  /** The curve's slope at the swap's size, lowered by a float margin: buy units per sell unit. */
  buyPerSell: number;
};

/**
 * The tangent to a pool's output curve at an exact-input swap's size. Both pool kinds' output is
 * concave in the input (each extra unit is sold at a worse price), so the tangent at a size lies
 * above the output of every smaller swap: what a split's cost floor needs (selectRoute's
 * splitCostFloor). The slope is the curve's derivative at the end of the swap:
 * - V3: the fee comes off the input before it moves the price, so it is the price after the
 *   swap times (1 − fee);
 * - V2: the fee stays in the pair, so the price after overstates it; from
 *   out(x) = rOut·γx / (rIn + γx), γ = 1 − fee: out'(x) = γ·rIn·rOut / (rIn + γx)².
 * The integer swap rounds each step against the trader (≤ a unit of output and two of input,
 * fee included), so the exact curve can sit above the swap's output by that much per step:
 * the output is raised by it, and the float slope lowered by 1e-9 of itself.
 */
export function swapOutputTangent(pool: AmmPool, zeroForOne: boolean, swap: AmmSwap): OutputTangent {
  const gamma = 1 - pool.state.fee / 1_000_000;
  let slope: number;
  let steps: number;
  // Output per unit of input before the swap: the most a unit of rounded input is worth.
  let firstPrice: number;
  if (pool.kind === 'uniswap-v3') {
    const before = poolMidPrice(pool);
    const after = poolMidPrice(swap.poolAfter);
    firstPrice = zeroForOne ? before : 1 / before;
    slope = gamma * (zeroForOne ? after : 1 / after);
    // A step ends at each initialized tick crossed and at each tick-bitmap word's edge.
    const ticksMoved =
      swap.poolAfter.kind === 'uniswap-v3' ? Math.abs(swap.poolAfter.state.tick - pool.state.tick) : 0;
    steps = swap.ticksCrossed + 2 + Math.floor(ticksMoved / (256 * pool.state.tickSpacing));
  } else {
    const { reserve0, reserve1 } = pool.state;
    const reserveIn = Number(zeroForOne ? reserve0 : reserve1);
    const reserveOut = Number(zeroForOne ? reserve1 : reserve0);
    const denominator = reserveIn + gamma * Number(swap.amountIn);
    firstPrice = reserveOut / reserveIn;
    slope = (gamma * reserveIn * reserveOut) / (denominator * denominator);
    steps = 1;
  }
  return {
    buyAmount: Number(swap.amountOut) * (1 + 1e-12) + steps * (1 + 3 * firstPrice),
    buyPerSell: slope * (1 - 1e-9),
  };
}
