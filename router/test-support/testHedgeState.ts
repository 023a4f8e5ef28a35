import type { HedgeState } from '../src/hedge/types.js';

/** A complete `HedgeState` for tests and examples, with `patch` applied. */
export function testHedgeState(patch: Partial<HedgeState> = {}): HedgeState {
  return {
    spot: 100,
    hedge: 0,
    timeYears: 0,
    lastRebalanceYears: Number.NEGATIVE_INFINITY,
    vol: 0.5,
    forecastVol: 0.5,
    rate: 0,
    dividendYield: 0,
    costPerUnit: 0,
    ...patch,
  };
}
