import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cachedWorkerBundle } from '@hedge-router/tools/worker-bundle';
import { closeBacktestPool, idleWorkerCount } from './backtestWorkerPool.js';
import { createChunkQueue } from './chunkQueue.js';
import { parseScenario } from './parseScenario.js';
import { runBacktest } from './runBacktest.js';
import type { ScenarioInput } from './scenarioSchema.js';

const base: ScenarioInput = {
  seed: 11,
  paths: 2000,
  steps: 30,
  horizonYears: 1 / 12,
  rate: 0.03,
  market: { model: 'gbm', spot: 100, drift: 0, vol: 0.3 },
  book: [{ kind: 'put', strike: 95, expiry: 1 / 12, quantity: 2 }],
  hedge: { policy: 'band', vol: 0.3, halfWidth: 0.05 },
  costs: { model: 'proportional', oneWayBps: 5 },
};

describe('backtester: worker pool and chunking', () => {
  after(() => closeBacktestPool());

  it('behavior: guided chunks cover every path once, in order, shrinking, in whole blocks of 32 but the last', () => {
    for (const [total, steps, threads] of [
      [100_000, 365, 2],
      [1000, 10, 4],
      [33, 365, 2],
      [5000, 2000, 3],
    ] as const) {
      const q = createChunkQueue(total, steps, threads);
      const sizes: number[] = [];
      let next = 0;
      for (let c = q.take(); c; c = q.take()) {
        assert.equal(c.from, next);
        next += c.count;
        sizes.push(c.count);
      }
      assert.equal(next, total);
      assert.equal(q.left, 0);
      for (let i = 1; i < sizes.length; i++) assert.ok(sizes[i]! <= sizes[i - 1]!, `${sizes}`);
      for (const s of sizes.slice(0, -1)) assert.equal(s % 32, 0);
    }
    const big = createChunkQueue(100_000, 365, 2);
    const first = big.take()!.count;
    // ≤ ~1.5 M path-steps per chunk (this thread's event loop is blocked for one chunk).
    assert.ok(first * 365 <= 1.5e6 + 32 * 365, `${first}`);
    const fixed = createChunkQueue(1000, 10, 2, 300);
    assert.deepEqual(
      [fixed.take(), fixed.take(), fixed.take(), fixed.take(), fixed.take()],
      [
        { from: 0, count: 300 },
        { from: 300, count: 300 },
        { from: 600, count: 300 },
        { from: 900, count: 100 },
        undefined,
      ],
    );
  });

  it('behavior: workers are kept warm across runs, switch scenarios, and give the 1-thread numbers bit for bit', async () => {
    await closeBacktestPool();
    const a = parseScenario(base);
    const b = parseScenario({ ...base, seed: 12, hedge: { policy: 'interval', vol: 0.3, intervalYears: 0 } });
    const oneA = await runBacktest({ scenario: a, threads: 1 });
    const oneB = await runBacktest({ scenario: b, threads: 1 });
    const runs = [];
    for (const s of [a, b, a]) {
      const r = await runBacktest({ scenario: s, threads: 2, computeOnMainThread: false, chunkPaths: 128 });
      assert.equal(r.run.workerPaths, 2000);
      // Both workers go back to the pool, idle, after every run.
      assert.equal(idleWorkerCount(), 2);
      runs.push(r);
    }
    assert.deepEqual(runs[0]!.summary, oneA.summary);
    assert.deepEqual(runs[1]!.summary, oneB.summary);
    assert.deepEqual(runs[2]!.summary, oneA.summary);
    assert.deepEqual(runs[2]!.paths.pnl, oneA.paths.pnl);
    assert.notDeepEqual(oneA.summary.pnl, oneB.summary.pnl);
    // The workers loaded the bundled code (not the tsx fallback): it is in the cache.
    const entry = fileURLToPath(new URL('./backtestWorker.ts', import.meta.url));
    assert.ok(cachedWorkerBundle({ entry, name: 'backtest-worker' }), 'no cached worker bundle');
    await closeBacktestPool();
    assert.equal(idleWorkerCount(), 0);
  });

  it('behavior: cancelling stops the run and its workers (none is returned to the pool)', async () => {
    await closeBacktestPool();
    const s = parseScenario({ ...base, paths: 200_000 });
    const controller = new AbortController();
    let seen = 0;
    const run = runBacktest({
      scenario: s,
      threads: 2,
      chunkPaths: 256,
      signal: controller.signal,
      onProgress: (done) => {
        seen = done;
        if (done >= 1024) controller.abort();
      },
    });
    await assert.rejects(run, (e: Error) => /cancelled/.test(e.message));
    assert.ok(seen < 200_000);
    assert.equal(idleWorkerCount(), 0);
  });
});
