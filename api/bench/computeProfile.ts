// The quote computation alone, as a quote worker runs it (its own chain clients following pushed
// heads, its venues, createQuoteComputer), with no HTTP and no thread hand-off: the quote mix's
// bodies one after the other. Prints the CPU per quote, the mean time per quote by size (powers
// of two of WETH), and with --profile writes a V8 CPU profile of the run. Isolates the router's
// share of a quote's cost, with far less noise than a load test on a shared machine.
//   cd api && NODE_OPTIONS=--experimental-websocket npx tsx bench/computeProfile.ts [--quotes 20000] [--profile out.cpuprofile]
// (node 20 needs the flag for its WebSocket, as the quote workers get it; without it the head is
// read per quote instead of pushed.)
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { readDeployment } from '../src/config/deployment.js';
import { quoteBodyFastPath } from '../src/quotes/quoteBodyFastPath.js';
import { createWorkerQuoteComputer } from '../src/quotes/workerQuoteComputer.js';
import { benchConfig, mixFor, startWorldProcess } from './benchServers.js';
import { quoteMix } from './quoteMix.js';

const { values } = parseArgs({
  options: {
    quotes: { type: 'string', default: '20000' },
    profile: { type: 'string' },
  },
});
const quotes = Number(values.quotes);

const world = await startWorldProcess();
try {
  const deployment = readDeployment(world.descriptorPath);
  const { compute } = createWorkerQuoteComputer(
    benchConfig(world.descriptorPath, { quoteWorkers: 0, followHeads: true }),
    deployment,
  );
  const { weth } = deployment.chains.main.tokens;
  const mixOf = mixFor(deployment);
  const mix = (seed: number) => quoteMix(mixOf(seed));
  // Mean time per quote by size, log2 of the WETH sold (or bought with the USDC sold, at $3,000).
  const bySize = new Map<number, { n: number; micros: number }>();
  const run = async (next: () => string, n: number) => {
    bySize.clear();
    for (let i = 0; i < n; i++) {
      const body = quoteBodyFastPath(JSON.parse(next()));
      if (!body) throw new Error('the mix sent a body the fast path refused');
      const started = performance.now();
      await compute(body);
      const micros = (performance.now() - started) * 1000;
      const weths =
        body.sellToken === weth.address ? Number(body.sellAmount) / 1e18 : Number(body.sellAmount) / 3e9;
      const bucket = Math.floor(Math.log2(weths));
      const entry = bySize.get(bucket) ?? { n: 0, micros: 0 };
      entry.n++;
      entry.micros += micros;
      bySize.set(bucket, entry);
    }
  };
  await run(mix(2), 3_000); // warm-up

  const session = new Session();
  if (values.profile) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await run(mix(3), quotes);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  if (values.profile) {
    const { profile } = (await session.post('Profiler.stop')) as { profile: object };
    session.disconnect();
    writeFileSync(values.profile, JSON.stringify(profile));
    console.log(`profile: ${values.profile}`);
  }
  for (const [bucket, { n, micros }] of [...bySize].sort((a, b) => a[0] - b[0]))
    console.log(
      `${`2^${bucket} WETH`.padEnd(12)} ${String(n).padStart(6)} quotes  ${(micros / n).toFixed(0).padStart(5)} µs`,
    );
  console.log(
    JSON.stringify({
      quotes,
      cpuMicrosPerQuote: Math.round((cpu.user + cpu.system) / quotes),
      wallMicrosPerQuote: Math.round((wallMs * 1000) / quotes),
    }),
  );
} finally {
  world.child.kill('SIGTERM');
  await new Promise((r) => world.child.once('exit', r));
}
process.exit(0);
