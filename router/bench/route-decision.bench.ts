// One full route decision: five candidate venues (public V3 with the sandwich model and its
// break-even bound, protected V3, a bundle on V3, public V2 with the sandwich model, a batch
// auction), the split search and refinement, from the intent to the plan. p50 / p99 in µs, of
// wall time and of the process's CPU time per decision (the CPU tail leaves out time the OS gave
// other processes).
//
// Three pool regimes per size:
// - warm: the same pool state objects for every decision, as within one block (a live router
//   reads the pools once per block and decides many intents on them), so per-pool-state work
//   (float model, V3 step tables, swap memo) is shared;
// - cold-kept-ticks: a new pool state object every decision that keeps the ticks array, as the
//   first decision after a new block without a Mint or Burn (the api's refresh then keeps the
//   array): what is derived from the ticks alone (validation, float tick tables, recorded V3
//   steps by start state) carries over, everything tied to the state object is rebuilt;
// - cold: a new pool state with a new ticks array (new tick objects) every decision, as after a
//   Mint or Burn or a first read: nothing carries over.
// Building the state is outside the timed region (the chain reader does that), everything the
// router derives from it is inside.

import { latencyMicros, report } from '@hedge-router/tools/bench-harness';
import { selectRoute } from '../src/route/selectRoute.js';
import {
  fiveVenueCandidates,
  scenarioContext,
  scenarioIntent,
  scenarioV2Pool,
  scenarioV3Pool,
} from '../test-support/fiveVenueScenario.js';
import { poolRegimes, poolsIn, type ScenarioPools } from './scenarioPools.js';

export default async function routeDecisionBench(): Promise<void> {
  const ctx = scenarioContext();
  // The pool states as a chain reader would hand them over (read once per block).
  const pools: ScenarioPools = { v3: scenarioV3Pool(), v2: scenarioV2Pool() };
  const rows = [];
  for (const sellWeth of [5n, 40n, 150n]) {
    const intent = scenarioIntent(sellWeth);
    for (const regime of poolRegimes) {
      // Fresh candidates per decision, as a live router builds them from the latest pool state.
      // The size moves by 64 wei each time: every size the search prices (grid quarters,
      // refinement steps of 1/8 and 1/16) then differs from all past decisions' sizes, so no
      // swap or quote is served from an earlier decision's memo (a 1-wei step left 3 in 4 of the
      // grid sizes unchanged).
      let i = 0n;
      const decide = (p: ScenarioPools) =>
        selectRoute(ctx, {
          intent: { ...intent, sellAmount: intent.sellAmount + 64n * i++ },
          candidates: fiveVenueCandidates(p),
        });
      const next = () => poolsIn(pools, regime);
      const plan = decide(next());
      const { p50, p99, mean, cpuP50, cpuP99 } = latencyMicros(decide, 2000, next);
      rows.push({
        sellWeth: Number(sellWeth),
        pools: regime,
        legs: plan.legs
          .map((l) => `${l.candidateId} ${(Number(l.sellAmount) / 1e18).toFixed(2)}`)
          .join(' + '),
        totalCostBps: Math.round(plan.cost.total.bps * 100) / 100,
        p50Micros: Math.round(p50),
        p99Micros: Math.round(p99),
        meanMicros: Math.round(mean),
        cpuP50Micros: Math.round(cpuP50),
        cpuP99Micros: Math.round(cpuP99),
      });
    }
  }
  report('route-decision', rows);
}
