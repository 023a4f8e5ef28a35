// A seeded generator of realistic V3 pool states (many overlapping positions plus a full-range
// one), shared by the property tests and the benchmark. Not part of the public API.
import { MAX_TICK, MIN_TICK } from '../src/amm/v3/constants.js';
import { getSqrtRatioAtTick } from '../src/amm/v3/tickMath.js';
import type { V3PoolState, V3Tick } from '../src/amm/v3/types.js';

/** mulberry32: a tiny deterministic PRNG, so tests and benches replay from their seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type MakeRandomV3PoolParameters = {
  seed: number;
  /** Number of concentrated positions (each adds up to two initialized ticks). */
  positions: number;
  fee: number;
  tickSpacing: number;
  /** Tick the pool's price sits in. */
  centerTick: number;
  /** Positions' bounds are drawn within centerTick ± widthTicks. */
  widthTicks: number;
  /** Liquidity of each position is drawn up to this (uint128). */
  maxLiquidity: bigint;
  /** Liquidity of a full-range position under everything (0n for none). */
  fullRangeLiquidity: bigint;
};

/** Builds a V3 pool whose ticks and active liquidity are consistent, from a seed. */
export function makeRandomV3Pool(p: MakeRandomV3PoolParameters): V3PoolState {
  const random = mulberry32(p.seed);
  const net = new Map<number, bigint>();
  const add = (index: number, delta: bigint) => net.set(index, (net.get(index) ?? 0n) + delta);
  const s = p.tickSpacing;
  const align = (t: number) => Math.floor(t / s) * s;
  if (p.fullRangeLiquidity > 0n) {
    add(Math.ceil(MIN_TICK / s) * s, p.fullRangeLiquidity);
    add(Math.floor(MAX_TICK / s) * s, -p.fullRangeLiquidity);
  }
  for (let i = 0; i < p.positions; i++) {
    const a = align(p.centerTick + Math.floor((random() * 2 - 1) * p.widthTicks));
    const b = align(p.centerTick + Math.floor((random() * 2 - 1) * p.widthTicks));
    if (a === b) continue;
    const liquidity = (p.maxLiquidity * BigInt(Math.floor(random() * 1_000_000) + 1)) / 1_000_000n;
    add(Math.min(a, b), liquidity);
    add(Math.max(a, b), -liquidity);
  }
  const ticks: V3Tick[] = [...net.entries()]
    .filter(([, liquidityNet]) => liquidityNet !== 0n)
    .map(([index, liquidityNet]) => ({ index, liquidityNet }))
    .sort((x, y) => x.index - y.index);
  // A price strictly inside the center tick, so slot0.tick == getTickAtSqrtRatio(price).
  const tick = p.centerTick;
  const low = getSqrtRatioAtTick(tick);
  const sqrtPriceX96 = low + (getSqrtRatioAtTick(tick + 1) - low) / 3n;
  let liquidity = 0n;
  for (const t of ticks) if (t.index <= tick) liquidity += t.liquidityNet;
  return { sqrtPriceX96, tick, liquidity, fee: p.fee, tickSpacing: s, ticks };
}
