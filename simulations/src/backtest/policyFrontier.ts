import {
  bookDeltaGammaInto,
  createBook,
  createBookDeltaGamma,
  type HedgePolicyConfig,
} from '@hedge-router/router';
import { createCostModel } from './createCostModel.js';
import { createMarketModel, loadScenarioSeries } from './createMarketModel.js';
import { runBacktest } from './runBacktest.js';
import type { Scenario } from './scenarioSchema.js';

/** One policy's point on the cost/variance plane (USD per path; variance in USD²). */
export type FrontierPoint = {
  label: string;
  family: 'band' | 'whalley-wilmott' | 'interval' | 'scenario';
  hedge: Scenario['hedge'];
  costMean: number;
  pnlMean: number;
  pnlSd: number;
  pnlVariance: number;
  tradesMean: number;
};

export type PolicyFrontierParameters = {
  scenario: Scenario;
  baseDir?: string;
  /** Paths per policy (default min(scenario.paths, 2000)); same seed, so the same paths for all. */
  paths?: number;
  threads?: number;
  /** Multiples of the per-step delta move s = |Γ|·S·σ·√δt for the band half-widths. */
  bandMultiples?: readonly number[];
  /** Multiples of s the Whalley-Wilmott risk aversions are chosen to give at t = 0. */
  whalleyWilmottMultiples?: readonly number[];
};

/**
 * Traces the cost/variance frontier of a scenario: fixed bands of half-width m·s (s the book's
 * delta move over one step at t = 0, |Γ₀|·S₀·σ·√δt, units), daily (every-step) hedging, and
 * Whalley-Wilmott bands whose risk aversion γ = 3e^(−rT)·k·S·Γ²/(2H³) puts their starting
 * half-width at H = m·s, k the one-way cost rate (proportional, or the venue's cost per unit
 * over the spot). Every policy runs on the same paths (same seed), so differences are the
 * policies', not the noise's. The scenario's own policy is the last point.
 */
export async function policyFrontier(params: PolicyFrontierParameters): Promise<FrontierPoint[]> {
  const { scenario } = params;
  const baseDir = params.baseDir ?? process.cwd();
  const paths = params.paths ?? Math.min(scenario.paths, 2000);
  const base: Scenario = { ...scenario, paths };
  const book = createBook({ positions: scenario.book });
  const market = createMarketModel({ scenario, baseDir, series: loadScenarioSeries(scenario, baseDir) });
  const first = new Float64Array(scenario.steps + 1);
  market.fillPath(0, first);
  const spot = first[0]!;
  const vol = scenario.hedge.vol;
  const g = bookDeltaGammaInto(
    createBookDeltaGamma(),
    book,
    spot,
    0,
    vol,
    vol,
    scenario.rate,
    scenario.dividendYield,
  );
  const dt = scenario.horizonYears / scenario.steps;
  const s = Math.abs(g.gamma) * spot * vol * Math.sqrt(dt);
  const k = createCostModel(scenario, spot).costPerUnit(spot) / spot;
  const configs: { label: string; family: FrontierPoint['family']; hedge: HedgePolicyConfig }[] = [
    { label: 'every step', family: 'interval', hedge: { policy: 'interval', intervalYears: 0 } },
  ];
  if (s > 0) {
    for (const m of params.bandMultiples ?? [0.5, 1, 2, 4, 8, 16])
      configs.push({ label: `band ±${m}s`, family: 'band', hedge: { policy: 'band', halfWidth: m * s } });
    if (k > 0)
      for (const m of params.whalleyWilmottMultiples ?? [1, 2, 4, 8]) {
        const h = m * s;
        const gamma =
          (3 * Math.exp(-scenario.rate * book.lastExpiry) * k * spot * g.gamma * g.gamma) / (2 * h * h * h);
        configs.push({
          label: `WW H₀=${m}s`,
          family: 'whalley-wilmott',
          hedge: { policy: 'whalley-wilmott', riskAversion: gamma, oneWayCost: k },
        });
      }
  }
  const points: FrontierPoint[] = [];
  const run = async (label: string, family: FrontierPoint['family'], hedge: Scenario['hedge']) => {
    const r = await runBacktest({ scenario: { ...base, hedge }, baseDir, threads: params.threads ?? 1 });
    points.push({
      label,
      family,
      hedge,
      costMean: r.summary.costs.total,
      pnlMean: r.summary.pnl.mean,
      pnlSd: r.summary.pnl.sd,
      pnlVariance: r.summary.pnl.variance,
      tradesMean: r.summary.trades.mean,
    });
  };
  for (const c of configs)
    await run(c.label, c.family, {
      ...c.hedge,
      vol,
      forecastVol: scenario.hedge.forecastVol,
    } as Scenario['hedge']);
  await run(`scenario: ${scenario.hedge.policy}`, 'scenario', scenario.hedge);
  return points;
}
