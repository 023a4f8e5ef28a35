import { backtestCostStages } from './costModel.js';

/**
 * Per-path results as parallel typed arrays (cheap to move between threads and to merge in
 * path order). USD unless named: `pnl` the hedged P&L at the horizon; `costs` the hedge trading
 * costs paid (≥ 0); `trades` the count of non-zero trades; `unitsTraded` Σ|trade|; the
 * attribution parts `delta`, `gamma`, `theta`, `carry` and `residual` (pnl = delta + gamma +
 * theta + carry − costs + residual); `stages[i·5 + s]` the costs split as `backtestCostStages`.
 */
export type PathResults = {
  readonly count: number;
  pnl: Float64Array;
  costs: Float64Array;
  trades: Float64Array;
  unitsTraded: Float64Array;
  delta: Float64Array;
  gamma: Float64Array;
  theta: Float64Array;
  carry: Float64Array;
  residual: Float64Array;
  /** Book value at t = 0 (what the book was bought at; negative = premium received), USD. */
  premium: Float64Array;
  stages: Float64Array;
};

export const pathResultFields = [
  'pnl',
  'costs',
  'trades',
  'unitsTraded',
  'delta',
  'gamma',
  'theta',
  'carry',
  'residual',
  'premium',
] as const;
export type PathResultField = (typeof pathResultFields)[number];

/** Zeroed results for `count` paths. */
export function createPathResults(count: number): PathResults {
  const f = () => new Float64Array(count);
  return {
    count,
    pnl: f(),
    costs: f(),
    trades: f(),
    unitsTraded: f(),
    delta: f(),
    gamma: f(),
    theta: f(),
    carry: f(),
    residual: f(),
    premium: f(),
    stages: new Float64Array(count * backtestCostStages.length),
  };
}

/** Copies `part` (paths from..from+part.count) into `into` at `from`. */
export function mergePathResults(into: PathResults, part: PathResults, from: number): void {
  for (const field of pathResultFields) into[field].set(part[field], from);
  into.stages.set(part.stages, from * backtestCostStages.length);
}
