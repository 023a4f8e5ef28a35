// SwapMath.computeSwapStep (v3-core libraries/SwapMath.sol, v1.0.0) in bigint.
import { FEE_DENOMINATOR_PIPS } from './constants.js';
import { mulDiv, mulDivRoundingUp } from './fullMath.js';
import {
  getAmount0Delta,
  getAmount1Delta,
  getNextSqrtPriceFromInput,
  getNextSqrtPriceFromOutput,
} from './sqrtPriceMath.js';

export type ComputeSwapStepReturnType = {
  /** Sqrt price (Q64.96) after the step. */
  sqrtRatioNextX96: bigint;
  /** Input consumed by the step, excluding the fee, in input-token base units. */
  amountIn: bigint;
  /** Output of the step, in output-token base units. */
  amountOut: bigint;
  /** LP fee (including any protocol share) taken by the step, in input-token base units. */
  feeAmount: bigint;
};

// 1e6 − fee for the last fee seen: a swap steps dozens of times at one fee, and each bigint
// subtraction is a fresh heap allocation.
let lastFeePips = -1n;
let lastFeeComplement = 0n;
function feeComplement(feePips: bigint): bigint {
  if (feePips !== lastFeePips) {
    lastFeeComplement = FEE_DENOMINATOR_PIPS - feePips;
    lastFeePips = feePips;
  }
  return lastFeeComplement;
}

/**
 * One swap step inside a single liquidity range, exactly as SwapMath.computeSwapStep: moves the
 * price from `sqrtRatioCurrentX96` toward `sqrtRatioTargetX96` (both Q64.96) at `liquidity`,
 * consuming at most `amountRemaining` (> 0: exact input, < 0: exact output, in base units), with
 * `feePips` in hundredths of a bip (3000 = 0.30 %).
 */
export function computeSwapStep(
  sqrtRatioCurrentX96: bigint,
  sqrtRatioTargetX96: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: bigint,
): ComputeSwapStepReturnType {
  const zeroForOne = sqrtRatioCurrentX96 >= sqrtRatioTargetX96;
  const exactIn = amountRemaining >= 0n;
  let sqrtRatioNextX96: bigint;
  let amountIn = 0n;
  let amountOut = 0n;

  if (exactIn) {
    const amountRemainingLessFee = mulDiv(amountRemaining, feeComplement(feePips), FEE_DENOMINATOR_PIPS);
    amountIn = zeroForOne
      ? getAmount0Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, true)
      : getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, true);
    sqrtRatioNextX96 =
      amountRemainingLessFee >= amountIn
        ? sqrtRatioTargetX96
        : getNextSqrtPriceFromInput(sqrtRatioCurrentX96, liquidity, amountRemainingLessFee, zeroForOne);
  } else {
    amountOut = zeroForOne
      ? getAmount1Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, false)
      : getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, false);
    sqrtRatioNextX96 =
      -amountRemaining >= amountOut
        ? sqrtRatioTargetX96
        : getNextSqrtPriceFromOutput(sqrtRatioCurrentX96, liquidity, -amountRemaining, zeroForOne);
  }

  const max = sqrtRatioTargetX96 === sqrtRatioNextX96;
  if (zeroForOne) {
    if (!(max && exactIn)) amountIn = getAmount0Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, true);
    if (!(max && !exactIn))
      amountOut = getAmount1Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, false);
  } else {
    if (!(max && exactIn)) amountIn = getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, true);
    if (!(max && !exactIn))
      amountOut = getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, false);
  }

  // The exact-output path can overshoot by rounding; the contract caps it at what was asked.
  if (!exactIn && amountOut > -amountRemaining) amountOut = -amountRemaining;

  const feeAmount =
    exactIn && sqrtRatioNextX96 !== sqrtRatioTargetX96
      ? amountRemaining - amountIn // the remainder of the input is all fee
      : mulDivRoundingUp(amountIn, feePips, feeComplement(feePips));

  return { sqrtRatioNextX96, amountIn, amountOut, feeAmount };
}

/**
 * computeSwapStep for an exact-input step the caller already knows will not reach its target
 * (a step table recorded this very step, from this state, taking more input plus fee than
 * `amountRemaining`; see v3SwapPath). The full version computes the input to the target only to
 * decide that; this one skips it (for a zeroForOne step, two bigint divisions) and returns the
 * same result. That skipped input cannot throw here: the table computed it from this state.
 * Undefined in the one case where the full version would still use it (the rounded price lands
 * exactly on the target): call computeSwapStep then.
 */
export function computeSwapStepExactInPartial(
  sqrtRatioCurrentX96: bigint,
  sqrtRatioTargetX96: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: bigint,
): ComputeSwapStepReturnType | undefined {
  const zeroForOne = sqrtRatioCurrentX96 >= sqrtRatioTargetX96;
  const amountRemainingLessFee = mulDiv(amountRemaining, feeComplement(feePips), FEE_DENOMINATOR_PIPS);
  const sqrtRatioNextX96 = getNextSqrtPriceFromInput(
    sqrtRatioCurrentX96,
    liquidity,
    amountRemainingLessFee,
    zeroForOne,
  );
  if (sqrtRatioNextX96 === sqrtRatioTargetX96) return undefined;
  const amountIn = zeroForOne
    ? getAmount0Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, true)
    : getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, true);
  const amountOut = zeroForOne
    ? getAmount1Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, false)
    : getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, false);
  // The remainder of the input is all fee, as in the full version when the target is not reached.
  return { sqrtRatioNextX96, amountIn, amountOut, feeAmount: amountRemaining - amountIn };
}
