// The plumbing the service benches share: the local world in its own process, autocannon in
// another (bench/loadgen.ts), the API configured as `npm start` runs it (or with fewer quote
// workers, or head reads instead of pushed heads), a bare Fastify route as the ceiling, and the
// quote mix's parameters for the world.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Fastify from 'fastify';
import { buildApp } from '../src/app/buildApp.js';
import { createDeps } from '../src/app/createDeps.js';
import { type Deployment, readDeployment } from '../src/config/deployment.js';
import { type Config, loadConfig } from '../src/config/loadConfig.js';
import type { QuoteMixParameters } from './quoteMix.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
/**
 * Concurrent connections of the load generator. 32, not autocannon's default of 10: a quote
 * crosses to a worker thread and back, and the service batches what arrives together (one
 * message per worker per event-loop turn), so under more concurrent load each quote costs less
 * server CPU (bench/quotesProfile.ts: 227-238 µs at 10 connections, 170-207 at 32, the server
 * using ~1.4 of 2 cores either way). At 32 both routes are at or near their peak: the bare route
 * gains a few percent over 10 and loses at 64; quotes gain ~20-40% over 10 and flatten at 64,
 * where their p99 passes 20 ms. The quotes bench prints that sweep (one pair at each count)
 * beside its headline.
 */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

export type LoadResult = {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Bodies sent: one per request with the mix, else the fixed set's size. */
  bodies: number;
};

export type LoadConfig = {
  url: string;
  /** Default CONNECTIONS. */
  connections?: number;
  amount?: number;
  durationSeconds?: number;
  /** Load before the measured window (see loadgen.ts); default 1 s for a timed load, none for `amount`. */
  warmupSeconds?: number;
  bodies?: string[];
  mix?: QuoteMixParameters;
};

/** autocannon in its own process (bench/loadgen.ts), so the load does not share our event loop. */
export function load(config: LoadConfig) {
  return new Promise<LoadResult>((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'loadgen.ts'),
        JSON.stringify({
          ...config,
          connections: config.connections ?? CONNECTIONS,
          warmupSeconds: config.warmupSeconds ?? (config.amount ? 0 : 1),
        }),
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('exit', (code) => {
      if (code !== 0) return fail(new Error(`loadgen exited ${code}: ${out}`));
      done(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as LoadResult);
    });
  });
}

/** The local world through the CLI, blocks every second; resolves with its descriptor path. */
export async function startWorldProcess(): Promise<{ descriptorPath: string; child: ChildProcess }> {
  const descriptorPath = join(mkdtempSync(join(tmpdir(), 'hedge-bench-')), 'world.json');
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'simulations', 'bin', 'hedge-router.mjs'),
      'world',
      '--block-mode',
      'manual',
      '--block-interval-ms',
      '1000',
      '--descriptor',
      descriptorPath,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  process.once('exit', () => child.kill('SIGTERM'));
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      child.kill('SIGTERM');
      process.exit(130);
    });
  await new Promise<void>((done, fail) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (/Local world ready/.test(out)) done();
    });
    child.once('exit', (code) => fail(new Error(`the world exited (${code}):\n${out}`)));
  });
  return { descriptorPath, child };
}

export type ServeOptions = {
  /** Quote worker threads (0: quotes on the event loop). */
  quoteWorkers: number | string;
  /** Follow pushed heads (CHAIN_WS_URL), as `npm start` does; else the head is read per quote. */
  followHeads?: boolean;
  headMaxAgeMs?: number;
};

/** The API's configuration for a bench against the world at `descriptorPath`. */
export function benchConfig(descriptorPath: string, options: ServeOptions): Config {
  return loadConfig({
    ADMIN_TOKEN: 'bench-admin-token-0123456789',
    DATA_DIR: ':memory:',
    WORLD_FILE: descriptorPath,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    // Both venues quote, as under `npm start`; quoting never contacts the relay.
    RELAY_URL: 'http://127.0.0.1:9/',
    CHAIN_HEAD_MAX_AGE_MS: String(options.headMaxAgeMs ?? 0),
    QUOTE_WORKERS: String(options.quoteWorkers),
    ...(options.followHeads
      ? { CHAIN_WS_URL: readDeployment(descriptorPath).chains.main.rpcUrl.replace(/^http/, 'ws') }
      : {}),
  });
}

type CacheStats = { hits: number; misses: number; headFetches: number };

/** The API listening on loopback, with its `POST /v1/quotes` URL and its block caches' counters. */
export async function serveQuotes(descriptorPath: string, options: ServeOptions) {
  const config = benchConfig(descriptorPath, options);
  const deps = await createDeps(config, readDeployment(config.WORLD_FILE));
  const app = await buildApp(deps, { forceCloseConnections: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    deps,
    url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}/v1/quotes`,
    /** Summed over the quote workers, or the event loop's client without them. */
    cacheStats: async (): Promise<CacheStats> =>
      deps.quoteWorkers
        ? deps.quoteWorkers.stats()
        : (deps.chain.client as unknown as { blockCacheStats: () => CacheStats }).blockCacheStats(),
    close: async () => {
      await app.close();
      await deps.quoteWorkers?.close();
      await deps.ledgerDb.close();
    },
  };
}

/** The ceiling: a bare Fastify route, JSON in and JSON out, on loopback. */
export async function serveBare() {
  const bare = Fastify({ forceCloseConnections: true });
  bare.post('/bare', async (request) => ({
    ok: true,
    echo: (request.body as { chainId?: number }).chainId,
  }));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/bare`,
    close: () => bare.close(),
  };
}

/** The quote mix's parameters for the world's pair, with a seed. */
export function mixFor(deployment: Deployment): (seed: number) => QuoteMixParameters {
  const { weth, usd } = deployment.chains.main.tokens;
  return (seed) => ({ chainId: deployment.chains.main.chainId, weth: weth.address, usd: usd.address, seed });
}

/** One alternating pair: the bare route, then the quotes, for the same seconds and connections. */
export type LoadPair = { connections: number; bare: LoadResult; quotes: LoadResult; ratio: number };

/**
 * The bare route for `seconds`, then the quotes for as long, at `connections` (default
 * CONNECTIONS), with the quote mix of `seed` and `seed + 100`: seconds apart, both sides see the
 * same machine, so their ratio is steadier than either rate.
 */
export async function loadPair(
  urls: { bare: string; quotes: string },
  mix: (seed: number) => QuoteMixParameters,
  { seconds, seed, connections = CONNECTIONS }: { seconds: number; seed: number; connections?: number },
): Promise<LoadPair> {
  const bare = await load({ url: urls.bare, connections, durationSeconds: seconds, mix: mix(seed) });
  const quotes = await load({
    url: urls.quotes,
    connections,
    durationSeconds: seconds,
    mix: mix(seed + 100),
  });
  return { connections, bare, quotes, ratio: quotes.rps / bare.rps };
}

/** The median of some ratios, and their range. */
export function medianOf(values: readonly number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
}
