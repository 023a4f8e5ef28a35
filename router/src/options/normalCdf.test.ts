import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalCdfDecimal } from '../../test-support/blackScholesDecimal.js';
import { erfc } from './erfc.js';
import { inverseNormalCdf } from './inverseNormalCdf.js';
import { normalCdf } from './normalCdf.js';
import { normalPdf } from './normalPdf.js';

describe('normalCdf', () => {
  it('behavior: matches 50-digit arithmetic to 1e-15 relative from x = −37 to 8', () => {
    // Reference: the series N(x) = ½ + n(x)Σx^(2k+1)/(2k+1)!! in decimal.js (test-support/blackScholesDecimal.ts).
    const xs = [
      -37, -30, -20.5, -12, -8, -5.5, -3, -1.7, -1, -0.6, -0.3, -0.01, 0, 0.2, 0.7, 1, 2.5, 4, 6, 8,
    ];
    for (const x of xs) {
      const reference = normalCdfDecimal(x);
      const relative = reference.sub(normalCdf(x)).div(reference).abs().toNumber();
      assert.ok(relative < 1e-15, `x = ${x}: relative error ${relative}`);
    }
  });

  it('behavior: published values (Abramowitz and Stegun table 26.1)', () => {
    assert.equal(normalCdf(0), 0.5);
    assert.ok(Math.abs(normalCdf(1.96) - 0.9750021048517795) < 1e-15);
    assert.ok(Math.abs(normalCdf(-1) - 0.15865525393145705) < 1e-16);
  });

  it('behavior: saturates without NaN far in the tails', () => {
    assert.equal(normalCdf(-40), 0);
    assert.equal(normalCdf(40), 1);
    assert.equal(normalCdf(Number.NEGATIVE_INFINITY), 0);
    assert.equal(normalCdf(Number.POSITIVE_INFINITY), 1);
  });

  it('behavior: erfc is symmetric, erfc(−x) = 2 − erfc(x)', () => {
    for (const x of [0.1, 0.5, 1, 3, 5]) assert.ok(Math.abs(erfc(-x) - (2 - erfc(x))) < 4e-16);
  });

  it('behavior: normalPdf integrates the cdf (central difference)', () => {
    for (const x of [-3, -1, 0, 0.5, 2]) {
      const h = 1e-5;
      const slope = (normalCdf(x + h) - normalCdf(x - h)) / (2 * h);
      assert.ok(Math.abs(slope - normalPdf(x)) < 1e-9);
    }
  });
});

describe('inverseNormalCdf', () => {
  it('behavior: inverts normalCdf to 1e-15 relative over 1e-300 .. 1 − 1e-16', () => {
    const ps = [1e-300, 1e-100, 1e-20, 1e-8, 0.001, 0.02, 0.3, 0.5, 0.7, 0.975, 0.999999, 1 - 1e-12];
    for (const p of ps) {
      const x = inverseNormalCdf(p);
      const back = p < 0.5 ? normalCdf(x) : 1 - normalCdf(x);
      const target = p < 0.5 ? p : 1 - p;
      assert.ok(Math.abs(back - target) / target < 2e-13, `p = ${p}`);
    }
    assert.ok(Math.abs(inverseNormalCdf(0.975) - 1.959963984540054) < 1e-15);
  });

  it('error: rejects p outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, Number.NaN])
      assert.throws(() => inverseNormalCdf(p), { code: 'INVALID_INPUT' });
  });
});
