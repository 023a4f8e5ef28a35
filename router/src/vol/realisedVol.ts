import { requirePositive } from '../options/assertInputs.js';
import { logReturns } from './logReturns.js';

export type RealisedVolParameters = {
  /** Prices in time order, equally spaced in time. */
  prices: ArrayLike<number>;
  /**
   * Annualisation: observations per year. Crypto trades every day: DAYS_PER_YEAR (365) for
   * dailies, DAYS_PER_YEAR × 24 (8760) for hourly bars (252 is the equity trading-day count).
   */
  periodsPerYear: number;
  /** Subtract the sample mean return first (sample standard deviation). Default false: the usual realised-vol convention √(Σr²/n), unbiased for zero drift. */
  demean?: boolean;
};

/** Annualised realised volatility of a price series from its log returns: √(periodsPerYear · Σr²/n). */
export function realisedVol({ prices, periodsPerYear, demean = false }: RealisedVolParameters): number {
  requirePositive(periodsPerYear, 'periodsPerYear');
  const returns = logReturns({ prices });
  const n = returns.length;
  let mean = 0;
  if (demean) {
    for (const r of returns) mean += r;
    mean /= n;
  }
  let sumSq = 0;
  for (const r of returns) sumSq += (r - mean) * (r - mean);
  const dof = demean ? n - 1 : n;
  return dof > 0 ? Math.sqrt((periodsPerYear * sumSq) / dof) : 0;
}
