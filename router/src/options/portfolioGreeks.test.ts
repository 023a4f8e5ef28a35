import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBook } from './createBook.js';
import { portfolioGreeks } from './portfolioGreeks.js';
import { priceOption } from './priceOption.js';

describe('portfolioGreeks', () => {
  const positions = [
    { kind: 'call' as const, strike: 2600, expiry: 0.1, quantity: -20 },
    { kind: 'put' as const, strike: 2300, expiry: 0.3, quantity: 15 },
    { kind: 'call' as const, strike: 2000, expiry: 0.05, quantity: 4 },
  ];
  const market = { spot: 2500, vol: 0.65, rate: 0.04, dividendYield: 0.01 };

  it('behavior: sums quantity-weighted BSM Greeks and adds the hedge to delta', () => {
    const g = portfolioGreeks({ book: positions, hedge: 7.5, timeYears: 0.02, ...market });
    let delta = 0;
    let gamma = 0;
    let vega = 0;
    let theta = 0;
    let value = 0;
    for (const p of positions) {
      const o = priceOption({ kind: p.kind, strike: p.strike, expiry: p.expiry - 0.02, ...market });
      value += p.quantity * o.price;
      delta += p.quantity * o.delta;
      gamma += p.quantity * o.gamma;
      vega += p.quantity * o.vega;
      theta += p.quantity * o.theta;
    }
    const close = (a: number, b: number) =>
      assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
    close(g.optionsValueUsd, value);
    close(g.optionsDeltaUnits, delta);
    close(g.deltaUnits, delta + 7.5);
    close(g.deltaUsd, (delta + 7.5) * 2500);
    close(g.gammaUnitsPerUsd, gamma);
    close(g.gammaUsdPerPct, (gamma * 2500 * 2500) / 100);
    close(g.vegaUsd, vega);
    close(g.vegaUnits, vega / 2500);
    close(g.thetaUsdPerYear, theta);
    close(g.thetaUnitsPerYear, theta / 2500);
  });

  it('behavior: dollar gamma predicts the change of USD delta for a 1% move', () => {
    const book = createBook({ positions });
    const at = (spot: number) => portfolioGreeks({ book, hedge: 0, ...market, spot });
    const g = at(2500);
    const moved = at(2500 * 1.0001);
    const dollarDeltaChangePerPct = ((moved.deltaUsd - g.deltaUsd) / 0.0001) * 0.01;
    // ΔUSD-delta ≈ Γ·S·dS + Δ·dS: the Δ·dS part is the price move of the delta itself.
    const expected = g.gammaUsdPerPct + g.optionsDeltaUnits * 2500 * 0.01;
    assert.ok(Math.abs(dollarDeltaChangePerPct - expected) / Math.abs(expected) < 1e-3);
  });

  it('behavior: expired positions are ignored', () => {
    const g = portfolioGreeks({ book: positions, hedge: 0, timeYears: 0.2, ...market });
    const only = portfolioGreeks({ book: [positions[1]!], hedge: 0, timeYears: 0.2, ...market });
    assert.deepEqual(g, only);
  });

  it('error: a bad position names its index and field', () => {
    assert.throws(
      () =>
        portfolioGreeks({
          book: [{ kind: 'call', strike: -1, expiry: 1, quantity: 1 }],
          hedge: 0,
          ...market,
        }),
      {
        code: 'INVALID_INPUT',
        field: 'positions[0].strike',
      },
    );
    assert.throws(() => portfolioGreeks({ book: positions, hedge: Number.NaN, ...market }), {
      code: 'NON_FINITE_INPUT',
      field: 'hedge',
    });
  });
});
