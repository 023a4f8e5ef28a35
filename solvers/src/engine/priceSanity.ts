import type { RouteCandidate, RouteQuote } from '@hedge-router/router';
import { MAX_PRICE_ABOVE_MID_BPS } from './constants.js';

/**
 * Why a candidate is not to be trusted, or null: a venue that pays more than
 * MAX_PRICE_ABOVE_MID_BPS above the arrival mid (from the pair's deepest pool) is not a bargain
 * but a broken reference: a pool pushed by a searcher's pending trade, a stale quote, another
 * chain's pool left behind (issue 15: a candidate quoting 250× the mid was chosen). Checked on the
 * candidate's best price at any size where it states one (an AMM's marginal price after its fee)
 * and on its quote for the whole intent.
 */
export function outlierReason(
  candidate: RouteCandidate,
  wholeQuote: RouteQuote | undefined,
  sellAmount: bigint,
  midPrice: number,
): string | null {
  const ceiling = midPrice * (1 + MAX_PRICE_ABOVE_MID_BPS / 10_000);
  const above = (buyPerSell: number) => `${Math.round((buyPerSell / midPrice - 1) * 10_000)} bps`;
  const best = candidate.costFloor?.maxBuyPerSell;
  if (best !== undefined && best > ceiling)
    return `an outlier: its price is ${above(best)} above the arrival mid (more than ${MAX_PRICE_ABOVE_MID_BPS} bps)`;
  if (wholeQuote && sellAmount > 0n) {
    const buyPerSell = Number(wholeQuote.expectedBuyAmount) / Number(sellAmount);
    if (buyPerSell > ceiling)
      return `an outlier: it pays ${above(buyPerSell)} above the arrival mid (more than ${MAX_PRICE_ABOVE_MID_BPS} bps)`;
  }
  return null;
}
