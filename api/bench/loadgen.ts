// The load generator of the quotes bench, run as its own process so it does not share the
// server's event loop: autocannon against one URL, either cycling through the given JSON bodies
// or drawing a new body per request from the quote mix (bench/quoteMix.ts). Prints one JSON line
// with throughput, latency percentiles, error counts and how many bodies were sent.
import autocannon from 'autocannon';
import { type QuoteMixParameters, quoteMix } from './quoteMix.js';

type LoadConfig = {
  url: string;
  connections: number;
  /** Stop after this many requests (else after `durationSeconds`). */
  amount?: number;
  durationSeconds?: number;
  /**
   * Seconds of load before the measured window, on the same connections: this process's own
   * start-up (tsx, autocannon's JIT) would otherwise slow the first second, and bite the faster
   * route hardest, as a bare route's rate is bounded by the load generator itself.
   */
  warmupSeconds?: number;
  /** Fixed bodies, cycled through; or `mix`: a new random body per request. */
  bodies?: string[];
  mix?: QuoteMixParameters;
};

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
if (!config.bodies?.length && !config.mix) throw new Error('bodies or mix: one is required');
const nextBody = config.mix ? quoteMix(config.mix) : undefined;
let drawn = 0;
const result = await autocannon({
  url: config.url,
  method: 'POST',
  connections: config.connections,
  ...(config.amount ? { amount: config.amount } : { duration: config.durationSeconds ?? 10 }),
  ...(config.warmupSeconds
    ? { warmup: { connections: config.connections, duration: config.warmupSeconds } }
    : {}),
  headers: { 'content-type': 'application/json' },
  requests: nextBody
    ? [
        {
          method: 'POST',
          setupRequest: (request) => {
            drawn++;
            return { ...request, body: nextBody() };
          },
        },
      ]
    : (config.bodies ?? []).map((body) => ({ method: 'POST', body })),
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
    // Drawn in the measured window (the warm-up's are not counted; in-flight ones are).
    bodies: nextBody ? drawn - (result.warmup?.requests.total ?? 0) : (config.bodies?.length ?? 0),
  }),
);
