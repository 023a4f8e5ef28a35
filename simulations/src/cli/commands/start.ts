// `hedge-router start` (= `npm start`): the whole product on this machine. The local world (main
// chain in manual-block mode, a block every second), the local Flashbots relay, the sandwich
// searcher, the local CoW orderbook (a batch auction every 2 s) and the intent bridge's relayer
// (every venue live), the arbitrageur keeping the pools on a moving reference price, the API (a child
// process: `node --import tsx api/src/server.ts`), the demo keepers registered through the admin
// endpoint, and the demo keeper process submitting signed intents through the API. Stays up until
// Ctrl-C or SIGTERM, then ends every child (keeper, API, anvils) and exits 0.
//
// The API and the keeper are spawned by path: simulations may not import the api package.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createRng, DAYS_PER_YEAR } from '@hedge-router/router';
import { startArbitrageur } from '../../adversaries/arbitrageur.js';
import { startSandwichSearcher } from '../../adversaries/sandwichSearcher.js';
import { deriveBridgeAttester } from '../../bridge/bridgeAttester.js';
import { startIntentBridge } from '../../bridge/startIntentBridge.js';
import { startOrderbook } from '../../cow/startOrderbook.js';
import { startRelay } from '../../relay/startRelay.js';
import { registerChild } from '../../world/anvil/childProcesses.js';
import { startWorld } from '../../world/startWorld.js';
import { CliError } from './cliError.js';

export const startUsage = `usage: hedge-router start [--port N] [--data-dir DIR] [--descriptor PATH] [--block-interval-ms N] [--seed N] [--no-keeper]

Boots the local world (blocks every --block-interval-ms), the local Flashbots relay, the
sandwich searcher and an arbitrageur that keeps the pools on a moving reference price; then
the API and a demo keeper running two gamma-scalping vaults through it. Ctrl-C stops all.

  --port               API port (default 8080, or a free one if 8080 is taken; 0: a free one)
  --data-dir           the API's ledger directory (default .data)
  --descriptor         where to write the world's descriptor (default .world/world.json)
  --block-interval-ms  milliseconds between blocks (default 1000)
  --seed               seed of the reference price path and the relay (default 1)
  --no-keeper          run everything but the demo keeper`;

// The local counterparts of CoW's orderbook and an intent bridge (Across-like terms).
const AUCTION_INTERVAL_MS = 2_000;
const BRIDGE_LATENCY_MS = 1_000;
const BRIDGE_FEE_BPS = 4;

const repoRoot = resolve(import.meta.dirname, '..', '..', '..', '..');
const API_ENTRY = join(repoRoot, 'api', 'src', 'server.ts');
const KEEPER_ENTRY = join(repoRoot, 'api', 'src', 'demo', 'keeper.ts');

const time = () => new Date().toISOString().slice(11, 19);
const say = (line: string) => console.log(`${time()} ${line}`);

/** 8080 if it is free (or `wanted` when given), else a free port chosen by the OS. */
async function choosePort(wanted: number | undefined): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | undefined>((done) => {
      const server = createServer();
      server.once('error', () => done(undefined));
      server.listen({ host: '127.0.0.1', port }, () => {
        const bound = (server.address() as { port: number }).port;
        server.close(() => done(bound));
      });
    });
  if (wanted === 0) return (await tryListen(0)) as number;
  const preferred = await tryListen(wanted ?? 8080);
  if (preferred !== undefined) return preferred;
  if (wanted !== undefined)
    throw new CliError(`--port ${wanted}: the port is taken`, { exitCode: 1, code: 'CONFLICT' });
  return (await tryListen(0)) as number;
}

/** A seeded driftless GBM of the WETH price, stepped on each call by the time elapsed. */
function referencePath(params: { start: number; volPerSqrtSecond: number; seed: number }) {
  const rng = createRng({ seed: params.seed });
  let price = params.start;
  let at = Date.now();
  return () => {
    const now = Date.now();
    const sd = params.volPerSqrtSecond * Math.sqrt(Math.max(0, now - at) / 1000);
    at = now;
    price *= Math.exp(sd * rng.nextNormal() - (sd * sd) / 2);
    return price;
  };
}

/** Spawns `node --import tsx <entry>` from the repo root, ended with this process however it ends. */
function spawnTs(entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  registerChild(child);
  return child;
}

const LEVELS: Record<number, string> = { 40: 'warn', 50: 'error', 60: 'fatal' };

/** The API's pino lines, shortened: its listening line, and warnings and errors only. */
function forwardApiLogs(child: ChildProcess): void {
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    let entry: { level?: number; msg?: string; [k: string]: unknown };
    try {
      entry = JSON.parse(line);
    } catch {
      return say(`api       ${line}`);
    }
    const level = entry.level ?? 30;
    if (/API listening/.test(entry.msg ?? '')) return say(`api       ${entry.msg}`);
    if (level < 40) return;
    const { level: _l, time: _t, pid: _p, hostname: _h, msg, ...rest } = entry;
    const detail = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    say(`api       ${LEVELS[level] ?? 'log'}: ${msg ?? ''}${detail.slice(0, 300)}`);
  });
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) =>
    say(`api       ${line}`),
  );
}

async function waitReady(url: string, api: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (api.exitCode !== null)
      throw new CliError(`the API exited (${api.exitCode}) before it was ready`, {
        exitCode: 1,
        code: 'UNAVAILABLE',
      });
    try {
      const response = await fetch(`${url}/ready`);
      if (response.ok) return;
    } catch {}
    if (Date.now() > until)
      throw new CliError(`the API was not ready within ${timeoutMs} ms`, {
        exitCode: 1,
        code: 'UNAVAILABLE',
      });
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Sends SIGTERM and waits for the exit; SIGKILL after `graceMs`. */
function endChild(child: ChildProcess | undefined, graceMs = 8_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Runs `hedge-router start [options]`. */
export async function runStartCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      descriptor: { type: 'string' },
      'block-interval-ms': { type: 'string' },
      seed: { type: 'string' },
      'no-keeper': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(startUsage);
  const int = (name: string, raw: string | undefined, min: number) => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new CliError(`--${name}: expected an integer ≥ ${min}, got "${raw}"`);
    return n;
  };
  const wantedPort = int('port', values.port, 0);
  if (wantedPort !== undefined && wantedPort > 65_535) throw new CliError('--port: at most 65535');
  const blockIntervalMs = int('block-interval-ms', values['block-interval-ms'], 50) ?? 1000;
  const seed = int('seed', values.seed, 0) ?? 1;
  const dataDir = resolve(values['data-dir'] ?? join(repoRoot, '.data'));

  const t0 = performance.now();
  let stopping = false;
  const cleanups: (() => Promise<void>)[] = [];
  let api: ChildProcess | undefined;
  let keeper: ChildProcess | undefined;
  const shutdown = async (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    say(`${why}: stopping`);
    await endChild(keeper);
    await endChild(api);
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  // `npm start` does not pass a SIGTERM sent to npm on to us: when our parent goes away (we are
  // re-parented), stop as if signalled rather than run on, orphaned.
  const parentPid = process.ppid;
  setInterval(() => {
    if (process.ppid !== parentPid) void shutdown('the parent process ended', 0);
  }, 500).unref();

  // 1. The world and the services around it.
  const world = await startWorld({
    blockMode: { mode: 'manual', intervalMs: blockIntervalMs },
    ...(values.descriptor ? { descriptorPath: resolve(values.descriptor) } : {}),
  });
  cleanups.push(() => world.stop());
  const main = world.chains.main;
  say(
    `world     main chain ${main.descriptor.chainId} at ${main.descriptor.rpcUrl} (a block every ${blockIntervalMs} ms), remote ${world.chains.remote.descriptor.chainId} at ${world.chains.remote.descriptor.rpcUrl}; descriptor ${world.descriptorPath}`,
  );
  const relay = await startRelay({ chain: main, inclusionProbability: 0.9, seed });
  cleanups.push(() => relay.stop());
  say(`relay     Flashbots-compatible relay at ${relay.url} (builder wins 90% of blocks)`);
  const searcher = await startSandwichSearcher({ chain: main, account: world.accounts.searcher });
  cleanups.push(() => searcher.stop());
  say(`searcher  sandwich searcher watching the public mempool as ${world.accounts.searcher.address}`);
  const orderbook = await startOrderbook({
    chain: main,
    solverPrivateKey: world.accounts.solver.privateKey,
    auctionIntervalMs: AUCTION_INTERVAL_MS,
  });
  cleanups.push(() => orderbook.stop());
  say(
    `orderbook CoW-compatible orderbook at ${orderbook.url} (a batch auction every ${AUCTION_INTERVAL_MS / 1000} s, settled by ${world.accounts.solver.address})`,
  );
  const bridge = startIntentBridge({
    chains: [main, world.chains.remote],
    relayer: world.accounts.relayer,
    attester: deriveBridgeAttester(world.descriptor.mnemonic),
    latencyMs: BRIDGE_LATENCY_MS,
    minFeeBps: BRIDGE_FEE_BPS,
    seed,
  });
  cleanups.push(() => bridge.stop());
  say(
    `bridge    intent bridge relayer between ${main.descriptor.chainId} and ${world.chains.remote.descriptor.chainId} (fills after ${BRIDGE_LATENCY_MS} ms, fee ${BRIDGE_FEE_BPS} bps a leg)`,
  );

  // Both chains' pools follow the reference: a remote pool left at $3,000 while the main one
  // drifts made cross-chain quotes look hundreds of bps better than the mid (issue 15 #9).
  const arbitrageurs = [
    await startArbitrageur({ chain: main, account: world.accounts.arbitrageur }),
    await startArbitrageur({ chain: world.chains.remote, account: world.accounts.arbitrageur }),
  ];
  const reference = referencePath({ start: 3000, volPerSqrtSecond: 0.002, seed });
  let lastReference = 3000;
  let arbTrades = 0;
  let arbRound: Promise<void> = Promise.resolve();
  const arbTimer = setInterval(() => {
    arbRound = arbRound
      .then(async () => {
        lastReference = reference();
        for (const arbitrageur of arbitrageurs) if (await arbitrageur.alignTo(lastReference)) arbTrades++;
      })
      .catch(() => undefined);
  }, blockIntervalMs);
  const marketTimer = setInterval(
    () =>
      say(
        `market    reference $${lastReference.toFixed(2)}/WETH; arbitrageur rounds with a trade: ${arbTrades}`,
      ),
    15_000,
  );
  cleanups.push(async () => {
    clearInterval(arbTimer);
    clearInterval(marketTimer);
    await arbRound;
  });
  say(
    "arbitrage arbitrageurs keep both chains' pools on a moving reference price (from $3,000, 0.2% per √s)",
  );
  let attacksSeen = 0;
  const attackTimer = setInterval(() => {
    for (const attack of searcher.attacks.slice(attacksSeen))
      say(`searcher  sandwiched ${attack.victimTx.slice(0, 10)}… (expected profit ${attack.plan.netProfit})`);
    attacksSeen = searcher.attacks.length;
  }, 500);
  cleanups.push(async () => clearInterval(attackTimer));

  // 2. The API, as its own process.
  const port = await choosePort(wantedPort);
  const adminToken = randomBytes(24).toString('hex');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'admin-token'), `${adminToken}\n`, { mode: 0o600 });
  const url = `http://127.0.0.1:${port}`;
  api = spawnTs(API_ENTRY, {
    WORLD_FILE: world.descriptorPath ?? '',
    RELAY_URL: relay.url,
    COW_ORDERBOOK_URL: orderbook.url,
    CROSS_CHAIN_ENABLED: 'true',
    COW_AUCTION_INTERVAL_SECONDS: String(AUCTION_INTERVAL_MS / 1000),
    BRIDGE_FEE_BPS: String(BRIDGE_FEE_BPS),
    // The relayer's latency plus a block on the chain that receives the fill.
    BRIDGE_LEG_SECONDS: String((BRIDGE_LATENCY_MS + blockIntervalMs) / 1000),
    ADMIN_TOKEN: adminToken,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    BLOCK_TIME_SECONDS: String(blockIntervalMs / 1000),
    // The quote workers follow the head over anvil's WebSocket (same port) instead of reading it.
    CHAIN_WS_URL: world.descriptor.chains.main.rpcUrl.replace(/^http/, 'ws'),
  });
  forwardApiLogs(api);
  api.once('exit', (code, signal) => {
    if (!stopping) void shutdown(`the API exited (${code ?? signal})`, 1);
  });
  await waitReady(url, api, 60_000);

  // 3. The demo keepers, registered for the world's vaults through the admin endpoint.
  const demoVaults = [
    {
      name: 'vault',
      vault: world.accounts.vault.address,
      keeper: world.accounts.keeper,
      book: [{ kind: 'call', strike: 3000, expiry: 30 / DAYS_PER_YEAR, quantity: -200 }],
      vol: 0.6,
      policy: { policy: 'band', halfWidth: 2 },
    },
    {
      name: 'vault2',
      vault: world.accounts.vault2.address,
      keeper: world.accounts.keeper2,
      book: [{ kind: 'put', strike: 2900, expiry: 14 / DAYS_PER_YEAR, quantity: -150 }],
      vol: 0.6,
      policy: { policy: 'band', halfWidth: 3 },
    },
  ];
  for (const v of demoVaults) {
    const response = await fetch(`${url}/v1/admin/keepers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ vault: v.vault, keeper: v.keeper.address }),
    });
    if (response.status !== 201)
      throw new CliError(
        `registering keeper ${v.keeper.address}: ${response.status} ${await response.text()}`,
        { exitCode: 1, code: 'UPSTREAM_FAILED' },
      );
    say(`admin     keeper ${v.keeper.address} registered for ${v.name} ${v.vault}`);
  }

  if (!values['no-keeper']) {
    keeper = spawnTs(KEEPER_ENTRY, {
      DEMO_KEEPER_CONFIG: JSON.stringify({
        apiUrl: url,
        chainId: main.descriptor.chainId,
        weth: main.descriptor.tokens.weth,
        usd: main.descriptor.tokens.usd,
        vaults: demoVaults.map((v) => ({
          name: v.name,
          vault: v.vault,
          keeperPrivateKey: v.keeper.privateKey,
          book: v.book,
          vol: v.vol,
          policy: v.policy,
        })),
      }),
    });
    createInterface({ input: keeper.stdout as NodeJS.ReadableStream }).on('line', (line) =>
      console.log(line),
    );
    // Its stderr is only ever a failure (its own lines go to stdout): labelled as such.
    createInterface({ input: keeper.stderr as NodeJS.ReadableStream }).on('line', (line) =>
      say(`keeper    stderr: ${line}`),
    );
    keeper.once('exit', (code, signal) => {
      if (!stopping) void shutdown(`the demo keeper exited (${code ?? signal})`, 1);
    });
  }

  say(
    `Hedge Router ready in ${Math.round(performance.now() - t0)} ms: API listening on ${url} (OpenAPI at ${url}/docs), ledger in ${dataDir}, admin token in ${join(dataDir, 'admin-token')}. Ctrl-C to stop.`,
  );
}
