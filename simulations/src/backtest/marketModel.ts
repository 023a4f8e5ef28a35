/**
 * A market model fills one path of spot prices: `out[i]` is the spot (USD per unit) at step i
 * of `steps`, i = 0..steps, on a clock of `dtYears` per step. The path depends only on the
 * scenario's seed and `pathIndex` (the RNG stream), never on which thread runs it. With
 * `logOut`, ln(out[i]) goes to `logOut[i]` too (the fast loop's log-moneyness needs no Math.log
 * then: the simulated models already carry the log spot).
 */
export type MarketModel = {
  readonly kind: string;
  /** Number of paths the model can produce (finite for a replayed series). */
  readonly maxPaths: number;
  fillPath(pathIndex: number, out: Float64Array, logOut?: Float64Array): void;
};
