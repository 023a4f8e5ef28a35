import type { AmmPool, AmmSwap } from '../amm/pool.js';
import { swapExactIn } from '../amm/swapExactIn.js';
import { swapExactInCached } from '../amm/swapExactInCached.js';
import { isHedgeRouterError } from '../errors/index.js';

export type SimulateSandwichParameters = {
  pool: AmmPool;
  /** The victim's direction (the front-run goes the same way, the back-run the other). */
  zeroForOne: boolean;
  /** Victim's input, in base units of the token it sells. */
  victimAmountIn: bigint;
  /** Searcher's front-run input, in the same token (0n: no attack). */
  frontRunAmountIn: bigint;
};

export type SimulatedSandwich = {
  frontRunAmountIn: bigint;
  /** Bought by the front-run (buy-token base units) and sold back by the back-run. */
  frontRunAmountOut: bigint;
  /** What the victim receives behind the front-run, in buy-token base units. */
  victimAmountOut: bigint;
  /** Sell-token base units the back-run returns to the searcher. */
  backRunAmountOut: bigint;
  /** backRunAmountOut − frontRunAmountIn, in sell-token base units: the searcher's profit after pool fees, before its own costs. */
  grossProfit: bigint;
  /** False when the front-run would exhaust the pool's range (not a real attack). */
  valid: boolean;
};

/**
 * Front-run, victim, back-run in one block on exact pool math: the searcher sells
 * `frontRunAmountIn` the victim's way, the victim trades, the searcher sells everything it
 * bought back. Amounts in base units of the tokens named.
 */
export function simulateSandwich({
  pool,
  zeroForOne,
  victimAmountIn,
  frontRunAmountIn,
}: SimulateSandwichParameters): SimulatedSandwich {
  if (frontRunAmountIn <= 0n) {
    const victim = swapExactInCached(pool, { zeroForOne, amountIn: victimAmountIn });
    return {
      frontRunAmountIn: 0n,
      frontRunAmountOut: 0n,
      victimAmountOut: victim.amountIn === victimAmountIn ? victim.amountOut : 0n,
      backRunAmountOut: 0n,
      grossProfit: 0n,
      valid: victim.amountIn === victimAmountIn,
    };
  }
  // A front-run size is specific to one search: computed directly, not memoised, so it does not
  // crowd the per-pool swap memo out of the victim-sized swaps candidates share.
  const legs = sandwichLegs(pool, zeroForOne, frontRunAmountIn, victimAmountIn);
  if (legs === undefined) return invalidSandwich(frontRunAmountIn, 0n);
  return completeSandwich(zeroForOne, victimAmountIn, frontRunAmountIn, legs.front, legs.victim);
}

/**
 * The front-run from `pool` and the victim's swap behind it, or undefined when the attack
 * reverts on chain: a front-run the pool cannot take whole (its price range ends) or that buys
 * nothing, or either swap's math overflowing uint256 or starting at the range's end. A search
 * for the largest feasible front-run doubles it until it fails, and with a victim minimum near
 * 0 only these limits end it.
 */
export function sandwichLegs(
  pool: AmmPool,
  zeroForOne: boolean,
  frontRunAmountIn: bigint,
  victimAmountIn: bigint,
): { front: AmmSwap; victim: AmmSwap } | undefined {
  try {
    const front = swapExactIn(pool, { zeroForOne, amountIn: frontRunAmountIn });
    if (front.amountIn !== frontRunAmountIn || front.amountOut <= 0n) return undefined;
    const victim = swapExactIn(front.poolAfter, { zeroForOne, amountIn: victimAmountIn });
    return { front, victim };
  } catch (error) {
    if (
      isHedgeRouterError(error, 'POOL_MATH_OVERFLOW') ||
      isHedgeRouterError(error, 'PRICE_LIMIT_OUT_OF_RANGE')
    )
      return undefined;
    throw error;
  }
}

function invalidSandwich(frontRunAmountIn: bigint, frontRunAmountOut: bigint): SimulatedSandwich {
  return {
    frontRunAmountIn,
    frontRunAmountOut,
    victimAmountOut: 0n,
    backRunAmountOut: 0n,
    grossProfit: -frontRunAmountIn,
    valid: false,
  };
}

/**
 * The sandwich given its first two legs (front-run from the pool, then the victim behind it):
 * checks them and adds the back-run. Split out so a search can look at the victim's output
 * behind a front-run (all a feasibility test needs) before paying for the back-run.
 */
export function completeSandwich(
  zeroForOne: boolean,
  victimAmountIn: bigint,
  frontRunAmountIn: bigint,
  front: AmmSwap,
  victim: AmmSwap,
): SimulatedSandwich {
  const valid =
    front.amountIn === frontRunAmountIn && victim.amountIn === victimAmountIn && front.amountOut > 0n;
  if (!valid) return invalidSandwich(frontRunAmountIn, front.amountOut);
  const back = swapExactIn(victim.poolAfter, { zeroForOne: !zeroForOne, amountIn: front.amountOut });
  return {
    frontRunAmountIn,
    frontRunAmountOut: front.amountOut,
    victimAmountOut: victim.amountOut,
    backRunAmountOut: back.amountOut,
    grossProfit: back.amountOut - frontRunAmountIn,
    valid,
  };
}
