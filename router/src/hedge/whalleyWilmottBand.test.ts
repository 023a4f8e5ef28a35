import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBook } from '../options/createBook.js';
import { priceOption } from '../options/priceOption.js';
import { createWhalleyWilmottPolicy } from './createWhalleyWilmottPolicy.js';
import { createHedgeDecision, type HedgeState } from './types.js';
import { whalleyWilmottBand } from './whalleyWilmottBand.js';

describe('whalleyWilmottBand', () => {
  it('behavior: H = (3 e^(−rτ) k S Γ² / (2γ))^(1/3) (REFERENCES.md)', () => {
    const gamma = 0.02;
    const h = whalleyWilmottBand({
      gamma,
      spot: 2500,
      oneWayCost: 0.001,
      riskAversion: 0.01,
      rate: 0.05,
      timeToExpiry: 0.5,
    });
    const expected = ((3 * Math.exp(-0.025) * 0.001 * 2500 * gamma * gamma) / (2 * 0.01)) ** (1 / 3);
    assert.ok(Math.abs(h - expected) < 1e-15);
    // Scaling: 8× the cost doubles H; the sign of gamma does not matter.
    const base = { gamma, spot: 2500, oneWayCost: 0.001, riskAversion: 0.01, rate: 0, timeToExpiry: 1 };
    const h1 = whalleyWilmottBand(base);
    assert.ok(Math.abs(whalleyWilmottBand({ ...base, oneWayCost: 0.008 }) - 2 * h1) < 1e-14);
    assert.equal(whalleyWilmottBand({ ...base, gamma: -gamma }), h1);
    assert.equal(whalleyWilmottBand({ ...base, oneWayCost: 0 }), 0);
  });

  it('behavior: the policy reproduces the pfhedge WhalleyWilmott doctest', () => {
    // pfhedge nn/modules/bs/... WhalleyWilmott doctest (REFERENCES.md): European call K = 1,
    // T = 0.1, σ = 0.2, cost 1e-5, risk aversion 1, previous hedge 0.5 → hedges
    // 0.2946, 0.5, 0.5, 0.5, 0.7284 at log-moneyness −0.05, −0.01, 0, 0.01, 0.05.
    // pfhedge hedges a short claim (long delta) with r = 0: a book short one call.
    const book = createBook({ positions: [{ kind: 'call', strike: 1, expiry: 0.1, quantity: -1 }] });
    const policy = createWhalleyWilmottPolicy({ book, riskAversion: 1, oneWayCost: 1e-5 });
    const expected = [0.2946, 0.5, 0.5, 0.5, 0.7284];
    [-0.05, -0.01, 0, 0.01, 0.05].forEach((logMoneyness, i) => {
      const state: HedgeState = {
        spot: Math.exp(logMoneyness),
        hedge: 0.5,
        timeYears: 0,
        lastRebalanceYears: Number.NEGATIVE_INFINITY,
        vol: 0.2,
        forecastVol: 0.2,
        rate: 0,
        dividendYield: 0,
        costPerUnit: 0,
      };
      const d = policy.decide(state, createHedgeDecision());
      assert.ok(Math.abs(d.target - expected[i]!) < 1e-4, `log-moneyness ${logMoneyness}: ${d.target}`);
    });
  });

  it('behavior: trades go to the nearest edge, not to the delta', () => {
    const book = createBook({ positions: [{ kind: 'call', strike: 100, expiry: 0.25, quantity: -10 }] });
    const policy = createWhalleyWilmottPolicy({ book, riskAversion: 0.05, oneWayCost: 0.002 });
    const state: HedgeState = {
      spot: 105,
      hedge: 0,
      timeYears: 0,
      lastRebalanceYears: 0,
      vol: 0.5,
      forecastVol: 0.5,
      rate: 0,
      dividendYield: 0,
      costPerUnit: 0,
    };
    const d = policy.decide(state, createHedgeDecision());
    const delta = priceOption({
      kind: 'call',
      spot: 105,
      strike: 100,
      expiry: 0.25,
      rate: 0,
      dividendYield: 0,
      vol: 0.5,
    }).delta;
    assert.ok(Math.abs(d.centre - 10 * delta) < 1e-12);
    assert.ok(d.upper - d.lower > 0.1);
    assert.equal(d.target, d.lower);
    assert.equal(d.trade, d.lower);
  });

  it('error: rejects non-positive risk aversion and non-finite gamma', () => {
    const base = { gamma: 1, spot: 1, oneWayCost: 0.001, riskAversion: 1, rate: 0, timeToExpiry: 1 };
    assert.throws(() => whalleyWilmottBand({ ...base, riskAversion: 0 }), {
      code: 'INVALID_INPUT',
      field: 'riskAversion',
    });
    assert.throws(() => whalleyWilmottBand({ ...base, gamma: Number.NaN }), {
      code: 'NON_FINITE_INPUT',
      field: 'gamma',
    });
  });
});
