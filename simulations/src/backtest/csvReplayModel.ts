import { HedgeRouterError } from '@hedge-router/router';
import type { MarketModel } from './marketModel.js';
import type { PriceSeries } from './readPriceCsv.js';

export type CsvReplayModelParameters = {
  series: PriceSeries;
  steps: number;
  /** Rescale each path to start here (USD); default the recorded price. */
  spot?: number | undefined;
  /** Rows between path starts; default `steps` (non-overlapping windows). */
  strideRows?: number | undefined;
};

/**
 * Replays a recorded series: path p is rows p·stride … p·stride + steps, scaled by
 * spot / price[p·stride] when `spot` is given. The scenario's clock (horizonYears / steps per
 * row) is used, not the timestamps' spacing: a daily series hedged daily over a year is
 * `steps: 365, horizonYears: 1`.
 */
export function csvReplayModel(p: CsvReplayModelParameters): MarketModel {
  const { prices } = p.series;
  const stride = p.strideRows ?? p.steps;
  const maxPaths = prices.length > p.steps ? Math.floor((prices.length - 1 - p.steps) / stride) + 1 : 0;
  if (maxPaths < 1) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: `the series has ${prices.length} rows; ${p.steps} steps need at least ${p.steps + 1}`,
      field: 'market.file',
    });
  }
  return {
    kind: 'csv',
    maxPaths,
    fillPath(pathIndex, out, logOut) {
      const start = pathIndex * stride;
      const scale = p.spot === undefined ? 1 : p.spot / prices[start]!;
      for (let i = 0; i <= p.steps; i++) out[i] = prices[start + i]! * scale;
      if (logOut) for (let i = 0; i <= p.steps; i++) logOut[i] = Math.log(out[i]!);
    },
  };
}
