import { backtestCostStages } from './costModel.js';
import type { PathResults } from './pathResults.js';
import type { Scenario } from './scenarioSchema.js';
import { meanOf, type SampleStatistics, sampleStatistics } from './statistics.js';

/**
 * The backtest summary (what `hedge-router backtest --json` prints). USD unless named; means
 * are per path. `pnl` is the hedged P&L at the horizon of a book bought (sold, when short) at
 * its BSM value at the hedge vol at t = 0, with cash at `rate`. Attribution: pnl = delta + gamma
 * + theta + carry + costs + residual (costs ≤ 0 there).
 */
export type BacktestSummary = {
  scenario: { name: string | null; seed: number; paths: number; steps: number; horizonYears: number };
  policy: string;
  market: string;
  costModel: string;
  engine: 'fast' | 'generic';
  /** Mean book value at t = 0 (negative: premium received), USD. */
  bookValueAtStartUsd: number;
  pnl: SampleStatistics & { variance: number };
  costs: {
    /** Mean total cost per path, USD (≥ 0). */
    total: number;
    /** Σ costs / Σ trades over all paths, USD per trade. */
    perTrade: number;
    /** Mean per path, by stage (proportional costs are all fees). */
    byStage: Record<(typeof backtestCostStages)[number], number>;
  };
  trades: { mean: number; unitsTradedMean: number };
  attribution: {
    total: number;
    delta: number;
    gamma: number;
    theta: number;
    carry: number;
    costs: number;
    residual: number;
  };
};

/** Summarises merged per-path results (in path order: the numbers never depend on threads). */
export function summarizeBacktest(
  scenario: Scenario,
  engine: 'fast' | 'generic',
  r: PathResults,
): BacktestSummary {
  const pnl = sampleStatistics(r.pnl);
  let totalCosts = 0;
  let totalTrades = 0;
  for (let i = 0; i < r.count; i++) {
    totalCosts += r.costs[i]!;
    totalTrades += r.trades[i]!;
  }
  const stageCount = backtestCostStages.length;
  const byStage = Object.fromEntries(
    backtestCostStages.map((s) => [s, 0]),
  ) as BacktestSummary['costs']['byStage'];
  for (let i = 0; i < r.count; i++)
    for (let s = 0; s < stageCount; s++) byStage[backtestCostStages[s]!] += r.stages[i * stageCount + s]!;
  for (const s of backtestCostStages) byStage[s] /= r.count;
  const costsMean = meanOf(r.costs);
  const hedge = scenario.hedge;
  const policyParams = Object.entries(hedge)
    .filter(([k]) => k !== 'policy' && k !== 'vol' && k !== 'forecastVol')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return {
    scenario: {
      name: scenario.name ?? null,
      seed: scenario.seed,
      paths: scenario.paths,
      steps: scenario.steps,
      horizonYears: scenario.horizonYears,
    },
    policy: `${hedge.policy}(${policyParams}) at vol ${hedge.vol}`,
    market: scenario.market.model,
    costModel:
      scenario.costs.model === 'proportional'
        ? `proportional ${scenario.costs.oneWayBps} bps one way`
        : `venue: ${venueName(scenario.costs)}, pool $${scenario.costs.poolDepthUsd} deep, ${scenario.costs.feeBps} bps fee`,
    engine,
    bookValueAtStartUsd: meanOf(r.premium),
    pnl: { ...pnl, variance: pnl.sd * pnl.sd },
    costs: { total: costsMean, perTrade: totalTrades > 0 ? totalCosts / totalTrades : 0, byStage },
    trades: { mean: meanOf(r.trades), unitsTradedMean: meanOf(r.unitsTraded) },
    attribution: {
      total: pnl.mean,
      delta: meanOf(r.delta),
      gamma: meanOf(r.gamma),
      theta: meanOf(r.theta),
      carry: meanOf(r.carry),
      costs: -costsMean,
      residual: meanOf(r.residual),
    },
  };
}

/** The venue kind a venue cost model prices with, and its bound. */
function venueName(c: Extract<Scenario['costs'], { model: 'venue' }>): string {
  if (c.mempool === 'private') return 'private-bundle';
  return c.slippageBps !== undefined
    ? `public-amm (naive ${c.slippageBps} bps bound)`
    : 'public-amm (protected bound)';
}
