/**
 * A market model fills one path of spot prices: `out[i]` is the spot (USD per unit) at step i
 * of `steps`, i = 0..steps, on a clock of `dtYears` per step. The path depends only on the
 * scenario's seed and `pathIndex` (the RNG stream), never on which thread runs it.
 */
export type MarketModel = {
  readonly kind: string;
  /** Number of paths the model can produce (finite for a replayed series). */
  readonly maxPaths: number;
  fillPath(pathIndex: number, out: Float64Array): void;
};
