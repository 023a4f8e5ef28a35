import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DAYS_PER_YEAR, isHedgeRouterError, priceOption } from '@hedge-router/router';
import { createBacktestContext } from './backtestContext.js';
import { parseScenario } from './parseScenario.js';
import { pathResultFields } from './pathResults.js';
import { policyFrontier } from './policyFrontier.js';
import { runBacktest } from './runBacktest.js';
import { runPaths } from './runPaths.js';
import type { ScenarioInput } from './scenarioSchema.js';

const base: ScenarioInput = {
  seed: 7,
  paths: 400,
  steps: 21,
  horizonYears: 1 / 12,
  rate: 0.05,
  market: { model: 'gbm', spot: 100, drift: 0.05, vol: 0.2 },
  book: [{ kind: 'call', strike: 100, expiry: 1 / 12, quantity: -1 }],
  hedge: { policy: 'interval', vol: 0.2, intervalYears: 0 },
  costs: { model: 'proportional', oneWayBps: 0 },
};
const scenario = (overrides: Partial<ScenarioInput>) => parseScenario({ ...base, ...overrides });

describe('backtester: the fast loop and the generic policy path', () => {
  it('behavior: agree within 1e-12 of the notional on every field, trade counts exactly, for every policy the fast loop runs', () => {
    // The fast loop's N(d1)/n(d1) come from a Taylor table (rounding-level error, see
    // normalCdfTable.ts) and its ln(S/K) from the market's running log, so it is not bit for bit
    // the generic loop's exact BSM kernel; measured differences are ~1e-15 of spot·|quantity|
    // (1e-14 USD), so 1e-12 still catches any real divergence (a wrong step, a missed trade).
    const hedges = [
      { policy: 'interval', vol: 0.2, intervalYears: 0 },
      { policy: 'interval', vol: 0.25, intervalYears: 3 / DAYS_PER_YEAR },
      { policy: 'band', vol: 0.2, halfWidth: 0.05 },
      { policy: 'band', vol: 0.2, halfWidth: 0.05, tradeTo: 'centre' },
      { policy: 'whalley-wilmott', vol: 0.2, riskAversion: 0.5, oneWayCost: 0.001 },
    ] as const;
    const books = [
      [{ kind: 'call', strike: 100, expiry: 1 / 12, quantity: -1 }],
      [{ kind: 'put', strike: 95, expiry: 0.2, quantity: 3 }],
    ] as const;
    const costs = [
      { model: 'proportional', oneWayBps: 10 },
      { model: 'venue', poolDepthUsd: 20_000, feeBps: 30, slippageBps: 50 },
    ] as const;
    let compared = 0;
    for (const seed of [1, 2, 3])
      for (const hedge of hedges)
        for (const book of books)
          for (const cost of costs) {
            const ctx = createBacktestContext({
              scenario: scenario({ seed, hedge, book: [...book], costs: cost, dividendYield: 0.01 }),
            });
            const fast = runPaths(ctx, 5, 40, 'fast');
            const generic = runPaths(ctx, 5, 40, 'generic');
            const tolerance = 1e-12 * 100 * Math.abs(book[0].quantity);
            const label = `${hedge.policy} ${book[0].kind} ${cost.model} seed ${seed}`;
            for (const field of pathResultFields)
              for (let i = 0; i < 40; i++) {
                const f = fast[field][i]!;
                const g = generic[field][i]!;
                if (field === 'trades' || field === 'premium') assert.equal(f, g, `${label}: ${field}[${i}]`);
                else assert.ok(Math.abs(f - g) <= tolerance, `${label}: ${field}[${i}] ${f} vs ${g}`);
              }
            for (let i = 0; i < fast.stages.length; i++)
              assert.ok(
                Math.abs(fast.stages[i]! - generic.stages[i]!) <= tolerance,
                `${label}: stages[${i}]`,
              );
            compared++;
          }
    assert.equal(compared, 60);
  });

  it('behavior: the same seed gives the same summary bit for bit on 1 and 2 worker threads', async () => {
    const s = scenario({
      paths: 3000,
      hedge: { policy: 'whalley-wilmott', vol: 0.2, riskAversion: 1, oneWayCost: 0.001 },
    });
    const one = await runBacktest({ scenario: s, threads: 1 });
    // Two workers and nothing on this thread: every chunk crosses a thread boundary.
    const workers = await runBacktest({
      scenario: s,
      threads: 2,
      chunkPaths: 256,
      computeOnMainThread: false,
    });
    assert.equal(workers.run.threads, 2);
    assert.equal(workers.run.workerPaths, 3000);
    assert.deepEqual(workers.summary, one.summary);
    assert.deepEqual(workers.paths.pnl, one.paths.pnl);
    // This thread and a worker sharing the chunks (how many the worker gets depends on timing).
    const shared = await runBacktest({ scenario: s, threads: 2, chunkPaths: 64 });
    assert.equal(shared.run.threads, 2);
    assert.deepEqual(shared.summary, one.summary);
    assert.deepEqual(shared.paths.pnl, one.paths.pnl);
  });

  it('behavior: the attribution sums to the P&L on every path', async () => {
    const r = await runBacktest({
      scenario: scenario({ costs: { model: 'proportional', oneWayBps: 10 } }),
      threads: 1,
    });
    const p = r.paths;
    for (let i = 0; i < p.count; i++) {
      const parts = p.delta[i]! + p.gamma[i]! + p.theta[i]! + p.carry[i]! - p.costs[i]! + p.residual[i]!;
      assert.ok(Math.abs(parts - p.pnl[i]!) < 1e-9, `path ${i}`);
    }
    assert.ok(r.summary.costs.total > 0 && r.summary.trades.mean === 21);
  });
});

describe('backtester: theory checks', () => {
  it('behavior: Derman-Kamal discrete hedging error (QuantLib DiscreteHedging: sd 0.43 at 21 trades, 0.22 at 84)', async () => {
    // REFERENCES.md: short call S = K = 100, T = 1/12, r = 5%, σ = 20%, hedged N times at the
    // true vol on risk-neutral paths: sd ≈ √(π/4)·vega·σ/√N, mean ≈ 0. 6,000 paths: the sd's
    // sampling error is ~1% (√((κ−1)/4n) with kurtosis κ ≈ 5), so 5% is 5σ and still catches
    // a hedge off by one step (that moves the sd by ~2.5% at N = 21... and the mean by far more).
    const vega = priceOption({
      kind: 'call',
      spot: 100,
      strike: 100,
      expiry: 1 / 12,
      rate: 0.05,
      dividendYield: 0,
      vol: 0.2,
    }).vega;
    for (const [steps, published] of [
      [21, 0.43],
      [84, 0.22],
    ] as const) {
      const r = await runBacktest({
        scenario: scenario({
          paths: 6000,
          steps,
          seed: steps,
          market: { model: 'gbm', spot: 100, drift: 0.05, vol: 0.2 },
        }),
        threads: 1,
      });
      const dk = (Math.sqrt(Math.PI / 4) * vega * 0.2) / Math.sqrt(steps);
      assert.ok(Math.abs(r.summary.pnl.sd / published - 1) < 0.05, `sd at ${steps}: ${r.summary.pnl.sd}`);
      assert.ok(Math.abs(r.summary.pnl.sd / dk - 1) < 0.07, `sd at ${steps} vs Derman-Kamal ${dk}`);
      assert.ok(
        Math.abs(r.summary.pnl.mean) < 4 * r.summary.pnl.stderr,
        `mean at ${steps}: ${r.summary.pnl.mean}`,
      );
    }
  });

  it('behavior: gamma P&L identity: hedging at σi ≠ σr earns ½ΓS²(σr² − σi²)dt per step', async () => {
    // Long call hedged every step at σi = 30% while the market realises σr = 20% (r = q = 0,
    // no drift): per step E[½Γ·dS²] = ½ΓS²σr²dt and Θ = −½ΓS²σi², so the expected P&L is
    // Σ ½ΓS²(σr² − σi²)dt = −Θ_total·(σr²/σi² − 1) path by path in expectation.
    const sigmaR = 0.2;
    const sigmaI = 0.3;
    const r = await runBacktest({
      scenario: scenario({
        paths: 2000,
        steps: 100,
        rate: 0,
        market: { model: 'gbm', spot: 100, drift: 0, vol: sigmaR },
        book: [{ kind: 'call', strike: 100, expiry: 0.25, quantity: 1 }],
        horizonYears: 0.25,
        hedge: { policy: 'interval', vol: sigmaI, intervalYears: 0 },
      }),
      threads: 1,
    });
    const a = r.summary.attribution;
    const identity = -a.theta * ((sigmaR * sigmaR) / (sigmaI * sigmaI) - 1);
    assert.ok(identity < -1, `hedging a long call at too high a vol loses: ${identity}`);
    // The gamma term averages σr²/σi² of the theta it pays (sampling error ~1.5% over 2,000 paths).
    assert.ok(Math.abs(a.gamma / -a.theta / ((sigmaR * sigmaR) / (sigmaI * sigmaI)) - 1) < 0.04);
    // The P&L matches the identity within 4 standard errors plus 3% discretisation (100 steps).
    assert.ok(
      Math.abs(r.summary.pnl.mean - identity) < 4 * r.summary.pnl.stderr + 0.03 * Math.abs(identity),
      `P&L ${r.summary.pnl.mean} vs identity ${identity} (stderr ${r.summary.pnl.stderr})`,
    );
  });

  it('behavior: Whalley-Wilmott bands sit on or near the cost/variance frontier traced by fixed bands', async () => {
    // Same 1,500 paths for every policy. For each WW point, the fixed-band curve's sd at the
    // same cost (linear interpolation) must not be more than 5% below WW's: WW is no worse
    // than the best fixed band (it adapts the width to Γ and time to expiry, so it is often
    // slightly better). 5% leaves room for sampling noise between neighbouring policies.
    // WW's band is an asymptotic for small costs relative to risk aversion: its starting
    // half-width is kept to ≤ 4 step-moves (at 8 it is ~20% above the frontier: a risk aversion
    // that low lets the band grow past any useful width near expiry).
    const points = await policyFrontier({
      bandMultiples: [0.25, 0.5, 1, 2, 4, 8, 16],
      whalleyWilmottMultiples: [0.5, 1, 2, 4],
      scenario: scenario({
        paths: 1500,
        steps: 60,
        horizonYears: 0.25,
        market: { model: 'gbm', spot: 100, drift: 0, vol: 0.4 },
        book: [{ kind: 'call', strike: 100, expiry: 0.25, quantity: -100 }],
        hedge: { policy: 'interval', vol: 0.4, intervalYears: 0 },
        costs: { model: 'proportional', oneWayBps: 20 },
      }),
    });
    const bands = points.filter((p) => p.family === 'band').sort((a, b) => a.costMean - b.costMean);
    const ww = points.filter((p) => p.family === 'whalley-wilmott');
    assert.ok(bands.length >= 5 && ww.length >= 3);
    let checked = 0;
    for (const w of ww) {
      const right = bands.findIndex((b) => b.costMean >= w.costMean);
      if (right <= 0) continue; // outside the bands' cost range: nothing to compare with
      const lo = bands[right - 1]!;
      const hi = bands[right]!;
      const sdAtCost =
        lo.pnlSd + ((hi.pnlSd - lo.pnlSd) * (w.costMean - lo.costMean)) / (hi.costMean - lo.costMean);
      assert.ok(
        w.pnlSd <= sdAtCost * 1.05,
        `${w.label}: sd ${w.pnlSd} at cost ${w.costMean}; bands give ${sdAtCost}`,
      );
      checked++;
    }
    assert.ok(checked >= 2, `compared ${checked} WW points inside the bands' range`);
  });
});

describe('backtester: market models and inputs', () => {
  it('behavior: GBM, Merton and Heston paths are martingales after drift (E[S_T] = S_0 e^(μT))', () => {
    // 4,000 paths: the mean's standard error is ~0.5% of spot here; 4 of them is the tolerance.
    for (const market of [
      { model: 'gbm', spot: 100, drift: 0.1, vol: 0.3 },
      { model: 'merton', spot: 100, drift: 0.1, vol: 0.3, jumpIntensity: 5, jumpMean: -0.05, jumpVol: 0.1 },
      {
        model: 'heston',
        spot: 100,
        drift: 0.1,
        initialVariance: 0.09,
        kappa: 2,
        theta: 0.09,
        volOfVol: 0.5,
        correlation: -0.7,
      },
    ] as const) {
      const ctx = createBacktestContext({
        scenario: scenario({
          market,
          horizonYears: 0.5,
          book: [{ kind: 'call', strike: 100, expiry: 0.5, quantity: 1 }],
        }),
      });
      const path = new Float64Array(ctx.steps + 1);
      const again = new Float64Array(ctx.steps + 1);
      const logs = new Float64Array(ctx.steps + 1);
      let sum = 0;
      let sumSq = 0;
      const n = 4000;
      for (let p = 0; p < n; p++) {
        ctx.market.fillPath(p, path);
        sum += path[ctx.steps]!;
        sumSq += path[ctx.steps]! ** 2;
        // The log spots the fast loop reads are the logs of the same path.
        ctx.market.fillPath(p, again, logs);
        for (let i = 0; i <= ctx.steps; i++) {
          assert.equal(again[i], path[i]);
          assert.ok(Math.abs(logs[i]! - Math.log(path[i]!)) <= 1e-15 * Math.abs(logs[i]!) + 1e-15);
        }
      }
      const mean = sum / n;
      const stderr = Math.sqrt((sumSq / n - mean * mean) / n);
      assert.ok(Math.abs(mean - 100 * Math.exp(0.05)) < 4 * stderr, `${market.model}: ${mean} ± ${stderr}`);
    }
  });

  it('behavior: replays a CSV series (timestamp, price or OHLCV) in windows rescaled to the spot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtest-csv-'));
    const rows = ['timestamp,open,high,low,close,volume'];
    let price = 2000;
    for (let i = 0; i < 101; i++) {
      price *= 1 + 0.01 * Math.sin(i);
      rows.push(`${1_700_000_000 + i * 86_400},${price},${price},${price},${price},1`);
    }
    writeFileSync(join(dir, 'eth.csv'), rows.join('\n'));
    const s = scenario({
      paths: 5,
      steps: 20,
      market: { model: 'csv', file: 'eth.csv', spot: 100 },
      horizonYears: 20 / DAYS_PER_YEAR,
      book: [{ kind: 'call', strike: 100, expiry: 0.1, quantity: 1 }],
    });
    const r = await runBacktest({ scenario: s, baseDir: dir, threads: 1 });
    assert.equal(r.paths.count, 5);
    assert.ok(Number.isFinite(r.summary.pnl.mean));
    await assert.rejects(
      runBacktest({ scenario: { ...s, paths: 6 }, baseDir: dir, threads: 1 }),
      /room for 5 paths/,
    );
  });

  it('error: a bad scenario names every bad field and its reason', () => {
    try {
      parseScenario({
        ...base,
        paths: 0,
        market: { model: 'gbm', spot: -1, drift: 0, vol: 0.2 },
        book: [{ kind: 'call', strike: 100, expiry: 0.01, quantity: 1 }],
        hedge: { policy: 'band', vol: 0.2 },
      });
      assert.fail('accepted');
    } catch (error) {
      assert.ok(isHedgeRouterError(error, 'INVALID_INPUT'));
      assert.equal(error.field, 'paths');
      const issues = error.details.issues as string[];
      assert.ok(issues.some((i) => i.startsWith('market.spot:')));
      assert.ok(issues.some((i) => i.startsWith('hedge.halfWidth:')));
    }
    // Cross-field checks run once the fields themselves are valid.
    assert.throws(
      () => parseScenario({ ...base, book: [{ kind: 'call', strike: 100, expiry: 0.01, quantity: 1 }] }),
      /book\[0\]\.expiry: must be ≥ horizonYears/,
    );
    assert.throws(
      () => parseScenario({ ...base, costs: { model: 'proportional', oneWayBps: 5, extra: 1 } }),
      /costs/,
    );
  });
});
