/** One side of a cross: what it sells and the least it accepts for all of it (base units). */
export type NettingSide = { sellAmount: bigint; minBuyAmount: bigint };

/**
 * The mid price as an exact ratio: `numerator / denominator` units of A's buy token (B's sell
 * token) per unit of A's sell token. From a V3 pool: A sells token0 → (sqrtPriceX96², 2¹⁹²);
 * A sells token1 → (2¹⁹², sqrtPriceX96²).
 */
export type MidRatio = { numerator: bigint; denominator: bigint };

/** Two opposite intents crossed at the mid, and what is left of each to route. */
export type CrossResult = {
  /** A's crossed part: A sells `aSells` of its sell token and receives `bSells`. */
  aSells: bigint;
  /** B's crossed part: B sells `bSells` (A's buy token) and receives `aSells`. */
  bSells: bigint;
  /** Each crossed leg's minimum: its pro-rata share of its intent's limit (rounded up). */
  aMinBuy: bigint;
  bMinBuy: bigint;
  /** What remains to route; the remainders' minimums keep each intent's total limit. */
  remainderA: NettingSide;
  remainderB: NettingSide;
};

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/**
 * Crosses two opposite intents (A sells X for Y, B sells Y for X) at the mid price, as much as
 * the smaller side allows: the smaller side sells all of its amount and receives its mid value
 * rounded down (at most one base unit less than exact), the larger side sells that much. Each crossed leg's minimum is its share of its intent's limit,
 * ceil(sold · minBuy / sellAmount), so if the mid is below either side's limit price there is
 * no cross (returns undefined), as when nothing can cross. Exact integers, no I/O.
 */
export function crossOppositeIntents(a: NettingSide, b: NettingSide, mid: MidRatio): CrossResult | undefined {
  if (mid.numerator <= 0n || mid.denominator <= 0n)
    throw new Error('mid: numerator and denominator must be positive');
  if (a.sellAmount <= 0n || b.sellAmount <= 0n) return undefined;
  // The smaller side crosses in full; the other pays it the mid value rounded down (the
  // larger side keeps the sub-unit remainder, so the smaller one has nothing left to route).
  const aIsSmaller = a.sellAmount * mid.numerator <= b.sellAmount * mid.denominator;
  const aSells = aIsSmaller ? a.sellAmount : (b.sellAmount * mid.denominator) / mid.numerator;
  const bSells = aIsSmaller ? (a.sellAmount * mid.numerator) / mid.denominator : b.sellAmount;
  if (aSells === 0n || bSells === 0n) return undefined;
  const aMinBuy = ceilDiv(aSells * a.minBuyAmount, a.sellAmount);
  const bMinBuy = ceilDiv(bSells * b.minBuyAmount, b.sellAmount);
  if (bSells < aMinBuy || aSells < bMinBuy) return undefined;
  return {
    aSells,
    bSells,
    aMinBuy,
    bMinBuy,
    remainderA: { sellAmount: a.sellAmount - aSells, minBuyAmount: a.minBuyAmount - aMinBuy },
    remainderB: { sellAmount: b.sellAmount - bSells, minBuyAmount: b.minBuyAmount - bMinBuy },
  };
}
