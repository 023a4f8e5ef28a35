import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '@hedge-router/router';
import { fillNormals } from './fillNormals.js';

// Right edge of the ziggurat's base layer: draws beyond it come from the tail branch.
const ZIGGURAT_R = 3.442619855899;

describe('fillNormals', () => {
  it("behavior: gives createRng's normals bit for bit, stream by stream", () => {
    const out = new Float64Array(365);
    for (const seed of [1, 7, 2 ** 40 + 3])
      for (let stream = 0; stream < 200; stream++) {
        fillNormals(seed, stream, out);
        const rng = createRng({ seed, stream });
        for (let i = 0; i < out.length; i++)
          assert.ok(Object.is(out[i], rng.nextNormal()), `seed ${seed} stream ${stream} draw ${i}`);
      }
  });

  it('behavior: stays identical through the tail and the wedges (a million draws)', () => {
    const n = 1_000_000;
    const out = fillNormals(11, 3, new Float64Array(n));
    const rng = createRng({ seed: 11, stream: 3 });
    let tail = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.nextNormal();
      if (!Object.is(out[i], x)) assert.fail(`draw ${i}: ${out[i]} vs ${x}`);
      if (Math.abs(x) > ZIGGURAT_R) tail++;
    }
    // 2N(−R) = 5.8e-4 of the mass lies beyond R: ~576 tail draws, so the branch did run.
    assert.ok(tail > 400, `${tail} tail draws`);
  });

  it('behavior: writes only the first `count` entries', () => {
    const out = new Float64Array(10).fill(42);
    fillNormals(5, 9, out, 4);
    const rng = createRng({ seed: 5, stream: 9 });
    for (let i = 0; i < 4; i++) assert.equal(out[i], rng.nextNormal());
    for (let i = 4; i < 10; i++) assert.equal(out[i], 42);
  });

  it('error: names the bad seed, stream or count', () => {
    const out = new Float64Array(4);
    assert.throws(() => fillNormals(0.5, 0, out), { code: 'INVALID_INPUT', field: 'seed' });
    assert.throws(() => fillNormals(1, -1, out), { code: 'INVALID_INPUT', field: 'stream' });
    assert.throws(() => fillNormals(1, 2 ** 53, out), { code: 'INVALID_INPUT', field: 'stream' });
    assert.throws(() => fillNormals(1, 0, out, 5), { code: 'INVALID_INPUT', field: 'count' });
  });
});
