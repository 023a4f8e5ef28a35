// The backtest context from its parts, the cost model given: what a worker builds (with the
// model of the venue table its run sent), so its module graph never reaches the venues.
import { createBook, createHedgePolicy, type HedgePolicy, type OptionBook } from '@hedge-router/router';
import type { CostModel } from './costModel.js';
import { createMarketModel } from './createMarketModel.js';
import type { MarketModel } from './marketModel.js';
import type { PriceSeries } from './readPriceCsv.js';
import type { Scenario } from './scenarioSchema.js';

/**
 * Everything a path loop needs, built once per thread: the compiled book, the policy (the same
 * `createHedgePolicy` the API uses), the market and cost models (a venue model's table is priced
 * once per run, on the run's thread, and sent to the workers), and the clock. `timesYears[i]`
 * = i·δt exactly as both loops use it.
 */
export type BacktestContext = {
  scenario: Scenario;
  book: OptionBook;
  policy: HedgePolicy;
  market: MarketModel;
  costs: CostModel;
  steps: number;
  dtYears: number;
  timesYears: Float64Array;
  /** e^(rδt) − 1 and e^(qδt) − 1: interest on cash and the hedge's yield over one step. */
  cashGrowth: number;
  hedgeYield: number;
  vol: number;
  forecastVol: number;
  rate: number;
  dividendYield: number;
};

export type CreateBacktestContextParameters = {
  scenario: Scenario;
  baseDir?: string | undefined;
  series?: PriceSeries | undefined;
};

/**
 * Builds the context of a validated scenario, its cost model from `costsAt(startSpot)` (the
 * first path's starting spot). A worker passes the model of the table its run sent; everyone
 * else calls createBacktestContext.
 */
export function backtestContextWith(
  { scenario, baseDir, series }: CreateBacktestContextParameters,
  costsAt: (startSpot: number) => CostModel,
): BacktestContext {
  const book = createBook({ positions: scenario.book });
  const policy = createHedgePolicy({ book, config: scenario.hedge });
  const market = createMarketModel({ scenario, baseDir, series });
  const steps = scenario.steps;
  const dtYears = scenario.horizonYears / steps;
  const timesYears = new Float64Array(steps + 1);
  for (let i = 0; i <= steps; i++) timesYears[i] = i * dtYears;
  // The venue cost table is built at the first path's starting spot.
  const first = new Float64Array(steps + 1);
  market.fillPath(0, first);
  return {
    scenario,
    book,
    policy,
    market,
    costs: costsAt(first[0]!),
    steps,
    dtYears,
    timesYears,
    cashGrowth: Math.expm1(scenario.rate * dtYears),
    hedgeYield: Math.expm1(scenario.dividendYield * dtYears),
    vol: scenario.hedge.vol,
    forecastVol: scenario.hedge.forecastVol ?? scenario.hedge.vol,
    rate: scenario.rate,
    dividendYield: scenario.dividendYield,
  };
}
