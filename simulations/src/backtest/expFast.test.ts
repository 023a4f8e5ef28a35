import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expFast } from './expFast.js';

describe('expFast', () => {
  it('behavior: within 2 ulps (4.5e-16 relative) of Math.exp on [−708, 708]', () => {
    // A dense sweep of the whole range plus a fine one where the path loop lives (log spots,
    // −d²/2), each point nudged off the grid so every table slot and remainder is exercised.
    let worst = 0;
    let at = 0;
    const check = (x: number) => {
      const e = Math.abs(expFast(x) / Math.exp(x) - 1);
      if (e > worst) {
        worst = e;
        at = x;
      }
    };
    for (let i = 0; i <= 2_000_000; i++) check(-708 + (1416 * i) / 2_000_000 + 1e-4 * Math.sin(i));
    for (let i = 0; i <= 2_000_000; i++) check(-20 + (40 * i) / 2_000_000 + 1e-8 * Math.sin(i));
    assert.ok(worst <= 4.5e-16, `relative error ${worst} at ${at}`);
  });

  it('behavior: exact where Math.exp is, and Math.exp itself outside the fast range', () => {
    assert.equal(expFast(0), 1);
    assert.equal(expFast(800), Number.POSITIVE_INFINITY);
    assert.equal(expFast(-800), 0);
    assert.equal(expFast(-740), Math.exp(-740)); // subnormal
    assert.ok(Number.isNaN(expFast(Number.NaN)));
  });
});
