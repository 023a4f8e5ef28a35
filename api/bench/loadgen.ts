// The load generator of the quotes bench, run as its own process so it does not share the
// server's event loop: autocannon against one URL, cycling through the given JSON bodies.
// Prints one JSON line with throughput, latency percentiles and error counts.
import autocannon from 'autocannon';

type LoadConfig = {
  url: string;
  connections: number;
  /** Stop after this many requests (else after `durationSeconds`). */
  amount?: number;
  durationSeconds?: number;
  bodies: string[];
};

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
const result = await autocannon({
  url: config.url,
  method: 'POST',
  connections: config.connections,
  ...(config.amount ? { amount: config.amount } : { duration: config.durationSeconds ?? 10 }),
  headers: { 'content-type': 'application/json' },
  requests: config.bodies.map((body) => ({ method: 'POST', body })),
});
console.log(
  JSON.stringify({
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }),
);
