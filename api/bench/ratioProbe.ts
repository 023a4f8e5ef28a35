// Quick A/B probe of the service bench's headline: the ratio of POST /v1/quotes throughput (N
// quote workers, default 2, pushed heads, the `npm start` setup) to a bare Fastify route in the same
// process, measured as alternating pairs so that the shared machine's drift hits both sides.
//   cd api && npx tsx bench/ratioProbe.ts [--pairs 3] [--seconds 5] [--quote-workers 2]
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { buildApp } from '../src/app/buildApp.js';
import { createDeps } from '../src/app/createDeps.js';
import { readDeployment } from '../src/config/deployment.js';
import { loadConfig } from '../src/config/loadConfig.js';
import { load, startWorldProcess } from './quotes.bench.js';

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    'quote-workers': { type: 'string', default: '2' },
  },
});
const world = await startWorldProcess();
try {
  const deployment = readDeployment(world.descriptorPath);
  const config = loadConfig({
    ADMIN_TOKEN: 'bench-admin-token-0123456789',
    DATA_DIR: ':memory:',
    WORLD_FILE: world.descriptorPath,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    RELAY_URL: 'http://127.0.0.1:9/',
    CHAIN_HEAD_MAX_AGE_MS: '0',
    QUOTE_WORKERS: values['quote-workers'],
    CHAIN_WS_URL: deployment.chains.main.rpcUrl.replace(/^http/, 'ws'),
  });
  const deps = await createDeps(config, deployment);
  const app = await buildApp(deps, { forceCloseConnections: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const quotesUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/v1/quotes`;
  const bare = Fastify({ forceCloseConnections: true });
  bare.post('/bare', async (request) => ({ ok: true, echo: (request.body as { chainId?: number }).chainId }));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/bare`;
  const { weth, usd } = deployment.chains.main.tokens;
  const mix = (seed: number) => ({
    chainId: deployment.chains.main.chainId,
    weth: weth.address,
    usd: usd.address,
    seed,
  });
  await load({ url: quotesUrl, amount: 3_000, mix: mix(1) }); // warm-up
  const seconds = Number(values.seconds);
  const ratios: number[] = [];
  for (let i = 0; i < Number(values.pairs); i++) {
    const b = await load({ url: bareUrl, durationSeconds: seconds, mix: mix(10 + i) });
    const q = await load({ url: quotesUrl, durationSeconds: seconds, mix: mix(20 + i) });
    ratios.push(q.rps / b.rps);
    console.log(
      `bare ${Math.round(b.rps)} req/s, quotes ${Math.round(q.rps)} req/s (p99 ${q.p99Ms} ms): ${(q.rps / b.rps).toFixed(3)}`,
    );
  }
  ratios.sort((a, b) => a - b);
  console.log(`median ratio ${ratios[Math.floor(ratios.length / 2)]?.toFixed(3)}`);
  await app.close();
  await bare.close();
  await deps.quoteWorkers?.close();
  await deps.ledgerDb.close();
} finally {
  world.child.kill('SIGTERM');
  await new Promise((r) => world.child.once('exit', r));
}
process.exit(0);
