import { HedgeRouterError } from '@hedge-router/router';

// The router's `createRng` normals (xoshiro128** words, 128-layer ziggurat with independent layer
// and value words), re-implemented for the backtester's hot path: the generator state lives in
// four local int32s instead of a closure over an Int32Array, and no object is created per path.
// The numbers are the same bit for bit as `createRng({ seed, stream }).nextNormal()` called in
// turn (fillNormals.test.ts checks it over millions of draws, tail and wedge included), so the
// backtester's paths do not depend on which of the two produced them.

const GOLDEN_32 = 0x9e3779b9 | 0;
const TWO_POW_32 = 4294967296;
const LAYERS = 128;
const R = 3.442619855899;
const AREA = 9.91256303526217e-3;

// Same construction (and so the same doubles) as router/src/random/createRng.ts.
const kn = new Uint32Array(LAYERS);
const wn = new Float64Array(LAYERS);
const fn = new Float64Array(LAYERS);
{
  const m1 = 2147483648;
  let dn = R;
  let tn = dn;
  const q = AREA / Math.exp(-0.5 * dn * dn);
  kn[0] = (dn / q) * m1;
  kn[1] = 0;
  wn[0] = q / m1;
  wn[LAYERS - 1] = dn / m1;
  fn[0] = 1;
  fn[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(AREA / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = (dn / tn) * m1;
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / m1;
  }
}
// The same integers as doubles: |j| < bound compares as doubles either way, and Math.abs(j)
// against a Float64Array is branch-free (a `j < 0 ? −j : j` branch mispredicts half the time,
// which cost more than the rest of the draw).
const knBound = Float64Array.from(kn);

function mix32(x: number): number {
  let z = x | 0;
  z ^= z >>> 16;
  z = Math.imul(z, 0x21f0aaad);
  z ^= z >>> 15;
  z = Math.imul(z, 0x735a2d97);
  z ^= z >>> 15;
  return z | 0;
}

/** xoshiro128** on a state array (the slow path only). */
function nextInt32(s: Int32Array): number {
  const s0 = s[0]!;
  const s1 = s[1]!;
  const s2 = s[2]! ^ s0;
  const s3 = s[3]! ^ s1;
  const m = Math.imul(s1, 5);
  const result = Math.imul((m << 7) | (m >>> 25), 9);
  s[0] = s0 ^ s3;
  s[1] = s1 ^ s2;
  s[2] = s2 ^ (s1 << 9);
  s[3] = (s3 << 11) | (s3 >>> 21);
  return result;
}

function nextFloat(s: Int32Array): number {
  const a = nextInt32(s) >>> 5;
  const b = nextInt32(s) >>> 6;
  return (a * 67108864 + b) / 9007199254740992;
}

function nextOpenFloat(s: Int32Array): number {
  let u = nextFloat(s);
  while (u === 0) u = nextFloat(s);
  return u;
}

/**
 * The ~1.2% of ziggurat draws that miss the layer's rectangle core: finishes the attempt that
 * drew (layer, j) (tail or wedge test), and on rejection draws again from scratch, exactly as
 * createRng's nextNormal loop does.
 */
function finishNormal(layer: number, j: number, s: Int32Array): number {
  for (;;) {
    const x = j * wn[layer]!;
    if (Math.abs(j) < knBound[layer]!) return x;
    if (layer === 0) {
      let tx: number;
      let ty: number;
      do {
        tx = -Math.log(nextOpenFloat(s)) / R;
        ty = -Math.log(nextOpenFloat(s));
      } while (ty + ty < tx * tx);
      return j > 0 ? R + tx : -R - tx;
    }
    if (fn[layer]! + nextFloat(s) * (fn[layer - 1]! - fn[layer]!) < Math.exp(-0.5 * x * x)) return x;
    layer = nextInt32(s) & (LAYERS - 1);
    j = nextInt32(s);
  }
}

const slowState = new Int32Array(4);

/**
 * Writes the first `count` standard normals of RNG stream (`seed`, `stream`) to out[0..count),
 * the same numbers as `createRng({ seed, stream }).nextNormal()` called `count` times.
 * Throws INVALID_INPUT naming `seed` or `stream` when one is not a (non-negative) safe integer.
 */
export function fillNormals(
  seed: number,
  stream: number,
  out: Float64Array,
  count = out.length,
): Float64Array {
  if (!Number.isSafeInteger(seed)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'seed must be a safe integer',
      field: 'seed',
      details: { seed },
    });
  }
  if (!Number.isSafeInteger(stream) || stream < 0) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'stream must be a non-negative safe integer',
      field: 'stream',
      details: { stream },
    });
  }
  if (!(count >= 0 && count <= out.length)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: `count must be within 0..${out.length} (the output's length)`,
      field: 'count',
      details: { count },
    });
  }
  const seedLo = (seed % TWO_POW_32) | 0;
  const seedHi = Math.floor(seed / TWO_POW_32) | 0;
  const streamLo = (stream % TWO_POW_32) | 0;
  const streamHi = Math.floor(stream / TWO_POW_32) | 0;
  let weyl = mix32(seedLo ^ mix32(seedHi ^ mix32(streamLo ^ mix32(streamHi + GOLDEN_32))));
  weyl = (weyl + GOLDEN_32) | 0;
  let s0 = mix32(weyl);
  weyl = (weyl + GOLDEN_32) | 0;
  let s1 = mix32(weyl);
  weyl = (weyl + GOLDEN_32) | 0;
  let s2 = mix32(weyl);
  weyl = (weyl + GOLDEN_32) | 0;
  let s3 = mix32(weyl);
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  for (let n = 0; n < count; n++) {
    // Two xoshiro128** steps, written out: the layer word, then the value word.
    let a2 = s2 ^ s0;
    let a3 = s3 ^ s1;
    let m = Math.imul(s1, 5);
    const layer = Math.imul((m << 7) | (m >>> 25), 9) & (LAYERS - 1);
    s2 = a2 ^ (s1 << 9);
    s0 ^= a3;
    s1 ^= a2;
    s3 = (a3 << 11) | (a3 >>> 21);
    a2 = s2 ^ s0;
    a3 = s3 ^ s1;
    m = Math.imul(s1, 5);
    const j = Math.imul((m << 7) | (m >>> 25), 9);
    s2 = a2 ^ (s1 << 9);
    s0 ^= a3;
    s1 ^= a2;
    s3 = (a3 << 11) | (a3 >>> 21);
    if (Math.abs(j) < knBound[layer]!) {
      out[n] = j * wn[layer]!;
      continue;
    }
    slowState[0] = s0;
    slowState[1] = s1;
    slowState[2] = s2;
    slowState[3] = s3;
    out[n] = finishNormal(layer, j, slowState);
    s0 = slowState[0]!;
    s1 = slowState[1]!;
    s2 = slowState[2]!;
    s3 = slowState[3]!;
  }
  return out;
}
