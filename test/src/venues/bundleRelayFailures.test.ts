import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { RouteLeg } from '@hedge-router/router';
import { type Relay, readBody, startRelay, startWorld, type World } from '@hedge-router/simulations';
import {
  type BundleVenueParameters,
  createBundleVenue,
  createPublicAmmVenue,
  erc20Abi,
  hedgeExecutorAbi,
  legId,
  type Venue,
  type VenueLeg,
} from '@hedge-router/solvers';
import { createPublicClient, http, type PublicClient, parseEther } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { plan, poolRefs, wethSellIntent, withBlocks } from './venuesFixture.js';

// Issue 5, "Done when": bad relay responses, RPC errors and timeouts end in a clear failure
// state, never a hang or a double execution. The bundle venue runs against the local world and
// relay, with real HTTP servers on loopback in between that answer badly (a JSON-RPC error,
// HTTP 500, a body that is not JSON, a malformed result) or never answer, per method.

type Fault =
  | 'forward'
  | 'rpc-error'
  | 'http-500'
  | 'garbage'
  | 'bad-shape'
  | 'hang'
  | 'forward-then-hang'
  | 'fake-ok';

type FaultyServer = {
  url: string;
  /** Calls seen per JSON-RPC method. */
  calls: Map<string, number>;
  /** What every call of `method` gets from now on, after any queued faults. */
  setFault: (method: string, fault: Fault) => void;
  /** Faults for the next calls of `method`, one each, before its default applies again. */
  queueFaults: (method: string, ...faults: Fault[]) => void;
  stop: () => Promise<void>;
};

/** A JSON-RPC HTTP server forwarding to `upstream` unless told to fail a method. */
async function startFaultyServer(upstream: string): Promise<FaultyServer> {
  const defaults = new Map<string, Fault>();
  const queued = new Map<string, Fault[]>();
  const calls = new Map<string, number>();
  const forward = async (req: IncomingMessage, body: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const signature = req.headers['x-flashbots-signature'];
    if (typeof signature === 'string') headers['x-flashbots-signature'] = signature;
    const response = await fetch(upstream, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text() };
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    let parsed: { method?: string; id?: unknown } = {};
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {}
    const method = parsed.method ?? '?';
    const id = parsed.id ?? null;
    calls.set(method, (calls.get(method) ?? 0) + 1);
    const fault = queued.get(method)?.shift() ?? defaults.get(method) ?? 'forward';
    const json = (status: number, value: object) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    switch (fault) {
      case 'forward': {
        const { status, text } = await forward(req, body);
        return void res.writeHead(status, { 'content-type': 'application/json' }).end(text);
      }
      case 'rpc-error':
        return void json(200, { jsonrpc: '2.0', id, error: { code: -32000, message: 'injected refusal' } });
      case 'http-500':
        return void json(500, { jsonrpc: '2.0', id, error: { code: -32603, message: 'internal error' } });
      case 'garbage':
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>');
      case 'bad-shape':
        return void json(200, { jsonrpc: '2.0', id, result: null });
      case 'fake-ok':
        return void json(200, { jsonrpc: '2.0', id, result: { bundleHash: `0x${'ab'.repeat(32)}` } });
      case 'forward-then-hang':
        await forward(req, body);
        return; // the upstream acted on it; the caller never hears
      case 'hang':
        return;
    }
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    setFault: (method, fault) => void defaults.set(method, fault),
    queueFaults: (method, ...faults) => void queued.set(method, [...(queued.get(method) ?? []), ...faults]),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('bundle venue: bad relay answers, RPC errors and timeouts end in a clear state', () => {
  let world: World;
  let relay: Relay | undefined;
  let relayProxy: FaultyServer | undefined;
  let rpcProxy: FaultyServer | undefined;

  before(async () => {
    world = await startWorld({ descriptorPath: null });
  });
  after(async () => {
    await relay?.stop();
    await world?.stop();
  });
  beforeEach(async () => {
    const main = world.chains.main;
    await main.blocks.setMode({ mode: 'auto' });
    await world.reset();
    await main.blocks.setMode({ mode: 'manual' });
    // The reset takes the chain's clock back to the snapshot; intent deadlines are wall-clock.
    const latest = await main.clients.public.getBlock({ blockTag: 'latest' });
    const now = BigInt(Math.floor(Date.now() / 1000));
    await main.clients.test.setNextBlockTimestamp({
      timestamp: now > latest.timestamp ? now : latest.timestamp + 1n,
    });
    await main.blocks.mine();
  });
  afterEach(async () => {
    await world.chains.main.blocks.setMode({ mode: 'manual' });
    await relayProxy?.stop();
    await rpcProxy?.stop();
    await relay?.stop();
    relayProxy = rpcProxy = relay = undefined;
  });

  const operatorWallet = () =>
    world.chains.main.clients.wallet(privateKeyToAccount(world.accounts.executor.privateKey));
  const common = () => {
    const main = world.chains.main;
    return {
      chainId: main.descriptor.chainId,
      client: main.clients.public,
      operator: operatorWallet(),
      executor: main.descriptor.executor.address,
      pools: poolRefs(world),
      blockTimeSeconds: 1,
      pollIntervalMs: 20,
    };
  };
  /** The local relay (inclusion probability `p`) behind a faulty proxy, and a venue using it. */
  const bundleVenueBehindProxy = async (
    p: number,
    overrides: Partial<BundleVenueParameters> = {},
  ): Promise<{ venue: Venue; proxy: FaultyServer }> => {
    relay = await startRelay({ chain: world.chains.main, inclusionProbability: p });
    relayProxy = await startFaultyServer(relay.url);
    const venue = createBundleVenue({
      ...common(),
      rpcUrl: world.descriptor.chains.main.rpcUrl,
      relayUrl: relayProxy.url,
      relayAuthKey: world.accounts.relayer.privateKey,
      inclusionProbability: Math.max(p, 0.01),
      relayTimeoutMs: 500,
      ...overrides,
    });
    return { venue, proxy: relayProxy };
  };
  /** One planned leg of a fresh WETH→USDC intent, as the bundle venue gets it. */
  const bundleLeg = async (venue: Venue, sellEth = '5', deadlineSeconds = 60): Promise<VenueLeg> => {
    const request = wethSellIntent(world, parseEther(sellEth), { deadlineSeconds, limitBps: 300 });
    const routePlan = await plan(world, [venue], request);
    const leg = routePlan.legs[0] as RouteLeg;
    assert.ok(leg && routePlan.legs.length === 1);
    return {
      intent: request.intent,
      intentHash: request.intentHash,
      legIndex: 0,
      leg,
      arrivalMidBuyAmount: request.arrivalMidBuyAmount,
    };
  };
  /** Whether the executor executed the leg (its on-chain replay key). */
  const executed = (leg: VenueLeg) =>
    world.chains.main.clients.public.readContract({
      address: world.descriptor.chains.main.executor.address,
      abi: hedgeExecutorAbi,
      functionName: 'executed',
      args: [legId(leg.intentHash, leg.legIndex)],
    });
  const vaultWeth = () =>
    world.chains.main.clients.public.readContract({
      address: world.descriptor.chains.main.tokens.weth.address,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [world.accounts.vault.address],
    });
  const timed = async <T>(work: Promise<T>): Promise<{ value: T; ms: number }> => {
    const start = performance.now();
    const value = await work;
    return { value, ms: performance.now() - start };
  };
  const rejection = async (work: Promise<unknown>): Promise<{ error: Error; ms: number }> => {
    const start = performance.now();
    try {
      await work;
    } catch (error) {
      assert.ok(error instanceof Error);
      return { error, ms: performance.now() - start };
    }
    assert.fail('expected a rejection');
  };

  const badAnswers: { fault: Fault; message: RegExp }[] = [
    {
      fault: 'rpc-error',
      message: /relay http:\/\/127\.0\.0\.1:\d+ refused eth_callBundle .*injected refusal \(-32000\)/,
    },
    { fault: 'http-500', message: /relay http:\/\/127\.0\.0\.1:\d+ failed eth_callBundle .*status 500/ },
    { fault: 'garbage', message: /relay http:\/\/127\.0\.0\.1:\d+ failed eth_callBundle .*/ },
    { fault: 'bad-shape', message: /relay http:\/\/127\.0\.0\.1:\d+ failed eth_callBundle .*/ },
  ];
  for (const { fault, message } of badAnswers) {
    it(`error: a relay answering the simulation with ${fault} fails the submission at once, naming the relay; nothing executes`, async () => {
      const { venue, proxy } = await bundleVenueBehindProxy(1);
      proxy.setFault('eth_callBundle', fault);
      const leg = await bundleLeg(venue);
      const { error, ms } = await rejection(venue.submit(leg));
      assert.match(error.message, message);
      assert.ok(ms < 2_000, `failed in ${ms} ms`);
      assert.equal(proxy.calls.get('eth_sendBundle') ?? 0, 0, 'nothing was sent after a failed simulation');
      await world.chains.main.blocks.mine(2);
      assert.equal(await executed(leg), false);
      assert.equal(await vaultWeth(), parseEther('1000'));
    });
  }

  for (const fault of ['rpc-error', 'http-500', 'garbage', 'bad-shape'] as const) {
    it(`error: a relay answering eth_sendBundle with ${fault} fails the submission, naming the relay; nothing executes`, async () => {
      const { venue, proxy } = await bundleVenueBehindProxy(1);
      proxy.setFault('eth_sendBundle', fault);
      const leg = await bundleLeg(venue);
      const { error, ms } = await rejection(venue.submit(leg));
      assert.match(
        error.message,
        /relay http:\/\/127\.0\.0\.1:\d+ (refused|failed) eth_sendBundle for block \d+/,
      );
      assert.ok(ms < 2_000, `failed in ${ms} ms`);
      assert.equal(proxy.calls.get('eth_callBundle'), 1, 'the simulation went through');
      assert.equal(proxy.calls.get('eth_sendBundle'), 1, 'a refusal is not retried in a loop');
      await world.chains.main.blocks.mine(2);
      assert.equal(await executed(leg), false);
    });
  }

  it('error: a relay that never answers fails the submission within relayTimeoutMs (not ethers’ 5 minutes) and releases the operator lock', async () => {
    const { venue, proxy } = await bundleVenueBehindProxy(1);
    proxy.setFault('eth_callBundle', 'hang');
    const bundleLegToSend = await bundleLeg(venue);
    const pub = createPublicAmmVenue({
      ...common(),
      wrappedNative: world.descriptor.chains.main.tokens.weth.address,
      slippage: { mode: 'protected' },
    });
    const pubRequest = wethSellIntent(world, parseEther('3'), { limitBps: 300 });
    const pubPlan = await plan(world, [pub], pubRequest);
    const pubLeg: VenueLeg = {
      intent: pubRequest.intent,
      intentHash: pubRequest.intentHash,
      legIndex: 0,
      leg: pubPlan.legs[0] as RouteLeg,
      arrivalMidBuyAmount: pubRequest.arrivalMidBuyAmount,
    };
    const start = performance.now();
    const bundleSubmit = rejection(venue.submit(bundleLegToSend));
    // Queued behind the bundle's submission on the same operator key.
    const publicSubmit = pub.submit(pubLeg).then((s) => ({ s, ms: performance.now() - start }));
    const { error, ms } = await bundleSubmit;
    assert.match(
      error.message,
      /relay http:\/\/127\.0\.0\.1:\d+ did not answer eth_callBundle .* within 500 ms/,
    );
    assert.ok(ms >= 450 && ms < 2_500, `failed after ${ms} ms`);
    const published = await publicSubmit;
    assert.ok(published.ms < 3_000, `the public submission waited ${published.ms} ms for the lock`);
    const outcome = await withBlocks(world, () => pub.track(published.s, pubLeg));
    assert.equal(outcome.status, 'filled', 'the next leg on the same operator key executes');
    assert.equal(await executed(bundleLegToSend), false);
    assert.equal(await executed(pubLeg), true);
  });

  it('error: a relay that takes the bundle but never answers eth_sendBundle: submit returns within the bound and track finds it included, once', async () => {
    const { venue, proxy } = await bundleVenueBehindProxy(1);
    proxy.setFault('eth_sendBundle', 'forward-then-hang');
    const leg = await bundleLeg(venue, '5');
    const { value: outcome, ms } = await timed(
      withBlocks(world, async () => {
        const submission = await venue.submit(leg);
        return venue.track(submission, leg);
      }),
    );
    assert.equal(outcome.status, 'filled', JSON.stringify(outcome.status === 'not-included' ? outcome : ''));
    assert.ok(ms < 5_000, `took ${ms} ms`);
    assert.equal(await executed(leg), true);
    assert.equal(await vaultWeth(), parseEther('995'), 'the vault sold 5 WETH once');
    assert.equal(relay?.stats.bundlesIncluded, 1);
  });

  it('error: a relay that never answers eth_sendBundle at all: submit returns within the bound, track reports not-included after maxRelayFailures blocks', async () => {
    const { venue, proxy } = await bundleVenueBehindProxy(1, { maxRelayFailures: 2 });
    proxy.setFault('eth_sendBundle', 'hang');
    const leg = await bundleLeg(venue);
    const { value: outcome, ms } = await timed(
      withBlocks(world, async () => {
        const submission = await venue.submit(leg);
        return venue.track(submission, leg);
      }),
    );
    assert.equal(outcome.status, 'not-included');
    if (outcome.status !== 'not-included') return;
    assert.match(
      outcome.reason,
      /the relay failed 2 resubmissions in a row.*did not answer eth_sendBundle for block \d+ within 500 ms/,
    );
    // One timed-out send at submission, two while tracking: ~1.5 s, far below the deadline.
    assert.ok(ms < 5_000, `took ${ms} ms`);
    assert.equal(proxy.calls.get('eth_sendBundle'), 3);
    assert.equal(await executed(leg), false);
    assert.equal(await vaultWeth(), parseEther('1000'));
  });

  for (const fault of ['rpc-error', 'http-500', 'garbage', 'bad-shape'] as const) {
    it(`error: the relay failing resubmissions with ${fault} while tracking ends in not-included naming the relay, no throw, no hang`, async () => {
      // The builder never wins, so the bundle is resubmitted every block.
      const { venue, proxy } = await bundleVenueBehindProxy(0);
      const leg = await bundleLeg(venue);
      const submission = await venue.submit(leg);
      proxy.setFault('eth_sendBundle', fault);
      const { value: outcome, ms } = await timed(withBlocks(world, () => venue.track(submission, leg)));
      assert.equal(outcome.status, 'not-included');
      if (outcome.status !== 'not-included') return;
      assert.match(
        outcome.reason,
        /the relay failed 3 resubmissions in a row.*relay http:\/\/127\.0\.0\.1:\d+ (refused|failed) eth_sendBundle/,
      );
      assert.ok(ms < 5_000, `took ${ms} ms`);
      // One send at submission, then one per block: 3 failed, none retried in a tight loop.
      assert.equal(proxy.calls.get('eth_sendBundle'), 4);
      assert.equal(await executed(leg), false);
    });
  }

  it('behavior: a relay failing two resubmissions and then taking the bundle again: it is included, once', async () => {
    const { venue, proxy } = await bundleVenueBehindProxy(1);
    // The first send only pretends to reach the relay, so the bundle misses its first block.
    proxy.queueFaults('eth_sendBundle', 'fake-ok', 'http-500', 'rpc-error');
    const leg = await bundleLeg(venue, '5');
    const outcome = await withBlocks(world, async () => {
      const submission = await venue.submit(leg);
      return venue.track(submission, leg);
    });
    assert.equal(outcome.status, 'filled');
    assert.equal(proxy.calls.get('eth_sendBundle'), 4);
    assert.equal(await vaultWeth(), parseEther('995'), 'the vault sold 5 WETH once');
    assert.equal(relay?.stats.bundlesIncluded, 1);
  });

  it('error: a relay failing until the deadline (failures allowed) ends in not-included at the deadline, naming its last failure', async () => {
    const { venue, proxy } = await bundleVenueBehindProxy(0, { maxRelayFailures: 1_000 });
    const leg = await bundleLeg(venue, '5', 3);
    const submission = await venue.submit(leg);
    proxy.setFault('eth_sendBundle', 'http-500');
    const { value: outcome, ms } = await timed(withBlocks(world, () => venue.track(submission, leg), 200));
    assert.equal(outcome.status, 'not-included');
    if (outcome.status !== 'not-included') return;
    assert.match(outcome.reason, /not included by the deadline.*the relay's last failure: .*status 500/);
    assert.ok(ms < 8_000, `took ${ms} ms`);
    assert.equal(await executed(leg), false);
  });

  /** A bundle venue whose chain client goes through a faulty RPC proxy (no retries, 1 s timeout). */
  const bundleVenueWithFaultyRpc = async (p: number) => {
    const { venue: reference } = await bundleVenueBehindProxy(p);
    rpcProxy = await startFaultyServer(world.descriptor.chains.main.rpcUrl);
    const client = createPublicClient({
      transport: http(rpcProxy.url, { retryCount: 0, timeout: 1_000 }),
    }) as PublicClient;
    const venue = createBundleVenue({
      ...common(),
      client,
      rpcUrl: world.descriptor.chains.main.rpcUrl,
      relayUrl: relayProxy?.url ?? '',
      relayAuthKey: world.accounts.relayer.privateKey,
      inclusionProbability: Math.max(p, 0.01),
      relayTimeoutMs: 500,
    });
    return { reference, venue, rpc: rpcProxy };
  };

  for (const fault of ['http-500', 'hang'] as const) {
    it(`error: chain RPC ${fault} during submit fails the submission clearly and quickly; nothing is sent`, async () => {
      const { reference, venue, rpc } = await bundleVenueWithFaultyRpc(1);
      const leg = await bundleLeg(reference);
      for (const method of ['eth_getTransactionCount', 'eth_getBlockByNumber', 'eth_blockNumber'])
        rpc.setFault(method, fault);
      const { error, ms } = await rejection(venue.submit(leg));
      assert.match(error.message, fault === 'hang' ? /took too long|timed out/i : /HTTP request failed|500/);
      assert.ok(ms < 3_000, `failed in ${ms} ms`);
      assert.equal(relayProxy?.calls.get('eth_sendBundle') ?? 0, 0);
      await world.chains.main.blocks.mine(2);
      assert.equal(await executed(leg), false);
    });
  }

  it('error: chain RPC errors while tracking make track reject (the outcome is unknown), and a resumed track ends in a definite outcome', async () => {
    const { reference, venue, rpc } = await bundleVenueWithFaultyRpc(0);
    const leg = await bundleLeg(reference, '5', 3);
    const submission = await venue.submit(leg);
    rpc.setFault('eth_getBlockByNumber', 'http-500');
    rpc.setFault('eth_getTransactionReceipt', 'http-500');
    const { error, ms } = await rejection(withBlocks(world, () => venue.track(submission, leg)));
    assert.match(error.message, /HTTP request failed|500/);
    assert.ok(ms < 3_000, `failed in ${ms} ms`);
    // The RPC recovers: tracking the same submission again (as a restarted worker does) ends it.
    rpc.setFault('eth_getBlockByNumber', 'forward');
    rpc.setFault('eth_getTransactionReceipt', 'forward');
    const outcome = await withBlocks(world, () => venue.track(submission, leg), 200);
    assert.equal(outcome.status, 'not-included');
    assert.equal(await executed(leg), false);
  });

  it('error: a receipt lookup failing with an RPC error is not taken for "not mined" (no not-included for a leg that may have executed)', async () => {
    const { reference, venue, rpc } = await bundleVenueWithFaultyRpc(1);
    const leg = await bundleLeg(reference);
    const submission = await withBlocks(world, () => venue.submit(leg));
    // Let the bundle land, then break only the receipt lookups.
    await withBlocks(world, () => reference.track(submission, leg));
    assert.equal(await executed(leg), true);
    rpc.setFault('eth_getTransactionReceipt', 'http-500');
    await assert.rejects(
      withBlocks(world, () => venue.track(submission, leg)),
      /HTTP request failed|500/,
    );
  });
});
