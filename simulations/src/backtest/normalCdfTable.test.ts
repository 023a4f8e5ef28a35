import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalCdf, normalPdf } from '@hedge-router/router';
import { normalCdfFast, normalCdfInto, normalCdfPdfInto } from './normalCdfTable.js';

describe('normalCdfTable', () => {
  it('behavior: N within 3e-16 and n within 3e-16 (absolute) of the exact formulas on the real line', () => {
    // The reference is the router's normalCdf (Cody erfc, ~1e-16 relative, checked against
    // 60-digit values) and normalPdf. A million points over [−12, 12], nudged off the grid.
    const xs = new Float64Array(1);
    const cdf = new Float64Array(1);
    const pdf = new Float64Array(1);
    const shifted = new Float64Array(1);
    let worstCdf = 0;
    let worstPdf = 0;
    let worstRelative = 0;
    const n = 1_000_000;
    for (let i = 0; i <= n; i++) {
      const x = -12 + (24 * i) / n + 1e-7 * Math.sin(i);
      const exact = normalCdf(x);
      const fast = normalCdfFast(x);
      xs[0] = x;
      normalCdfPdfInto(xs, 1, cdf, pdf);
      xs[0] = x + 0.25;
      normalCdfInto(xs, 0.25, 1, shifted);
      assert.equal(cdf[0], fast, `the array and scalar entry points agree at ${x}`);
      assert.equal(shifted[0], normalCdfFast(x + 0.25 - 0.25));
      worstCdf = Math.max(worstCdf, Math.abs(fast - exact));
      worstPdf = Math.max(worstPdf, Math.abs(pdf[0]! - normalPdf(x)));
      if (x < 0) worstRelative = Math.max(worstRelative, Math.abs(fast / exact - 1));
    }
    assert.ok(worstCdf <= 3e-16, `N: ${worstCdf}`);
    assert.ok(worstPdf <= 3e-16, `n: ${worstPdf}`);
    // Relative accuracy in the lower tail (a deep out-of-the-money delta stays meaningful).
    assert.ok(worstRelative <= 1e-12, `N relative below 0: ${worstRelative}`);
  });

  it('behavior: the limits and symmetry a delta relies on', () => {
    assert.equal(normalCdfFast(0), 0.5);
    assert.equal(normalCdfFast(40), 1);
    assert.equal(normalCdfFast(-40), 0);
    for (const x of [0.3, 1.7, 4.2, 8.99])
      assert.ok(Math.abs(normalCdfFast(x) + normalCdfFast(-x) - 1) <= 3e-16, `N(${x}) + N(−${x})`);
    assert.ok(Number.isNaN(normalCdfFast(Number.NaN)));
  });
});
