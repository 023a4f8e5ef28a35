import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBook } from '../options/createBook.js';
import { priceOption } from '../options/priceOption.js';
import { createRng } from '../random/createRng.js';
import { DAYS_PER_YEAR } from '../units/time.js';
import { createIntervalPolicy } from './createIntervalPolicy.js';
import { createHedgeDecision, HedgeReason, type HedgeState } from './types.js';

const SPOT = 100;
const STRIKE = 100;
const EXPIRY = 1 / 12;
const RATE = 0.05;
const VOL = 0.2;

/**
 * QuantLib's Examples/DiscreteHedging: sell one call at its BSM price, delta-hedge it `steps`
 * times to expiry at the true vol with cash at `RATE`, on risk-neutral GBM paths. Returns the
 * P&L sample mean and standard deviation. Runs the interval policy exactly as the backtester
 * would: one state and one decision object, overwritten each step.
 */
function discreteHedgingPnl(steps: number, paths: number, seed: number): { mean: number; sd: number } {
  const book = createBook({ positions: [{ kind: 'call', strike: STRIKE, expiry: EXPIRY, quantity: -1 }] });
  const policy = createIntervalPolicy({ book, intervalYears: 0 });
  const premium = priceOption({
    kind: 'call',
    spot: SPOT,
    strike: STRIKE,
    expiry: EXPIRY,
    rate: RATE,
    dividendYield: 0,
    vol: VOL,
  }).price;
  const dt = EXPIRY / steps;
  const drift = (RATE - 0.5 * VOL * VOL) * dt;
  const diffusion = VOL * Math.sqrt(dt);
  const growth = Math.exp(RATE * dt);
  const state: HedgeState = {
    spot: SPOT,
    hedge: 0,
    timeYears: 0,
    lastRebalanceYears: Number.NEGATIVE_INFINITY,
    vol: VOL,
    forecastVol: VOL,
    rate: RATE,
    dividendYield: 0,
    costPerUnit: 0,
  };
  const decision = createHedgeDecision();
  let sum = 0;
  let sumSq = 0;
  for (let p = 0; p < paths; p++) {
    const rng = createRng({ seed, stream: p });
    state.spot = SPOT;
    state.hedge = 0;
    state.lastRebalanceYears = Number.NEGATIVE_INFINITY;
    let cash = premium;
    for (let i = 0; i < steps; i++) {
      state.timeYears = i * dt;
      policy.decide(state, decision);
      cash -= decision.trade * state.spot;
      state.hedge = decision.target;
      state.lastRebalanceYears = state.timeYears;
      cash *= growth;
      state.spot *= Math.exp(drift + diffusion * rng.nextNormal());
    }
    const pnl = cash + state.hedge * state.spot - Math.max(state.spot - STRIKE, 0);
    sum += pnl;
    sumSq += pnl * pnl;
  }
  const mean = sum / paths;
  return { mean, sd: Math.sqrt((sumSq - paths * mean * mean) / (paths - 1)) };
}

describe('createIntervalPolicy', () => {
  it('behavior: Derman-Kamal discrete hedging error matches QuantLib (sd 0.43 at 21 trades, 0.22 at 84)', () => {
    // QuantLib Examples/DiscreteHedging (REFERENCES.md): S = K = 100, T = 1/12, r = 5%,
    // σ = 20%, 50,000 paths: BS price 2.51207, P&L sd 0.43 (21 trades), 0.22 (84), mean ≈ 0.
    const price = priceOption({
      kind: 'call',
      spot: SPOT,
      strike: STRIKE,
      expiry: EXPIRY,
      rate: RATE,
      dividendYield: 0,
      vol: VOL,
    }).price;
    assert.ok(Math.abs(price - 2.51207) < 1e-5);
    const paths = 20_000;
    const at21 = discreteHedgingPnl(21, paths, 11);
    const at84 = discreteHedgingPnl(84, paths, 12);
    // Sampling error of an sd over 20,000 paths is ~0.6% (a bit more with fat tails): 4% is
    // "a few percent" with room, and still fails if the hedge timing or the delta is off.
    assert.ok(Math.abs(at21.sd / 0.43 - 1) < 0.04, `sd at 21: ${at21.sd}`);
    assert.ok(Math.abs(at84.sd / 0.22 - 1) < 0.04, `sd at 84: ${at84.sd}`);
    assert.ok(Math.abs(at21.mean) < 4 * (at21.sd / Math.sqrt(paths)), `mean at 21: ${at21.mean}`);
    assert.ok(Math.abs(at84.mean) < 4 * (at84.sd / Math.sqrt(paths)), `mean at 84: ${at84.mean}`);
    // Derman-Kamal: sd ≈ √(π/4)·vega·σ/√N, so quadrupling N halves it.
    const vega = priceOption({
      kind: 'call',
      spot: SPOT,
      strike: STRIKE,
      expiry: EXPIRY,
      rate: RATE,
      dividendYield: 0,
      vol: VOL,
    }).vega;
    const dk = (n: number) => (Math.sqrt(Math.PI / 4) * vega * VOL) / Math.sqrt(n);
    assert.ok(Math.abs(at21.sd / dk(21) - 1) < 0.06);
    assert.ok(Math.abs(at84.sd / dk(84) - 1) < 0.06);
  });

  it('behavior: trades to the full delta when due, holds otherwise', () => {
    const book = createBook({ positions: [{ kind: 'put', strike: 2000, expiry: 0.5, quantity: 3 }] });
    const policy = createIntervalPolicy({ book, intervalYears: 1 / DAYS_PER_YEAR });
    const state: HedgeState = {
      spot: 2100,
      hedge: 0.4,
      timeYears: 0.01,
      lastRebalanceYears: 0.01 - 0.5 / DAYS_PER_YEAR,
      vol: 0.7,
      forecastVol: 0.7,
      rate: 0.03,
      dividendYield: 0,
      costPerUnit: 0,
    };
    const d = policy.decide(state, createHedgeDecision());
    const delta = priceOption({
      kind: 'put',
      spot: 2100,
      strike: 2000,
      expiry: 0.49,
      rate: 0.03,
      dividendYield: 0,
      vol: 0.7,
    }).delta;
    assert.equal(d.reason, HedgeReason.notDue);
    assert.equal(d.trade, 0);
    assert.ok(Math.abs(d.centre + 3 * delta) < 1e-12);
    state.lastRebalanceYears = 0.01 - 1 / DAYS_PER_YEAR;
    policy.decide(state, d);
    assert.equal(d.reason, HedgeReason.scheduled);
    assert.ok(Math.abs(d.target + 3 * delta) < 1e-12);
    assert.ok(Math.abs(d.trade - (d.target - 0.4)) < 1e-15);
  });
});
