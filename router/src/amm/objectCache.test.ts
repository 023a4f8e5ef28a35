import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeRandomV3Pool } from '../../test-support/makeRandomV3Pool.js';
import { objectCache } from './objectCache.js';
import { swapExactInCached } from './swapExactInCached.js';
import { swapV3 } from './v3/swapV3.js';

describe('objectCache', () => {
  it('behavior: a value cached on an object is found on that object only, and is invisible to copies and comparisons', () => {
    const cache = objectCache<object, number[]>('test');
    const key = { a: 1, b: [2n] };
    const twin = { a: 1, b: [2n] };
    assert.equal(cache.get(key), undefined);
    const value = [1, 2, 3];
    cache.set(key, value);
    assert.equal(cache.get(key), value);
    assert.equal(cache.get(twin), undefined, 'an equal object is another key');
    assert.deepStrictEqual(key, twin, 'deepStrictEqual does not see the cache');
    assert.deepEqual(Object.keys(key), ['a', 'b']);
    assert.equal(JSON.stringify({ ...key, b: undefined }), '{"a":1}');
    assert.equal(cache.get({ ...key }), undefined, 'a spread copy starts without a cache');
    const next = [4];
    cache.set(key, next);
    assert.equal(cache.get(key), next, 'set replaces');
  });

  it('behavior: frozen objects (no property can be added) fall back to a weak map', () => {
    const cache = objectCache<object, string>('frozen');
    const key = Object.freeze({ a: 1 });
    cache.set(key, 'x');
    assert.equal(cache.get(key), 'x');
    assert.equal(cache.get(Object.freeze({ a: 1 })), undefined);
  });

  it('behavior: frozen pool states and ticks arrays quote exactly as unfrozen ones (validation, memo, step tables)', () => {
    const state = makeRandomV3Pool({
      seed: 3,
      positions: 40,
      fee: 500,
      tickSpacing: 10,
      centerTick: 200_311,
      widthTicks: 4000,
      maxLiquidity: 4n * 10n ** 16n,
      fullRangeLiquidity: 2n * 10n ** 16n,
    });
    const frozenTicks = Object.freeze(state.ticks.map((t) => Object.freeze({ ...t })));
    const frozen = Object.freeze({
      kind: 'uniswap-v3' as const,
      state: Object.freeze({ ...state, ticks: frozenTicks }),
    });
    const plain = {
      kind: 'uniswap-v3' as const,
      state: { ...state, ticks: state.ticks.map((t) => ({ ...t })) },
    };
    for (const amountIn of [10n ** 15n, 10n ** 18n, 5n * 10n ** 19n, 10n ** 18n]) {
      for (const zeroForOne of [false, true]) {
        const a = swapExactInCached(frozen, { zeroForOne, amountIn });
        const b = swapV3(plain.state, { zeroForOne, amountSpecified: amountIn });
        assert.equal(a.amountOut, b.amountOut);
        assert.equal(a.feeAmount, b.feeAmount);
      }
    }
  });
});
