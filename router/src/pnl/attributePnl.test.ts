import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBook } from '../options/createBook.js';
import { priceOption } from '../options/priceOption.js';
import { createRng } from '../random/createRng.js';
import { attributePnl } from './attributePnl.js';

const book = createBook({ positions: [{ kind: 'call', strike: 100, expiry: 0.25, quantity: -1 }] });

/** A GBM path at `realisedVol` with the BSM delta hedge at `hedgeVol` rebalanced every step. */
function hedgedPath(steps: number, realisedVol: number, hedgeVol: number, seed: number) {
  const rng = createRng({ seed });
  const dt = 0.25 / steps;
  const times = new Float64Array(steps + 1);
  const spots = new Float64Array(steps + 1);
  const hedges = new Float64Array(steps);
  spots[0] = 100;
  for (let i = 0; i < steps; i++) {
    times[i] = i * dt;
    hedges[i] = priceOption({
      kind: 'call',
      spot: spots[i]!,
      strike: 100,
      expiry: 0.25 - times[i]!,
      rate: 0.02,
      dividendYield: 0,
      vol: hedgeVol,
    }).delta;
    spots[i + 1] =
      spots[i]! *
      Math.exp((0.02 - 0.5 * realisedVol ** 2) * dt + realisedVol * Math.sqrt(dt) * rng.nextNormal());
  }
  times[steps] = 0.25;
  return { times, spots, hedges, dt };
}

describe('attributePnl', () => {
  it('behavior: the parts sum to the total computed from wealth (the identity)', () => {
    const { times, spots, hedges } = hedgedPath(200, 0.35, 0.3, 5);
    const vols = Float64Array.from(times, (t) => 0.3 + 0.05 * Math.sin(20 * t));
    const a = attributePnl({
      book,
      timesYears: times,
      spots,
      vols,
      hedges,
      rate: 0.02,
      dividendYield: 0.01,
      oneWayCost: 0.001,
    });
    const parts = a.deltaUsd + a.gammaUsd + a.thetaUsd + a.vegaUsd + a.carryUsd + a.costsUsd + a.residualUsd;
    assert.ok(Math.abs(parts - a.totalUsd) < 1e-10, `${parts} vs ${a.totalUsd}`);
    assert.ok(a.costsUsd < 0);
    assert.ok(a.vegaUsd !== 0);
  });

  it('behavior: the total equals a cash-account simulation of the same trades', () => {
    const { times, spots, hedges, dt } = hedgedPath(63, 0.3, 0.3, 8);
    const premium = priceOption({
      kind: 'call',
      spot: 100,
      strike: 100,
      expiry: 0.25,
      rate: 0.02,
      dividendYield: 0,
      vol: 0.3,
    }).price;
    let cash = premium;
    let h = 0;
    for (let i = 0; i < 63; i++) {
      cash -= (hedges[i]! - h) * spots[i]! + 0.002 * Math.abs(hedges[i]! - h) * spots[i]!;
      h = hedges[i]!;
      cash *= Math.exp(0.02 * dt);
    }
    const final = cash + h * spots[63]! - Math.max(spots[63]! - 100, 0);
    // attributePnl starts from wealth = the book's value (−premium) with zero cash, so its total
    // misses only the interest the premium itself would have earned in the cash account.
    const a = attributePnl({
      book,
      timesYears: times,
      spots,
      vols: 0.3,
      hedges,
      rate: 0.02,
      dividendYield: 0,
      oneWayCost: 0.002,
    });
    const interestOnPremium = premium * (Math.exp(0.02 * 0.25) - 1);
    assert.ok(
      Math.abs(a.totalUsd - (final - interestOnPremium)) < 1e-9,
      `${a.totalUsd} vs ${final - interestOnPremium}`,
    );
  });

  it('behavior: hedged at the realised vol, the residual is small and gamma + theta ≈ 0 on average', () => {
    let gammaTheta = 0;
    let residual = 0;
    let gammaAbs = 0;
    for (let seed = 0; seed < 40; seed++) {
      const { times, spots, hedges } = hedgedPath(500, 0.3, 0.3, 100 + seed);
      const a = attributePnl({
        book,
        timesYears: times,
        spots,
        vols: 0.3,
        hedges,
        rate: 0.02,
        dividendYield: 0,
      });
      gammaTheta += a.gammaUsd + a.thetaUsd + a.carryUsd + a.deltaUsd;
      residual += Math.abs(a.residualUsd);
      gammaAbs += Math.abs(a.gammaUsd);
    }
    assert.ok(residual < 0.05 * gammaAbs, `residual ${residual} vs gamma ${gammaAbs}`);
    // A short option hedged at the true vol: mean P&L ≈ 0 (Derman-Kamal sd ≈ 0.1 per path here).
    assert.ok(Math.abs(gammaTheta / 40) < 0.1, `mean ${gammaTheta / 40}`);
  });

  it('behavior: short gamma hedged at 30% loses ½ΓS²(σ_r² − σ_i²)dt when realised is 45%', () => {
    let total = 0;
    let predicted = 0;
    const paths = 60;
    for (let seed = 0; seed < paths; seed++) {
      const { times, spots, hedges, dt } = hedgedPath(250, 0.45, 0.3, 500 + seed);
      const a = attributePnl({
        book,
        timesYears: times,
        spots,
        vols: 0.3,
        hedges,
        rate: 0.02,
        dividendYield: 0,
      });
      total += a.totalUsd;
      for (let i = 0; i < 250; i++) {
        const g = priceOption({
          kind: 'call',
          spot: spots[i]!,
          strike: 100,
          expiry: 0.25 - times[i]!,
          rate: 0.02,
          dividendYield: 0,
          vol: 0.3,
        }).gamma;
        predicted -= 0.5 * g * spots[i]! ** 2 * (0.45 ** 2 - 0.3 ** 2) * dt;
      }
    }
    assert.ok(total < 0);
    assert.ok(Math.abs(total / predicted - 1) < 0.15, `${total / paths} vs ${predicted / paths}`);
  });

  it('error: mismatched lengths and paths past expiry name the field', () => {
    const base = {
      book,
      timesYears: [0, 0.1],
      spots: [100, 101],
      vols: 0.3,
      hedges: [0.5],
      rate: 0,
      dividendYield: 0,
    };
    assert.throws(() => attributePnl({ ...base, spots: [100] }), { code: 'INVALID_INPUT', field: 'spots' });
    assert.throws(() => attributePnl({ ...base, hedges: [] }), { code: 'INVALID_INPUT', field: 'hedges' });
    assert.throws(() => attributePnl({ ...base, timesYears: [0, 0.3] }), {
      code: 'INVALID_INPUT',
      field: 'timesYears[1]',
    });
    assert.throws(() => attributePnl({ ...base, timesYears: [0.1, 0.1] }), {
      code: 'INVALID_INPUT',
      field: 'timesYears[1]',
    });
    assert.throws(() => attributePnl({ ...base, spots: [100, Number.NaN] }), {
      code: 'NON_FINITE_INPUT',
      field: 'spots[1]',
    });
  });
});
