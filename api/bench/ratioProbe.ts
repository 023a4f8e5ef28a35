// Quick A/B probe of the service bench's headline: the ratio of POST /v1/quotes throughput (N
// quote workers, default 2, pushed heads, the `npm start` setup) to a bare Fastify route in the same
// process, measured as alternating pairs so that the shared machine's drift hits both sides.
//   cd api && npx tsx bench/ratioProbe.ts [--pairs 3] [--seconds 5] [--quote-workers 2]
import { parseArgs } from 'node:util';
import { readDeployment } from '../src/config/deployment.js';
import {
  load,
  loadPair,
  medianOf,
  mixFor,
  serveBare,
  serveQuotes,
  startWorldProcess,
} from './benchServers.js';

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    'quote-workers': { type: 'string', default: '2' },
  },
});
const world = await startWorldProcess();
try {
  const quotes = await serveQuotes(world.descriptorPath, {
    quoteWorkers: values['quote-workers'],
    followHeads: true,
  });
  const quotesUrl = quotes.url;
  const bare = await serveBare();
  const bareUrl = bare.url;
  const mix = mixFor(readDeployment(world.descriptorPath));
  await load({ url: quotesUrl, amount: 3_000, mix: mix(1) }); // warm-up
  const ratios: number[] = [];
  for (let i = 0; i < Number(values.pairs); i++) {
    const {
      bare: b,
      quotes: q,
      ratio,
    } = await loadPair({ bare: bareUrl, quotes: quotesUrl }, mix, {
      seconds: Number(values.seconds),
      seed: 10 + i,
    });
    ratios.push(ratio);
    console.log(
      `bare ${Math.round(b.rps)} req/s, quotes ${Math.round(q.rps)} req/s (p99 ${q.p99Ms} ms): ${ratio.toFixed(3)}`,
    );
  }
  console.log(`median ratio ${medianOf(ratios).median.toFixed(3)}`);
  await quotes.close();
  await bare.close();
} finally {
  world.child.kill('SIGTERM');
  await new Promise((r) => world.child.once('exit', r));
}
process.exit(0);
