// Float and integer helpers used only to *place* liquidity at boot. Swap maths on the pools is
// the contracts' own (and the router's exact bigint port of it); nothing here prices a trade.

import { HedgeRouterError } from '@hedge-router/router';

const Q96 = 2n ** 96n;

/** Integer square root (floor) of a non-negative bigint, by Newton's method. */
export function sqrtBigInt(value: bigint): bigint {
  if (value < 0n) throw new Error('square root of a negative number'); // callers pass squares and prices
  if (value < 2n) return value;
  let x = BigInt(Math.floor(Math.sqrt(Number(value))));
  for (;;) {
    const next = (x + value / x) >> 1n;
    if (next >= x && x * x <= value && (x + 1n) * (x + 1n) > value) return x;
    if (next === x) return x;
    x = next;
  }
}

/** sqrtPriceX96 = floor(sqrt(token1 raw / token0 raw) · 2^96), from an exact ratio. */
export function encodeSqrtPriceX96(amount1: bigint, amount0: bigint): bigint {
  return sqrtBigInt((amount1 << 192n) / amount0);
}

/** The start price as raw token1 per raw token0 (a float), for range placement. */
export function sqrtPriceX96ToPrice(sqrtPriceX96: bigint): number {
  const ratio = Number(sqrtPriceX96) / Number(Q96);
  return ratio * ratio;
}

export const MIN_TICK = -887272;
export const MAX_TICK = 887272;

/** The tick range [lower, upper] aligned to `tickSpacing` for ±widthPct around `price`. */
export function rangeTicks(
  price: number,
  widthPct: number | 'full',
  tickSpacing: number,
): { tickLower: number; tickUpper: number } {
  if (widthPct === 'full') {
    return {
      tickLower: Math.ceil(MIN_TICK / tickSpacing) * tickSpacing,
      tickUpper: Math.floor(MAX_TICK / tickSpacing) * tickSpacing,
    };
  }
  const logBase = Math.log(1.0001);
  const lower = Math.log(price * (1 - widthPct / 100)) / logBase;
  const upper = Math.log(price * (1 + widthPct / 100)) / logBase;
  return {
    tickLower: Math.floor(lower / tickSpacing) * tickSpacing,
    tickUpper: Math.ceil(upper / tickSpacing) * tickSpacing,
  };
}

/**
 * Token amounts (raw, rounded up a little so the position manager's min(L0, L1) reaches the
 * target) for a position in [tickLower, tickUpper] worth `valueToken1` raw token1 at `price`.
 */
export function positionAmounts(
  price: number,
  tickLower: number,
  tickUpper: number,
  valueToken1: number,
): { amount0: bigint; amount1: bigint } {
  const sp = Math.sqrt(price);
  const sa = Math.sqrt(1.0001 ** tickLower);
  const sb = Math.sqrt(1.0001 ** tickUpper);
  if (!(sa < sp && sp < sb))
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'the start price must lie inside every seeded range',
      details: { price, tickLower, tickUpper },
    });
  // value per unit of liquidity, in token1: amount0·p + amount1
  const perL = (1 / sp - 1 / sb) * price + (sp - sa);
  const liquidity = valueToken1 / perL;
  const pad = 1 + 1e-9;
  return {
    amount0: BigInt(Math.ceil(liquidity * (1 / sp - 1 / sb) * pad)),
    amount1: BigInt(Math.ceil(liquidity * (sp - sa) * pad)),
  };
}
