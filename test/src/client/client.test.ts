import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildApp, createDeps, loadConfig, readDeployment, startWorker } from '@hedge-router/api';
import {
  createHedgeRouterClient,
  HedgeRouterApiError,
  type HedgeRouterClient,
  HedgeRouterSignerMissingError,
  HedgeRouterTimeoutError,
  type IntentEvent,
} from '@hedge-router/api/client';
import { DAYS_PER_YEAR, type HedgeIntent } from '@hedge-router/router';
import { startWorld, type World } from '@hedge-router/simulations';
import type { FastifyInstance } from 'fastify';
import { parseEther, parseUnits } from 'viem';

const ADMIN_TOKEN = 'client-test-admin-token-0123456789';
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

// The client against the real app listening on loopback (real HTTP, real signing), on the local world.
describe('the typed API client (@hedge-router/api/client)', () => {
  let world: World;
  let app: FastifyInstance;
  let closeLedger: () => Promise<void>;
  let startTheWorker: () => { stop: () => Promise<void> };
  let baseUrl: string;
  let keeper: HedgeRouterClient;
  let worker: { stop: () => Promise<void> } | undefined;
  let nonce = BigInt(Date.now()) * 1000n;

  before(async () => {
    world = await startWorld({
      descriptorPath: join(mkdtempSync(join(tmpdir(), 'hedge-client-')), 'world.json'),
    });
    const config = loadConfig({
      ADMIN_TOKEN,
      DATA_DIR: ':memory:',
      WORLD_FILE: world.descriptorPath ?? '',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '100000',
      // The client's quotes go through a quote worker thread, as under `npm start`.
      QUOTE_WORKERS: '1',
    });
    const deps = await createDeps(config, readDeployment(config.WORLD_FILE));
    assert.equal(deps.quoteWorkers?.size, 1);
    closeLedger = async () => {
      await deps.quoteWorkers?.close();
      await deps.ledgerDb.close();
    };
    startTheWorker = () => startWorker(deps, { workerId: 'client-test', log: quiet, pollMs: 50 });
    // As server.ts does: event streams are cut on close rather than waited for.
    app = await buildApp(deps, { forceCloseConnections: true });
    await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const res = await fetch(`${baseUrl}/v1/admin/keepers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ vault: world.accounts.vault.address, keeper: world.accounts.keeper.address }),
    });
    assert.equal(res.status, 201);
    keeper = createHedgeRouterClient({
      baseUrl: `${baseUrl}/`,
      chainId: world.descriptor.chains.main.chainId,
      keeperPrivateKey: world.accounts.keeper.privateKey,
    });
  });
  after(async () => {
    await worker?.stop();
    await app?.close();
    await closeLedger?.();
    await world?.stop();
  });

  const tokens = () => world.descriptor.chains.main.tokens;
  const intent = (overrides: Partial<HedgeIntent> = {}): HedgeIntent => ({
    vault: world.accounts.vault.address,
    sellToken: tokens().weth.address,
    buyToken: tokens().usd.address,
    sellAmount: parseEther('10'),
    minBuyAmount: parseUnits('29000', 6),
    deadline: Math.floor(Date.now() / 1000) + 120,
    nonce: nonce++,
    partialFill: false,
    ...overrides,
  });

  it('behavior: health, ready and a quote with bigint amounts in, decimal strings out', async () => {
    assert.deepEqual(await keeper.health(), { status: 'ok' });
    assert.equal((await keeper.ready()).chain.chainId, 31337);
    const quote = await keeper.quote({
      sellToken: tokens().weth.address,
      buyToken: tokens().usd.address,
      sellAmount: parseEther('25'),
    });
    assert.equal(quote.sellAmount, '25000000000000000000');
    assert.ok(quote.best, 'a best route');
    const expected = BigInt(quote.best.expectedBuyAmount);
    assert.ok(expected > parseUnits('70000', 6) && expected < parseUnits('80000', 6), `${expected}`);
    assert.ok(quote.candidates.length >= 2);
  });

  it('error: an API error carries the status, the code and the fields', async () => {
    await assert.rejects(
      keeper.quote({ sellToken: tokens().weth.address, buyToken: tokens().weth.address, sellAmount: 1n }),
      (error: unknown) => {
        assert.ok(error instanceof HedgeRouterApiError);
        assert.equal(error.status, 422);
        assert.equal(error.code, 'UNPROCESSABLE');
        assert.deepEqual(
          error.fields.map((f) => f.field),
          ['buyToken'],
        );
        return true;
      },
    );
    await assert.rejects(keeper.getIntent('00000000-0000-4000-8000-000000000000'), {
      name: 'HedgeRouterApiError',
      status: 404,
      code: 'NOT_FOUND',
    });
    const stranger = createHedgeRouterClient({
      baseUrl,
      chainId: 31337,
      keeperPrivateKey: world.accounts.keeper2.privateKey,
    });
    await assert.rejects(stranger.submitIntent(intent()), { status: 403, code: 'FORBIDDEN' });
    await assert.rejects(keeper.submitIntent(intent({ deadline: Math.floor(Date.now() / 1000) - 5 })), {
      status: 422,
    });
    const readOnly = createHedgeRouterClient({ baseUrl, chainId: 31337 });
    await assert.rejects(readOnly.submitIntent(intent()), HedgeRouterSignerMissingError);
  });

  it('behavior: submit is idempotent; a keeper-signed cancel before execution; waitForIntent times out', async () => {
    const i = intent();
    const first = await keeper.submitIntent(i);
    assert.equal(first.duplicate, false);
    assert.equal(first.statusUrl, `${baseUrl}/v1/intents/${first.id}`);
    assert.match(first.intentHash, /^0x[0-9a-f]{64}$/);
    const again = await keeper.submitIntent(i);
    assert.equal(again.id, first.id);
    assert.equal(again.duplicate, true);
    await assert.rejects(keeper.submitIntent({ ...i, sellAmount: i.sellAmount + 1n }), {
      status: 409,
      code: 'CONFLICT',
    });

    assert.deepEqual(await keeper.cancelIntent(first.id), { id: first.id, status: 'cancelled' });
    const view = await keeper.waitForIntent(first.id, { timeoutMs: 1_000 });
    assert.equal(view.status, 'cancelled');
    await assert.rejects(
      keeper.waitForIntent(first.id, { terminal: ['filled'], timeoutMs: 300, pollMs: 50 }),
      HedgeRouterTimeoutError,
    );
    const page = await keeper.listIntents({ vault: world.accounts.vault.address, status: 'cancelled' });
    assert.ok(page.intents.some((x) => x.id === first.id));
  });

  it('behavior: an intent routed, filled and reconciled, followed through the event stream', async () => {
    worker = startTheWorker();
    const controller = new AbortController();
    const seen: IntentEvent[] = [];
    let intentId: string | undefined;
    const stream = (async () => {
      for await (const event of keeper.events({
        vault: world.accounts.vault.address,
        signal: controller.signal,
      })) {
        seen.push(event);
        if (event.intentId === intentId && event.status === 'filled') return;
      }
    })();
    await new Promise((r) => setTimeout(r, 300)); // the stream is connected
    const submitted = await keeper.submitIntent(intent());
    intentId = submitted.id;
    const view = await keeper.waitForIntent(submitted.id, { timeoutMs: 30_000 });
    assert.equal(view.status, 'filled', view.statusReason ?? '');
    assert.equal(view.filled.sellAmount, parseEther('10').toString());
    assert.ok(BigInt(view.filled.buyAmount) >= parseUnits('29000', 6));
    assert.equal(view.reconciliation?.balancesMatch, true);
    await Promise.race([stream, new Promise((r) => setTimeout(r, 5_000))]);
    controller.abort();
    await stream;
    const statuses = seen.filter((e) => e.intentId === submitted.id).map((e) => e.status);
    assert.deepEqual(statuses.slice(-1), ['filled'], `events: ${statuses.join(', ')}`);
    assert.ok(statuses.includes('submitted'));
    const listed: string[] = [];
    for await (const row of keeper.allIntents({ vault: world.accounts.vault.address, limit: 1 }))
      listed.push(row.id);
    assert.ok(listed.includes(submitted.id) && listed.length >= 2, 'pages followed to the end');
  });

  it('behavior: a hedge plan for a short-call book: buy the underlying, with the router quote', async () => {
    const plan = await keeper.hedgePlan({
      vault: world.accounts.vault.address,
      book: [{ kind: 'call', strike: 3000, expiry: 30 / DAYS_PER_YEAR, quantity: -200 }],
      spot: 3000,
      hedge: 0,
      vol: 0.6,
      policy: { policy: 'band', halfWidth: 2 },
    });
    assert.equal(plan.plan.side, 'buy');
    assert.ok(plan.plan.trade > 90 && plan.plan.trade < 110, `${plan.plan.trade}`);
    assert.ok(plan.quote?.best, 'the trade is quoted');
  });
});
