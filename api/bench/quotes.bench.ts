// `POST /v1/quotes` under load on loopback: throughput and latency (p50/p99) measured by
// autocannon in a second process, beside a bare Fastify route served by the same process in the
// same run (the ceiling), before and after the quotes and, for the headline ratio, in alternating
// pairs with them (PAIRS) at CONNECTIONS concurrent connections, then one pair at each count of
// a connection sweep (autocannon's default 10 to 64); resident memory of the server process before and after 100,000 quotes.
// The load is the quote mix (bench/quoteMix.ts): both directions, sizes from 0.05 to 300 WETH,
// a new random amount (and sometimes its own slippage limit or risk aversion) per request, so
// no answer can be reused and every quote is routed afresh; the old fixed set of 64 bodies is
// kept as one more row. The quotes run against the local world (spawned through the
// `hedge-router world` command, as the api may not import simulations) in manual-block mode with
// a block every second, so the service sees a new block, and new pool states, every second.
import { type BenchRow, report } from '@hedge-router/tools/bench-harness';
import { readDeployment } from '../src/config/deployment.js';
import { loadConfig } from '../src/config/loadConfig.js';
import {
  CONNECTIONS,
  type LoadPair,
  type LoadResult,
  load,
  loadPair,
  medianOf,
  mixFor,
  type ServeOptions,
  serveBare,
  serveQuotes,
  startWorldProcess,
} from './benchServers.js';

const QUOTES = Number(process.env.BENCH_QUOTES_REQUESTS ?? 100_000);
const BARE_SECONDS = Number(process.env.BENCH_BARE_SECONDS ?? 10);
// The headline (the `npm start` setup against the bare route) as alternating pairs of this many
// seconds each: the shared machine's speed drifts within minutes (a bare route measured 19,300
// req/s before the quotes and 12,100 after them in one run), and a pair's two sides seconds apart
// see the same machine, so the ratio is the median of the pairs' ratios.
const PAIRS = Number(process.env.BENCH_PAIRS ?? 5);
const PAIR_SECONDS = Number(process.env.BENCH_PAIR_SECONDS ?? 5);
// The load's concurrency, swept with one pair at each count: the headline's CONNECTIONS is where
// both routes peak (see benchServers.ts), 10 is autocannon's default.
const SWEEP = [10, 20, CONNECTIONS, 64].filter((c, i, all) => all.indexOf(c) === i).sort((a, b) => a - b);

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** A pair's row: the quotes' rate and latency beside the bare route's, and their ratio. */
const pairRow = (name: string, p: LoadPair): BenchRow => ({
  case: name,
  bareRps: Math.round(p.bare.rps),
  rps: Math.round(p.quotes.rps),
  p50Ms: p.quotes.p50Ms,
  p99Ms: p.quotes.p99Ms,
  bareP99Ms: p.bare.p99Ms,
  non2xx: p.quotes.non2xx + p.bare.non2xx,
  errors: p.quotes.errors + p.bare.errors,
  vsBare: round3(p.ratio),
});
function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage();
}

export default async function quotesBench(): Promise<void> {
  const world = await startWorldProcess();
  try {
    const serve = (options: ServeOptions) => serveQuotes(world.descriptorPath, options);
    const deployment = readDeployment(world.descriptorPath);
    const bare = await serveBare();
    const bareUrl = bare.url;
    const { weth, usd } = deployment.chains.main.tokens;
    const mix = mixFor(deployment);
    // The old load: 64 fixed quotes, both directions, 0.5 to 200 WETH (or its USDC worth), cycled.
    const fixedBodies = Array.from({ length: 64 }, (_, i) => {
      const sellWeth = i % 2 === 0;
      const weths = 0.5 + (i * 199.5) / 63;
      return JSON.stringify({
        chainId: deployment.chains.main.chainId,
        sellToken: sellWeth ? weth.address : usd.address,
        buyToken: sellWeth ? usd.address : weth.address,
        sellAmount: sellWeth
          ? (BigInt(Math.round(weths * 1e6)) * 10n ** 12n).toString()
          : BigInt(Math.round(weths * 3000 * 1e6)).toString(),
      });
    });

    // The ceiling is measured before and after the quotes (the machine is shared: its load moves
    // within minutes); the ratios are to the mean of the two.
    const bareBefore = await load({ url: bareUrl, durationSeconds: BARE_SECONDS, mix: mix(1) });

    // One configuration after the other, each warmed up, then measured for BARE_SECONDS.
    const measure = async (options: Parameters<typeof serve>[0], seed: number, bodies?: string[]) => {
      const server = await serve(options);
      try {
        const check = await server.app.inject({
          method: 'POST',
          url: '/v1/quotes',
          payload: JSON.parse(fixedBodies[1] as string),
        });
        if (check.statusCode !== 200 || !check.json().best) throw new Error(`a quote failed: ${check.body}`);
        await load({ url: server.url, amount: 2_000, mix: mix(seed) }); // warm-up
        const statsBefore = await server.cacheStats();
        const result = await load({
          url: server.url,
          durationSeconds: BARE_SECONDS,
          ...(bodies ? { bodies } : { mix: mix(seed + 1) }),
        });
        const statsAfter = await server.cacheStats();
        return {
          ...result,
          headReadsPerQuote: (statsAfter.headFetches - statsBefore.headFetches) / result.requests,
        };
      } finally {
        await server.close();
      }
    };
    // On the event loop (QUOTE_WORKERS=0), the head read for every request (shared by concurrent ones).
    const onLoop = await measure({ quoteWorkers: 0 }, 2);
    const onLoopFixed = await measure({ quoteWorkers: 0 }, 4, fixedBodies);
    // Quote worker threads: one, and QUOTE_WORKERS=auto (one per core, at most 4), with the head
    // read per request and, as under `npm start`, pushed (CHAIN_WS_URL).
    const autoWorkers = loadConfig({ ADMIN_TOKEN: 'bench-admin-token-0123456789' }).QUOTE_WORKERS;
    const oneFollowing = await measure({ quoteWorkers: 1, followHeads: true }, 6);
    const autoReading = await measure({ quoteWorkers: autoWorkers }, 8);
    const following = await measure({ quoteWorkers: autoWorkers, followHeads: true }, 10);
    // The headline: bare and quotes in alternating pairs on one server (see PAIRS).
    const paired = await serve({ quoteWorkers: autoWorkers, followHeads: true });
    const pairs: LoadPair[] = [];
    const sweep: LoadPair[] = [];
    const urls = { bare: bareUrl, quotes: paired.url };
    try {
      await load({ url: paired.url, amount: 5_000, mix: mix(30) }); // warm-up
      for (let i = 0; i < PAIRS; i++)
        pairs.push(await loadPair(urls, mix, { seconds: PAIR_SECONDS, seed: 40 + i }));
      for (const [i, connections] of SWEEP.entries())
        sweep.push(await loadPair(urls, mix, { seconds: PAIR_SECONDS, seed: 60 + i, connections }));
    } finally {
      await paired.close();
    }
    const headline = medianOf(pairs.map((p) => p.ratio));

    // 100,000 quotes in the `npm start` configuration: memory before and after.
    const watched = await serve({ quoteWorkers: autoWorkers, followHeads: true });
    await load({ url: watched.url, amount: 2_000, mix: mix(12) }); // warm-up
    const before = memory();
    const statsBefore = await watched.cacheStats();
    const quotes = await load({ url: watched.url, amount: QUOTES, mix: mix(13) });
    const statsAfter = await watched.cacheStats();
    const after = memory();
    await watched.close();
    const bareAfter = await load({ url: bareUrl, durationSeconds: BARE_SECONDS, mix: mix(14) });
    const bareRps = (bareBefore.rps + bareAfter.rps) / 2;

    const row = (name: string, r: LoadResult): BenchRow => ({
      case: name,
      requests: r.requests,
      bodies: r.bodies,
      rps: Math.round(r.rps),
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
      non2xx: r.non2xx,
      errors: r.errors,
      vsBare: round3(r.rps / bareRps),
    });
    const headReads = (r: { headReadsPerQuote: number }) => Math.round(r.headReadsPerQuote * 1000) / 1000;
    const rows: BenchRow[] = [
      row('bare Fastify route (ceiling), quote mix, before', bareBefore),
      {
        ...row('POST /v1/quotes, quote mix, event loop, head read per request', onLoop),
        headReadsPerQuote: headReads(onLoop),
      },
      {
        ...row('POST /v1/quotes, 64 fixed bodies, event loop, head read per request', onLoopFixed),
        headReadsPerQuote: headReads(onLoopFixed),
      },
      {
        ...row('POST /v1/quotes, quote mix, 1 quote worker, pushed heads', oneFollowing),
        headReadsPerQuote: headReads(oneFollowing),
      },
      {
        ...row(
          `POST /v1/quotes, quote mix, ${autoWorkers} quote workers (auto), head read per request`,
          autoReading,
        ),
        headReadsPerQuote: headReads(autoReading),
      },
      {
        ...row(
          `POST /v1/quotes, quote mix, ${autoWorkers} quote workers (auto), pushed heads (npm start)`,
          following,
        ),
        headReadsPerQuote: headReads(following),
      },
      ...pairs.map((p, i) =>
        pairRow(
          `pair ${i + 1} of ${pairs.length}: bare route, then quotes (${autoWorkers} workers, pushed heads), ${PAIR_SECONDS} s each, ${p.connections} connections`,
          p,
        ),
      ),
      {
        case: `headline: quotes / bare route, median of ${pairs.length} alternating pairs (npm start setup)`,
        vsBare: round3(headline.median),
        minVsBare: round3(headline.min),
        maxVsBare: round3(headline.max),
        p99Ms: Math.max(...pairs.map((p) => p.quotes.p99Ms)),
        connections: CONNECTIONS,
      },
      ...sweep.map((p) =>
        pairRow(
          `connection sweep: ${p.connections} connections, one pair (bare route, then quotes), ${PAIR_SECONDS} s each`,
          p,
        ),
      ),
      row(
        `POST /v1/quotes, quote mix, ${autoWorkers} quote workers, pushed heads, ${QUOTES.toLocaleString('en-US')} quotes`,
        quotes,
      ),
      row('bare Fastify route (ceiling), quote mix, after', bareAfter),
      {
        case: `server memory before → after ${quotes.requests.toLocaleString('en-US')} quotes (RSS: the process with its worker)`,
        rssBeforeMb: mb(before.rss),
        rssAfterMb: mb(after.rss),
        heapUsedBeforeMb: mb(before.heapUsed),
        heapUsedAfterMb: mb(after.heapUsed),
        gc: typeof (globalThis as { gc?: unknown }).gc === 'function',
        // Chain reads per quote over the run: pool states are read (refreshed) once per block.
        chainReadsPerQuote:
          Math.round(((statsAfter.misses - statsBefore.misses) / Math.max(1, quotes.requests)) * 10_000) /
          10_000,
        headFetches: statsAfter.headFetches - statsBefore.headFetches,
      },
    ];
    report('api-quotes', rows);
    await bare.close();
  } finally {
    world.child.kill('SIGTERM');
    await new Promise((r) => world.child.once('exit', r));
  }
}
