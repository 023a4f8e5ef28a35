import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RouteCandidate, RouteQuote } from '@hedge-router/router';
import { outlierReason } from './priceSanity.js';

// 3,000 USDC per WETH in base units.
const MID = 3e-9;
const ONE_WETH = 10n ** 18n;
const candidate = (maxBuyPerSell?: number): RouteCandidate => ({
  id: 'venue:x',
  venue: 'venue',
  liquiditySource: 'x',
  quote: () => undefined,
  ...(maxBuyPerSell === undefined ? {} : { costFloor: { maxBuyPerSell, minGasUnits: 0n } }),
});
const quote = (usdc: number) => ({ expectedBuyAmount: BigInt(Math.round(usdc * 1e6)) }) as RouteQuote;

describe('price sanity', () => {
  it('behavior: a pool priced like the mid, and a quote a little below or above it, are kept', () => {
    assert.equal(outlierReason(candidate(MID * 0.9995), quote(2_990), ONE_WETH, MID), null);
    assert.equal(
      outlierReason(candidate(), quote(3_030), ONE_WETH, MID),
      null,
      '1% above: a CoW can clear there',
    );
  });

  it('error: a pool pushed far above the mid, or a quote paying 250x the mid (issue 15 #4), is an outlier with the reason', () => {
    assert.match(
      outlierReason(candidate(MID * 1.05), undefined, ONE_WETH, MID) ?? '',
      /price is 500 bps above the arrival mid/,
    );
    assert.match(
      outlierReason(candidate(), quote(972_674 / 1.37), ONE_WETH, MID) ?? '',
      /pays 2356603 bps above the arrival mid/,
    );
  });
});
