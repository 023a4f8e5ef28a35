// Server CPU per quote, and where it goes: the quote mix (bench/quoteMix.ts) against POST
// /v1/quotes for a fixed time, the server's CPU time (process.cpuUsage, user + system) over the
// load window divided by the answers, and, with --profile, a V8 CPU profile of that window
// summarised by self time per function. CPU per quote is far less sensitive to a shared machine's
// load than requests per second, so two commits can be compared by running this on each.
//   cd api && npx tsx bench/quotesProfile.ts [--seconds 15] [--profile out.cpuprofile] [--top 40] [--quote-workers N] [--follow-heads]
//   HEDGE_ROUTER_QUOTE_WORKER_CPU_PROF=<dir> writes each quote worker's own CPU profile there.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { readDeployment } from '../src/config/deployment.js';
import { load, mixFor, serveQuotes, startWorldProcess } from './benchServers.js';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** Self time per function (name, file, line), in µs, from the profile's samples. */
function selfTimes(profile: Profile): { key: string; micros: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url.replace(/^.*\/(node_modules|work\/main)\//, '');
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...totals].map(([key, micros]) => ({ key, micros })).sort((a, b) => b.micros - a.micros);
}

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    profile: { type: 'string' },
    top: { type: 'string', default: '40' },
    'quote-workers': { type: 'string', default: '0' },
    'head-max-age-ms': { type: 'string', default: '0' },
    'follow-heads': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);

const world = await startWorldProcess();
try {
  const server = await serveQuotes(world.descriptorPath, {
    // 0: quotes on the event loop (what the profile sees); N: on N worker threads (the profile
    // then shows only the event loop's share; CPU per quote still counts every thread).
    quoteWorkers: values['quote-workers'],
    headMaxAgeMs: Number(values['head-max-age-ms']),
    followHeads: values['follow-heads'],
  });
  const { deps, url } = server;
  const mix = mixFor(readDeployment(world.descriptorPath));
  await load({ url, amount: 3_000, mix: mix(2) }); // warm-up

  const session = new Session();
  if (values.profile) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  const stats = () =>
    (deps.chain.client as unknown as { blockCacheStats: () => { headFetches: number } }).blockCacheStats();
  const headFetchesBefore = stats().headFetches;
  const cpuBefore = process.cpuUsage();
  const result = await load({ url, durationSeconds: seconds, mix: mix(3) });
  const cpu = process.cpuUsage(cpuBefore);
  const headFetches = stats().headFetches - headFetchesBefore;
  if (values.profile) {
    const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
    session.disconnect();
    writeFileSync(values.profile, JSON.stringify(profile));
    const times = selfTimes(profile);
    const busy = times.filter((t) => !/^\((idle|program|garbage collector)\)/.test(t.key));
    const all = times.reduce((s, t) => s + t.micros, 0);
    console.log(
      `profile: ${values.profile}; self time per quote (µs), of ${Math.round(all / result.requests)} µs sampled`,
    );
    for (const t of times.slice(0, Number(values.top)))
      console.log(`${(t.micros / result.requests).toFixed(1).padStart(8)}  ${t.key}`);
    console.log(
      `busy (not idle/program/gc): ${Math.round(busy.reduce((s, t) => s + t.micros, 0) / result.requests)} µs/quote`,
    );
  }
  console.log(
    JSON.stringify({
      requests: result.requests,
      rps: Math.round(result.rps),
      p99Ms: result.p99Ms,
      non2xx: result.non2xx,
      serverCpuMicrosPerQuote: Math.round((cpu.user + cpu.system) / result.requests),
      userMicrosPerQuote: Math.round(cpu.user / result.requests),
      headFetchesPerQuote: Math.round((headFetches / result.requests) * 1000) / 1000,
    }),
  );
  await server.close();
} finally {
  world.child.kill('SIGTERM');
  await new Promise((r) => world.child.once('exit', r));
}
process.exit(0);
