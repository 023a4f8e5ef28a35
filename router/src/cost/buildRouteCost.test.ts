import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHedgeRouterError } from '../errors/index.js';
import { SECONDS_PER_YEAR as YEAR } from '../units/time.js';
import { buildRouteCost } from './buildRouteCost.js';
import { delayRiskCost, probabilityWithinTolerance } from './delayRiskCost.js';
import { timingFromAttempts } from './timingFromAttempts.js';
import type { CostContext, RouteQuote } from './types.js';

const ctx: CostContext = {
  midPrice: 2e-9, // 2,000 USDC(6) per WETH(18)
  riskAversionPerBuyUnit: 1e-9,
  annualVolatility: 0.6,
  gasPriceWei: 20_000_000_000n,
  nativePriceInBuyPerWei: 2e-9,
  fallbackDelaySeconds: 60,
};
const quote: RouteQuote = {
  sellAmount: 40n * 10n ** 18n, // 80,000 USDC at mid
  expectedBuyAmount: 79_900_000_000n,
  minBuyAmount: 79_000_000_000n,
  feesInBuy: 40_000_000n,
  gasUnits: 127_000n,
  mevLeakageInBuy: 3_000_000n,
  timing: { expectedSecondsToFill: 12, fillProbability: 0.9, secondsLostOnNonFill: 36 },
};

describe('buildRouteCost', () => {
  it('behavior: each stage by hand, in buy units and bps of the mid value', () => {
    const cost = buildRouteCost(ctx, quote);
    const notional = 80_000e6;
    // price impact + fees = mid value − expected output
    assert.equal(cost.priceImpact.amount + cost.fees.amount, 80_000_000_000n - 79_900_000_000n);
    assert.equal(cost.fees.amount, 40_000_000n);
    // 127,000 gas × 20 gwei = 0.00254 ETH = 5.08 USDC
    assert.equal(cost.gas.amount, 5_080_000n);
    assert.equal(cost.mevLeakage.amount, 3_000_000n);
    // λ(Nσ)²τ: 1e-9 × (8e10 × 0.6)² × 12 s / year × P(fill)
    const perSecond = (1e-9 * (8e10 * 0.6) ** 2) / YEAR;
    assert.equal(cost.delayRisk.amount, BigInt(Math.round(perSecond * 12 * 0.9)));
    assert.equal(cost.fillRisk.amount, BigInt(Math.round(perSecond * (36 + 60) * 0.1)));
    const sum =
      cost.priceImpact.amount +
      cost.fees.amount +
      cost.gas.amount +
      cost.mevLeakage.amount +
      cost.delayRisk.amount +
      cost.fillRisk.amount;
    assert.equal(cost.total.amount, sum);
    assert.ok(Math.abs(cost.total.bps - (Number(sum) / notional) * 1e4) < 1e-9);
    assert.ok(Math.abs(cost.gas.bps - 0.635) < 1e-9); // 5.08 / 80,000
  });

  it('behavior: a tight bound on a volatile pair raises fill risk (reverts)', () => {
    const loose = buildRouteCost(ctx, { ...quote, revertTolerance: 0.05 });
    const tight = buildRouteCost(ctx, { ...quote, revertTolerance: 0.00001 });
    assert.ok(tight.fillRisk.amount > loose.fillRisk.amount);
    assert.ok(loose.fillRisk.amount >= buildRouteCost(ctx, quote).fillRisk.amount);
  });

  it('error: a non-positive mid price', () => {
    assert.throws(
      () => buildRouteCost({ ...ctx, midPrice: 0 }, quote),
      (e) => isHedgeRouterError(e, 'INVALID_INPUT'),
    );
  });
});

describe('delay risk and timing', () => {
  it('behavior: Almgren-Chriss λ·variance, variance = (notional·σ)²·τ', () => {
    // 80,000 USD at 60 % vol for one year with λ = 1e-6 / USD: 1e-6 × 48,000² = 2,304 USD
    assert.ok(
      Math.abs(
        delayRiskCost({
          notionalInBuy: 80_000,
          annualVolatility: 0.6,
          seconds: YEAR,
          riskAversionPerBuyUnit: 1e-6,
        }) - 2304,
      ) < 1e-9,
    );
  });

  it('behavior: P(no revert) is Φ(tol / σ√τ)', () => {
    // tolerance of one standard deviation: Φ(1) = 0.841345
    const sd = 0.6 * Math.sqrt(12 / YEAR);
    assert.ok(
      Math.abs(probabilityWithinTolerance({ tolerance: sd, annualVolatility: 0.6, seconds: 12 }) - 0.841345) <
        1e-6,
    );
    assert.ok(
      Math.abs(probabilityWithinTolerance({ tolerance: 0, annualVolatility: 0.6, seconds: 12 }) - 0.5) < 1e-7,
    );
  });

  it('behavior: geometric attempts (p = 0.5, two blocks: P = 0.75, E[k | fill] = 4/3)', () => {
    const t = timingFromAttempts({
      latencySeconds: 1,
      attemptIntervalSeconds: 12,
      inclusionProbability: 0.5,
      maxAttempts: 2,
    });
    assert.ok(Math.abs(t.fillProbability - 0.75) < 1e-12);
    assert.ok(Math.abs(t.expectedSecondsToFill - (1 + 12 * (4 / 3))) < 1e-9);
    assert.equal(t.secondsLostOnNonFill, 25);
    const sure = timingFromAttempts({
      latencySeconds: 0,
      attemptIntervalSeconds: 12,
      inclusionProbability: 1,
      maxAttempts: 3,
    });
    assert.deepEqual(sure, { expectedSecondsToFill: 12, fillProbability: 1, secondsLostOnNonFill: 36 });
  });
});
