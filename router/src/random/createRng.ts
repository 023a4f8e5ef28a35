import { HedgeRouterError } from '../errors/index.js';

/**
 * A seeded pseudo-random source, reproducible bit for bit from `(seed, stream)` on any
 * machine and any number of worker threads: integers come from xoshiro128** (Blackman and
 * Vigna 2018), whose state is filled by a splitmix-style Weyl sequence through a 32-bit
 * avalanche mixer; normals come from a 128-layer ziggurat (Marsaglia and Tsang 2000) that
 * draws its layer and its value from two independent words (Doornik 2005's fix for the
 * layer/value correlation of the original). Only `Math.exp`/`Math.log`/`Math.sqrt` are used,
 * off the fast path, and V8 computes them identically everywhere (fdlibm ports).
 */
export type Rng = {
  /** Next uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Next uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** Next standard normal deviate (mean 0, variance 1). */
  nextNormal(): number;
  /** Fills `out` with standard normal deviates; same numbers as calling `nextNormal` in turn. */
  fillNormal(out: Float64Array): Float64Array;
};

export type CreateRngParameters = {
  /** Any safe integer; the same seed always gives the same sequence. */
  seed: number;
  /**
   * Independent sub-stream index (a safe non-negative integer), e.g. the path number, so that
   * path i sees the same numbers however paths are split across threads. Default 0.
   */
  stream?: number;
};

// Chris Wellons' "lowbias32" mixer (hash-prospector): a full-avalanche bijection on 32 bits.
function mix32(x: number): number {
  let z = x | 0;
  z ^= z >>> 16;
  z = Math.imul(z, 0x21f0aaad);
  z ^= z >>> 15;
  z = Math.imul(z, 0x735a2d97);
  z ^= z >>> 15;
  return z | 0;
}

const GOLDEN_32 = 0x9e3779b9 | 0;
const TWO_POW_32 = 4294967296;

const ZIGGURAT_LAYERS = 128;
// Right edge of the base layer and the common area of each layer (Marsaglia and Tsang 2000).
const ZIGGURAT_R = 3.442619855899;
const ZIGGURAT_AREA = 9.91256303526217e-3;
// Layer i accepts an int32 draw j at once when |j| < kn[i]; then x = j * wn[i]; fn[i] = e^(-x_i²/2).
const kn = new Uint32Array(ZIGGURAT_LAYERS);
const wn = new Float64Array(ZIGGURAT_LAYERS);
const fn = new Float64Array(ZIGGURAT_LAYERS);
{
  const m1 = 2147483648;
  let dn = ZIGGURAT_R;
  let tn = dn;
  const q = ZIGGURAT_AREA / Math.exp(-0.5 * dn * dn);
  kn[0] = (dn / q) * m1;
  kn[1] = 0;
  wn[0] = q / m1;
  wn[ZIGGURAT_LAYERS - 1] = dn / m1;
  fn[0] = 1;
  fn[ZIGGURAT_LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = ZIGGURAT_LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(ZIGGURAT_AREA / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = (dn / tn) * m1;
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / m1;
  }
}

/** Creates a seeded generator; see `Rng`. Throws INVALID_INPUT for a seed that is not a safe integer. */
export function createRng({ seed, stream = 0 }: CreateRngParameters): Rng {
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
  // Fold the 53-bit seed and the stream into one 32-bit Weyl start, then draw four words.
  const seedLo = (seed % TWO_POW_32) | 0;
  const seedHi = Math.floor(seed / TWO_POW_32) | 0;
  const streamLo = (stream % TWO_POW_32) | 0;
  const streamHi = Math.floor(stream / TWO_POW_32) | 0;
  let weyl = mix32(seedLo ^ mix32(seedHi ^ mix32(streamLo ^ mix32(streamHi + GOLDEN_32))));
  const s = new Int32Array(4);
  for (let i = 0; i < 4; i++) {
    weyl = (weyl + GOLDEN_32) | 0;
    s[i] = mix32(weyl);
  }
  // xoshiro's only forbidden state is all zeros.
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;

  // xoshiro128**: returns a signed int32 (callers reinterpret as needed).
  const nextInt32 = (): number => {
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
  };

  const nextFloat = (): number => {
    const a = nextInt32() >>> 5;
    const b = nextInt32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  };

  // Open interval (0, 1) for the logarithms of the ziggurat's tail.
  const nextOpenFloat = (): number => {
    let u = nextFloat();
    while (u === 0) u = nextFloat();
    return u;
  };

  const nextNormal = (): number => {
    for (;;) {
      const layer = nextInt32() & (ZIGGURAT_LAYERS - 1);
      const j = nextInt32();
      const x = j * wn[layer]!;
      // ~98.8% of draws end here: the point is inside the layer's rectangle core.
      if ((j < 0 ? -j : j) < kn[layer]!) return x;
      if (layer === 0) {
        // Tail beyond R: Marsaglia's exponential rejection.
        let tx: number;
        let ty: number;
        do {
          tx = -Math.log(nextOpenFloat()) / ZIGGURAT_R;
          ty = -Math.log(nextOpenFloat());
        } while (ty + ty < tx * tx);
        return j > 0 ? ZIGGURAT_R + tx : -ZIGGURAT_R - tx;
      }
      // Wedge: accept under the density, else draw again from scratch.
      if (fn[layer]! + nextFloat() * (fn[layer - 1]! - fn[layer]!) < Math.exp(-0.5 * x * x)) return x;
    }
  };

  return {
    nextUint32: () => nextInt32() >>> 0,
    nextFloat,
    nextNormal,
    fillNormal(out) {
      for (let i = 0; i < out.length; i++) out[i] = nextNormal();
      return out;
    },
  };
}
