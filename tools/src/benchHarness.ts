// Small benchmark harness shared by every package's benches (router, api, simulations): time a function side by side with
// others in one run (machines here are shared and noisy, so only ratios within one run mean
// anything), collect rows, print them as a table and write them to bench-results/<name>.json.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type BenchRow = Record<string, string | number | boolean | null>;

/** Runs `fn` repeatedly for about `minTimeMs` after a warm-up; returns operations per second. */
export function opsPerSecond(fn: () => unknown, { minTimeMs = 500, warmupMs = 100 } = {}): number {
  const runFor = (ms: number) => {
    let ops = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (let i = 0; i < 100; i++) fn();
      ops += 100;
      now = performance.now();
    }
    return ops / ((now - start) / 1000);
  };
  runFor(warmupMs);
  return runFor(minTimeMs);
}

/**
 * Times each call of `fn` `samples` times; returns percentiles in microseconds. With `prepare`,
 * each call gets a fresh input from it, made outside the timed region (e.g. a pool state read
 * from the chain, which is not part of the work measured). Nothing else runs between samples:
 * garbage collection lands in whichever sample triggers it, as it would in production.
 * `cpuP50`/`cpuP99` are the same percentiles of the process's CPU time (user + system, all its
 * threads, so GC helper threads count) per call: on a shared machine a sample's wall time also
 * holds the time the OS ran someone else, its CPU time does not, so the CPU tail shows what the
 * code (and its GC) costs when the wall tail is mostly other load.
 */
export function latencyMicros<T = undefined>(
  fn: (input: T) => unknown,
  samples = 2000,
  prepare?: () => T,
): { p50: number; p99: number; mean: number; cpuP50: number; cpuP99: number } {
  const next = prepare ?? (() => undefined as T);
  for (let i = 0; i < Math.min(200, samples); i++) fn(next());
  const times = new Float64Array(samples);
  const cpu = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const input = next();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn(input);
    times[i] = (performance.now() - t0) * 1000;
    const c = process.cpuUsage(c0);
    cpu[i] = c.user + c.system;
  }
  times.sort();
  cpu.sort();
  const at = (a: Float64Array, q: number) => a[Math.min(samples - 1, Math.floor(q * samples))] ?? Number.NaN;
  return {
    p50: at(times, 0.5),
    p99: at(times, 0.99),
    mean: times.reduce((a, b) => a + b, 0) / samples,
    cpuP50: at(cpu, 0.5),
    cpuP99: at(cpu, 0.99),
  };
}

/** Prints rows as a table and writes them, with the machine's facts, to bench-results/<name>.json. */
export function report(name: string, rows: BenchRow[]): void {
  console.log(`\n== ${name}`);
  console.table(rows);
  // tools/src/../.. is the repo root: one bench-results/ for every package.
  const dir = join(process.env.BENCH_RESULTS_DIR ?? join(import.meta.dirname, '..', '..', 'bench-results'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ name, at: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
  );
  console.log(`written to ${file}`);
}

/**
 * A package's `npm run bench`: runs every `*.bench.ts` in `dir` in turn (or those whose names
 * contain one of `only`, from the command line). Each default-exports an async function that
 * measures and calls report().
 */
export async function runBenches(
  dir: string,
  only: readonly string[] = process.argv.slice(2),
): Promise<void> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  for (const file of files) {
    const mod = (await import(join(dir, file))) as { default: () => Promise<void> | void };
    await mod.default();
  }
}
