import { requireNonNegative, requirePositive } from '../options/assertInputs.js';

export type LelandVolParameters = {
  /** Annualised vol. */
  vol: number;
  /** One-way proportional cost, fraction of notional; Leland's k is the round trip, 2×. */
  oneWayCost: number;
  /** Rebalancing interval δt, years. */
  intervalYears: number;
  /** 'short' widens the vol (the hedger of a short option pays costs), 'long' narrows it. */
  side: 'short' | 'long';
};

/**
 * Leland (1985) cost-adjusted vol: Le = √(2/π)·k/(σ√δt) with k the round-trip proportional
 * cost, σ_adj = σ√(1 + Le) for a short option position, σ√(1 − Le) for a long one (floored at
 * 0 when Le > 1, where Leland's scheme breaks down for long positions). Annualised.
 */
export function lelandVol(params: LelandVolParameters): number {
  const vol = requirePositive(params.vol, 'vol');
  const oneWayCost = requireNonNegative(params.oneWayCost, 'oneWayCost');
  const intervalYears = requirePositive(params.intervalYears, 'intervalYears');
  return lelandAdjustedVol(vol, oneWayCost, intervalYears, params.side === 'short' ? 1 : -1);
}

/** Unchecked kernel of `lelandVol`; `sign` +1 short, −1 long. */
export function lelandAdjustedVol(
  vol: number,
  oneWayCost: number,
  intervalYears: number,
  sign: number,
): number {
  const leland = (Math.sqrt(2 / Math.PI) * 2 * oneWayCost) / (vol * Math.sqrt(intervalYears));
  const factor = 1 + sign * leland;
  return factor > 0 ? vol * Math.sqrt(factor) : 0;
}
