import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { csvReplayModel } from './csvReplayModel.js';
import { gbmModel } from './gbmModel.js';
import { hestonModel } from './hestonModel.js';
import type { MarketModel } from './marketModel.js';
import { mertonModel } from './mertonModel.js';
import { type PriceSeries, readPriceCsv } from './readPriceCsv.js';
import type { Scenario } from './scenarioSchema.js';

export type CreateMarketModelParameters = {
  scenario: Scenario;
  /** Directory CSV paths are relative to (the scenario file's). Default: the working directory. */
  baseDir?: string | undefined;
  /** A series already loaded (workers get it from the main thread instead of re-reading the file). */
  series?: PriceSeries | undefined;
};

/** Loads the CSV series a scenario replays, or undefined for a simulated market. */
export function loadScenarioSeries(scenario: Scenario, baseDir = process.cwd()): PriceSeries | undefined {
  if (scenario.market.model !== 'csv') return undefined;
  const file = resolve(baseDir, scenario.market.file);
  return readPriceCsv(readFileSync(file, 'utf8'), scenario.market.file);
}

/** The market model a scenario names, on the scenario's clock (horizonYears / steps per step). */
export function createMarketModel({ scenario, baseDir, series }: CreateMarketModelParameters): MarketModel {
  const { seed, steps } = scenario;
  const dtYears = scenario.horizonYears / steps;
  const m = scenario.market;
  switch (m.model) {
    case 'gbm':
      return gbmModel({ seed, steps, dtYears, spot: m.spot, drift: m.drift, vol: m.vol });
    case 'merton':
      return mertonModel({ seed, steps, dtYears, ...m });
    case 'heston':
      return hestonModel({ seed, steps, dtYears, ...m });
    case 'csv':
      return csvReplayModel({
        series: series ?? loadScenarioSeries(scenario, baseDir)!,
        steps,
        spot: m.spot,
        strideRows: m.strideRows,
      });
  }
}
