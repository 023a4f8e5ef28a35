import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../random/createRng.js';
import { DAYS_PER_YEAR } from '../units/time.js';
import { ewmaUpdate, ewmaVariance } from './ewmaVariance.js';
import { fitGarch } from './fitGarch.js';
import { fitHar } from './fitHar.js';
import { garchForecast } from './garchForecast.js';
import { harForecast } from './harForecast.js';
import { logReturns } from './logReturns.js';
import { minimizeNelderMead } from './minimizeNelderMead.js';
import { realisedVol } from './realisedVol.js';
import { simulateGarch } from './simulateGarch.js';

function gbmPrices(vol: number, steps: number, periodsPerYear: number, seed: number): Float64Array {
  const rng = createRng({ seed });
  const prices = new Float64Array(steps + 1);
  prices[0] = 2500;
  const sd = vol / Math.sqrt(periodsPerYear);
  for (let i = 1; i <= steps; i++)
    prices[i] = prices[i - 1]! * Math.exp(-0.5 * sd * sd + sd * rng.nextNormal());
  return prices;
}

describe('realisedVol', () => {
  it('behavior: recovers the vol of a simulated GBM with the annualisation factor given', () => {
    // 20,000 hourly returns: standard error of the vol estimate ≈ σ/√(2n) = 0.5%.
    const prices = gbmPrices(0.8, 20_000, 8760, 7);
    const v = realisedVol({ prices, periodsPerYear: 8760 });
    assert.ok(Math.abs(v / 0.8 - 1) < 0.02, `realised ${v}`);
    // Annualisation scales as √(periods per year).
    assert.ok(Math.abs(realisedVol({ prices, periodsPerYear: DAYS_PER_YEAR * 24 * 4 }) / v - 2) < 1e-12);
  });

  it('behavior: √(Σr²/n) exactly on a small series; demean uses the sample sd', () => {
    const prices = [100, 110, 99, 104.5];
    const r = logReturns({ prices });
    const expected = Math.sqrt((252 * (r[0]! ** 2 + r[1]! ** 2 + r[2]! ** 2)) / 3);
    assert.ok(Math.abs(realisedVol({ prices, periodsPerYear: 252 }) - expected) < 1e-15);
    const mean = (r[0]! + r[1]! + r[2]!) / 3;
    const sample = Math.sqrt((252 * ((r[0]! - mean) ** 2 + (r[1]! - mean) ** 2 + (r[2]! - mean) ** 2)) / 2);
    assert.ok(Math.abs(realisedVol({ prices, periodsPerYear: 252, demean: true }) - sample) < 1e-15);
  });

  it('error: names a bad price', () => {
    assert.throws(() => realisedVol({ prices: [1, 2, -3], periodsPerYear: 252 }), {
      code: 'INVALID_INPUT',
      field: 'prices[2]',
    });
    assert.throws(() => realisedVol({ prices: [1], periodsPerYear: 252 }), {
      code: 'INVALID_INPUT',
      field: 'prices',
    });
  });
});

describe('ewmaVariance', () => {
  it('behavior: runs the RiskMetrics recursion σ²ₙ = λσ²ₙ₋₁ + (1 − λ)u²ₙ₋₁', () => {
    const returns = [0.01, -0.02, 0.015];
    const { forecastVariance, series } = ewmaVariance({ returns, initialVariance: 1e-4 });
    let v = 1e-4;
    for (const u of returns) v = 0.94 * v + (1 - 0.94) * u * u;
    assert.ok(Math.abs(forecastVariance - v) < 1e-20);
    assert.equal(series.length, 4);
    assert.equal(series[0], 1e-4);
    assert.equal(ewmaUpdate(1e-4, 0.01, 0.94), 0.94 * 1e-4 + (1 - 0.94) * 0.01 * 0.01);
  });

  it('behavior: tracks a vol regime change with the half-life ln ½ / ln λ', () => {
    const rng = createRng({ seed: 3 });
    const returns = new Float64Array(3000);
    for (let i = 0; i < 3000; i++) returns[i] = (i < 1500 ? 0.01 : 0.03) * rng.nextNormal();
    const { series } = ewmaVariance({ returns, lambda: 0.97 });
    const meanVar = (from: number, to: number) =>
      series.slice(from, to).reduce((a, b) => a + b, 0) / (to - from);
    assert.ok(Math.abs(meanVar(1000, 1500) / 1e-4 - 1) < 0.15);
    assert.ok(Math.abs(meanVar(2500, 3000) / 9e-4 - 1) < 0.15);
    // ~23 periods after the switch (the half-life at λ = 0.97) the forecast is about halfway.
    const halfLife = Math.log(0.5) / Math.log(0.97);
    const mid = series[1500 + Math.round(halfLife)]!;
    assert.ok(mid > 3e-4 && mid < 7e-4, `at the half-life: ${mid}`);
  });

  it('error: λ outside (0, 1)', () => {
    assert.throws(() => ewmaVariance({ returns: [0.01], lambda: 1 }), {
      code: 'INVALID_INPUT',
      field: 'lambda',
    });
    assert.throws(() => ewmaVariance({ returns: [Number.NaN] }), {
      code: 'NON_FINITE_INPUT',
      field: 'returns[0]',
    });
  });
});

describe('fitGarch', () => {
  it('behavior: recovers ω, α, β from a series it simulates (fixed seed)', () => {
    const truth = { omega: 2e-6, alpha: 0.08, beta: 0.9 };
    const { returns } = simulateGarch({ ...truth, steps: 8000, seed: 42 });
    const fit = fitGarch({ returns });
    // Asymptotic standard errors at n = 8000 are about 0.008 (α) and 0.01 (β).
    assert.ok(Math.abs(fit.alpha - truth.alpha) < 0.025, `α ${fit.alpha}`);
    assert.ok(Math.abs(fit.beta - truth.beta) < 0.03, `β ${fit.beta}`);
    assert.ok(Math.abs(fit.longRunVariance / 1e-4 - 1) < 0.25, `V_L ${fit.longRunVariance}`);
    assert.ok(fit.persistence < 1);
    // The optimum beats the truth's likelihood (it is the maximum on this sample).
    const atTruth = garchLogLikelihood(returns, truth);
    assert.ok(fit.logLikelihood >= atTruth - 1e-6, `${fit.logLikelihood} vs truth ${atTruth}`);
  });

  it('behavior: forecasts revert to V_L at rate α + β', () => {
    const model = { omega: 1e-6, alpha: 0.1, beta: 0.85 };
    const longRun = 1e-6 / 0.05;
    const f1 = garchForecast({ model, nextVariance: 4e-5, horizon: 1 });
    assert.equal(f1.variance, 4e-5);
    const f10 = garchForecast({ model, nextVariance: 4e-5, horizon: 10 });
    assert.ok(Math.abs(f10.variance - (longRun + 0.95 ** 9 * (4e-5 - longRun))) < 1e-18);
    let total = 0;
    for (let h = 1; h <= 10; h++) total += garchForecast({ model, nextVariance: 4e-5, horizon: h }).variance;
    assert.ok(Math.abs(f10.totalVariance - total) < 1e-17);
  });

  it('error: garchForecast rejects a non-stationary or invalid model, naming the field', () => {
    const ok = { omega: 1e-6, alpha: 0.1, beta: 0.85 };
    const forecast = (model: { omega: number; alpha: number; beta: number }, horizon = 10) =>
      garchForecast({ model, nextVariance: 4e-5, horizon });
    // α + β = 1 (IGARCH) and above: no long-run variance, the formula gives ±Infinity/NaN.
    for (const [alpha, beta] of [
      [0.1, 0.9],
      [0.2, 0.85],
      [0.5, 0.5],
      [1, 0],
    ] as const) {
      assert.throws(() => forecast({ ...ok, alpha, beta }), { code: 'INVALID_INPUT', field: 'model' });
    }
    assert.throws(() => forecast({ ...ok, omega: 0 }), { code: 'INVALID_INPUT', field: 'model.omega' });
    assert.throws(() => forecast({ ...ok, alpha: -0.1 }), { code: 'INVALID_INPUT', field: 'model.alpha' });
    assert.throws(() => forecast({ ...ok, beta: Number.NaN }), {
      code: 'NON_FINITE_INPUT',
      field: 'model.beta',
    });
    // Just inside the boundary it stays finite.
    const near = forecast({ ...ok, alpha: 0.1, beta: 0.8999999 }, 1000);
    assert.ok(Number.isFinite(near.variance) && Number.isFinite(near.averageVol) && near.averageVol > 0);
  });

  it('error: too few returns or a constant series', () => {
    assert.throws(() => fitGarch({ returns: [0.01, 0.02] }), { code: 'INVALID_INPUT', field: 'returns' });
    assert.throws(() => fitGarch({ returns: new Float64Array(100) }), { code: 'FIT_FAILED' });
  });
});

describe('fitHar', () => {
  it('behavior: recovers the HAR-RV coefficients by least squares (fixed seed)', () => {
    const truth = { intercept: 0.1, betaDaily: 0.4, betaWeekly: 0.3, betaMonthly: 0.2 };
    const rng = createRng({ seed: 99 });
    const n = 6000;
    const rv = new Float64Array(n).fill(1);
    for (let t = 21; t < n - 1; t++) {
      let weekly = 0;
      let monthly = 0;
      for (let k = 0; k < 22; k++) {
        monthly += rv[t - k]!;
        if (k < 5) weekly += rv[t - k]!;
      }
      const mean =
        truth.intercept +
        truth.betaDaily * rv[t]! +
        (truth.betaWeekly * weekly) / 5 +
        (truth.betaMonthly * monthly) / 22;
      rv[t + 1] = mean + 0.1 * rng.nextNormal();
    }
    const fit = fitHar({ realised: rv });
    assert.ok(Math.abs(fit.intercept - truth.intercept) < 0.03, `c ${fit.intercept}`);
    assert.ok(Math.abs(fit.betaDaily - truth.betaDaily) < 0.04, `β_d ${fit.betaDaily}`);
    assert.ok(Math.abs(fit.betaWeekly - truth.betaWeekly) < 0.07, `β_w ${fit.betaWeekly}`);
    assert.ok(Math.abs(fit.betaMonthly - truth.betaMonthly) < 0.08, `β_m ${fit.betaMonthly}`);
    const next = harForecast({ model: fit, realised: rv });
    assert.ok(Math.abs(next - 1) < 0.5);
  });

  it('error: a constant series is singular', () => {
    assert.throws(() => fitHar({ realised: new Float64Array(100).fill(2) }), { code: 'FIT_FAILED' });
  });
});

describe('minimizeNelderMead', () => {
  it('behavior: finds the Rosenbrock minimum (1, 1)', () => {
    const r = minimizeNelderMead({
      f: (x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2,
      start: [-1.2, 1],
      step: 0.5,
      tolerance: 1e-14,
    });
    assert.ok(Math.abs(r.x[0]! - 1) < 1e-4 && Math.abs(r.x[1]! - 1) < 1e-4, `${r.x}`);
  });
});

function garchLogLikelihood(
  returns: Float64Array,
  m: { omega: number; alpha: number; beta: number },
): number {
  let variance = 0;
  for (const r of returns) variance += r * r;
  variance /= returns.length;
  let sum = 0;
  for (const r of returns) {
    sum += Math.log(variance) + (r * r) / variance;
    variance = m.omega + m.alpha * r * r + m.beta * variance;
  }
  return -0.5 * sum - returns.length * 0.9189385332046728;
}
