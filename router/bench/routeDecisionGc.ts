// Where a route decision's tail comes from: the route-decision bench's rows (warm, cold-kept-ticks,
// cold) with each sample's CPU time and the GC pauses that landed inside it. Not a *.bench.ts
// (not part of `npm run bench`); run it by hand, with --trace-gc-nvp for per-scavenge survival:
//   cd router && npx tsx bench/routeDecisionGc.ts [weth,…]
//   cd router && node --trace-gc-nvp --import tsx bench/routeDecisionGc.ts 40 | grep 'gc=s'
// Columns: p50/p99 of wall and of CPU time (µs), the wall p99 with each sample's GC pauses taken
// out, how many young (minor) and full (major) GCs fell inside samples, and their mean pause.
import { type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { selectRoute } from '../src/route/selectRoute.js';
import {
  fiveVenueCandidates,
  scenarioContext,
  scenarioIntent,
  scenarioV2Pool,
  scenarioV3Pool,
} from '../test-support/fiveVenueScenario.js';
import { poolRegimes, poolsIn, type ScenarioPools } from './scenarioPools.js';

const SAMPLES = 3000;
const WARMUP = 300;
// node:perf_hooks constants.NODE_PERFORMANCE_GC_MAJOR / _MINOR.
const GC_MAJOR = 4;
const GC_MINOR = 1;

const gcs: { start: number; duration: number; kind: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) {
    gcs.push({ start: e.startTime, duration: e.duration, kind: e.detail?.kind ?? 0 });
  }
}).observe({ entryTypes: ['gc'] });

const ctx = scenarioContext();
const base: ScenarioPools = { v3: scenarioV3Pool(), v2: scenarioV2Pool() };
const quantile = (values: Float64Array, q: number) => {
  const sorted = Float64Array.from(values).sort();
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
};

const sizes = (process.argv[2] ?? '5,40,150').split(',').map((s) => BigInt(s));
const rows = [];
for (const sellWeth of sizes) {
  const intent = scenarioIntent(sellWeth);
  for (const regime of poolRegimes) {
    let i = 0n;
    const start = new Float64Array(SAMPLES);
    const end = new Float64Array(SAMPLES);
    const cpu = new Float64Array(SAMPLES);
    for (let s = -WARMUP; s < SAMPLES; s++) {
      const pools = poolsIn(base, regime);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      selectRoute(ctx, {
        intent: { ...intent, sellAmount: intent.sellAmount + 64n * i++ },
        candidates: fiveVenueCandidates(pools),
      });
      const t1 = performance.now();
      const c = process.cpuUsage(c0);
      if (s >= 0) {
        start[s] = t0;
        end[s] = t1;
        cpu[s] = c.user + c.system;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 10)); // deliver the GC entries
    const wall = new Float64Array(SAMPLES);
    const gcInSample = new Float64Array(SAMPLES);
    let minor = 0;
    let major = 0;
    let pauseMs = 0;
    for (let s = 0; s < SAMPLES; s++) wall[s] = (end[s]! - start[s]!) * 1000;
    // Samples are in time order: walk the GC entries alongside them.
    let s = 0;
    for (const g of gcs.sort((a, b) => a.start - b.start)) {
      while (s < SAMPLES && end[s]! <= g.start) s++;
      if (s === SAMPLES) break;
      if (g.start < start[s]!) continue; // between samples (harness work)
      gcInSample[s] = gcInSample[s]! + g.duration * 1000;
      pauseMs += g.duration;
      if (g.kind === GC_MINOR) minor++;
      else if (g.kind & GC_MAJOR) major++;
    }
    gcs.length = 0;
    rows.push({
      sellWeth: Number(sellWeth),
      pools: regime,
      p50Micros: quantile(wall, 0.5),
      p99Micros: quantile(wall, 0.99),
      cpuP50Micros: quantile(cpu, 0.5),
      cpuP99Micros: quantile(cpu, 0.99),
      p99WithoutGcMicros: quantile(
        wall.map((w, k) => w - gcInSample[k]!),
        0.99,
      ),
      minorGcs: minor,
      majorGcs: major,
      meanGcPauseMicros: minor + major === 0 ? 0 : Math.round((1000 * pauseMs) / (minor + major)),
    });
  }
}
console.table(rows);
