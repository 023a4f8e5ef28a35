// One full route decision: five candidate venues (public V3 with the sandwich model and its
// break-even bound, protected V3, a bundle on V3, public V2 with the sandwich model, a batch
// auction), the split search and refinement, from the intent to the plan. p50 / p99 in µs.
import {
  fiveVenueCandidates,
  scenarioContext,
  scenarioIntent,
  scenarioV2Pool,
  scenarioV3Pool,
} from '../src/route/fiveVenueScenario.js';
import { selectRoute } from '../src/route/selectRoute.js';
import { latencyMicros, report } from './harness.js';

export default async function routeDecisionBench(): Promise<void> {
  const ctx = scenarioContext();
  // The pool states as a chain reader would hand them over (read once per block).
  const pools = { v3: scenarioV3Pool(), v2: scenarioV2Pool() };
  const rows = [];
  for (const sellWeth of [5n, 40n, 150n]) {
    const intent = scenarioIntent(sellWeth);
    // Fresh candidates per decision, as a live router builds them from the latest pool state;
    // vary the size by a wei each time so nothing is served from a cache.
    let i = 0n;
    const decide = () =>
      selectRoute(ctx, {
        intent: { ...intent, sellAmount: intent.sellAmount + i++ },
        candidates: fiveVenueCandidates(pools),
      });
    const plan = decide();

    const { p50, p99, mean } = latencyMicros(decide, 2000);
    rows.push({
      sellWeth: Number(sellWeth),
      legs: plan.legs.map((l) => `${l.candidateId} ${(Number(l.sellAmount) / 1e18).toFixed(2)}`).join(' + '),
      totalCostBps: Math.round(plan.cost.total.bps * 100) / 100,
      p50Micros: Math.round(p50),
      p99Micros: Math.round(p99),
      meanMicros: Math.round(mean),
    });
  }
  report('route-decision', rows);
}
