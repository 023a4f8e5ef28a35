import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '@hedge-router/api';
import { type HedgeIntent, hedgeIntentTypedData } from '@hedge-router/router';
import { startWorld, type World } from '@hedge-router/simulations';
import { erc20Abi } from '@hedge-router/solvers';
import { createPublicClient, http, parseEther, parseUnits } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ADMIN_TOKEN, type ApiHarness, cancelBody, signedIntentBody, startApi } from './apiFixture.js';

describe('the REST API on the local world', () => {
  let world: World;
  let api: ApiHarness;
  let nonce = 1n;

  before(async () => {
    world = await startWorld({
      descriptorPath: join(mkdtempSync(join(tmpdir(), 'hedge-api-')), 'world.json'),
    });
    api = await startApi(world);
    const res = await api.app.inject({
      method: 'POST',
      url: '/v1/admin/keepers',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      payload: { vault: world.accounts.vault.address, keeper: world.accounts.keeper.address },
    });
    assert.equal(res.statusCode, 201);
  });
  after(async () => {
    await api?.close();
    await world?.stop();
  });

  const intent = (overrides: Partial<HedgeIntent> = {}): HedgeIntent => ({
    vault: world.accounts.vault.address,
    sellToken: world.descriptor.chains.main.tokens.weth.address,
    buyToken: world.descriptor.chains.main.tokens.usd.address,
    sellAmount: parseEther('10'),
    minBuyAmount: parseUnits('29500', 6),
    deadline: Math.floor(Date.now() / 1000) + 120,
    nonce: nonce++,
    partialFill: false,
    ...overrides,
  });
  const post = async (body: unknown) =>
    api.app.inject({ method: 'POST', url: '/v1/intents', payload: body as object });

  it('behavior: health, readiness and the OpenAPI document', async () => {
    assert.equal((await api.app.inject('/health')).statusCode, 200);
    const ready = await api.app.inject('/ready');
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().chain.chainId, 31337);
    const docs = (await api.app.inject('/docs/json')).json();
    for (const path of ['/v1/quotes', '/v1/intents', '/v1/intents/{id}', '/v1/hedge-plans', '/v1/events']) {
      assert.ok(docs.paths[path], `OpenAPI documents ${path}`);
    }
    const metrics = await api.app.inject('/metrics');
    assert.match(metrics.body, /hedge_router_http_requests_total/);
  });

  it('error: the admin endpoint refuses a missing or wrong token', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-wrong-token' }]) {
      const res = await api.app.inject({
        method: 'POST',
        url: '/v1/admin/keepers',
        headers,
        payload: { vault: world.accounts.vault2.address, keeper: world.accounts.keeper2.address },
      });
      assert.equal(res.statusCode, 401);
    }
  });

  it('behavior: POST /v1/quotes prices every candidate in named stages and picks the best', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/v1/quotes',
      payload: {
        chainId: 31337,
        sellToken: world.descriptor.chains.main.tokens.weth.address,
        buyToken: world.descriptor.chains.main.tokens.usd.address,
        sellAmount: parseEther('40').toString(),
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.ok(body.candidates.length >= 2, 'one candidate per fee-tier pool');
    for (const c of body.candidates.filter((x: { available: boolean }) => x.available)) {
      for (const stage of ['priceImpact', 'fees', 'gas', 'mevLeakage', 'delayRisk', 'fillRisk', 'total']) {
        assert.ok(c.cost[stage] && typeof c.cost[stage].bps === 'number', `${c.id} has ${stage}`);
      }
    }
    assert.ok(body.best);
    assert.ok(Math.abs(body.arrivalMid.wethPriceUsd - 3000) < 1);
  });

  it('error: an unknown venue, a cursor the API never wrote, an unknown route and dust answer in the API error shape, naming the field (issue 15 #3, #11)', async () => {
    const { weth, usd } = world.descriptor.chains.main.tokens;
    const quote = (extra: object) =>
      api.app.inject({
        method: 'POST',
        url: '/v1/quotes',
        payload: {
          chainId: 31337,
          sellToken: weth.address,
          buyToken: usd.address,
          sellAmount: '1000',
          ...extra,
        },
      });
    const nope = await quote({ sellAmount: parseEther('1').toString(), venues: ['nope'] });
    assert.equal(nope.statusCode, 422, nope.body);
    assert.deepEqual(
      nope.json().fields.map((f: { field: string }) => f.field),
      ['venues'],
    );
    for (const wei of ['1', '1000', '1000000']) {
      const dust = await quote({ sellAmount: wei });
      assert.equal(dust.statusCode, 200, `${wei} wei: ${dust.body}`);
      assert.ok(dust.json().best === null || dust.json().best.legs.length > 0);
    }
    const cursor = await api.app.inject({ url: '/v1/intents?cursor=garbage' });
    assert.equal(cursor.statusCode, 400, cursor.body);
    assert.deepEqual(
      cursor.json().fields.map((f: { field: string }) => f.field),
      ['cursor'],
    );
    const missing = await api.app.inject({ url: '/v1/nope' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error, 'NOT_FOUND');
  });

  it('robustness: with the chain stalled, a quote answers 503 naming the chain within ~2 s and /ready 503 within ~1 s (issue 15 #5: 500 after 20 s)', async () => {
    // A chain that accepts connections and never answers.
    const sockets = new Set<Socket>();
    const stalled = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((done) => stalled.listen(0, '127.0.0.1', done));
    const { port } = stalled.address() as AddressInfo;
    const client = createPublicClient({
      transport: http(`http://127.0.0.1:${port}`, { timeout: 20_000, retryCount: 0 }),
      cacheTime: 0,
    }) as typeof api.deps.chain.client;
    const app = await buildApp({ ...api.deps, chain: { ...api.deps.chain, client } });
    try {
      const { weth, usd } = world.descriptor.chains.main.tokens;
      let started = Date.now();
      const res = await app.inject({
        method: 'POST',
        url: '/v1/quotes',
        payload: {
          chainId: 31337,
          sellToken: weth.address,
          buyToken: usd.address,
          sellAmount: parseEther('5').toString(),
        },
      });
      const quoteMs = Date.now() - started;
      assert.equal(res.statusCode, 503, res.body);
      assert.match(res.json().message, /the chain did not answer within 2000 ms/);
      assert.ok(quoteMs < 4_000, `answered after ${quoteMs} ms`);
      started = Date.now();
      const ready = await app.inject({ url: '/ready' });
      assert.equal(ready.statusCode, 503);
      assert.ok(Date.now() - started < 2_500, `ready answered after ${Date.now() - started} ms`);
    } finally {
      await app.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => stalled.close(done));
    }
  });

  it('error: malformed intents get 400 naming each bad field', async () => {
    const good = await signedIntentBody(world, intent(), world.accounts.keeper.privateKey);
    const cases: [unknown, string][] = [
      [{ ...good, intent: { ...good.intent, sellAmount: '-5' } }, 'intent.sellAmount'],
      [{ ...good, intent: { ...good.intent, sellAmount: '1'.repeat(90) } }, 'intent.sellAmount'],
      [
        { ...good, intent: { ...good.intent, vault: '0x0000000000000000000000000000000000000000' } },
        'intent.vault',
      ],
      [{ ...good, intent: { ...good.intent, deadline: 'soon' } }, 'intent.deadline'],
      [{ ...good, signature: '0x1234' }, 'signature'],
      [{ intent: good.intent }, 'signature'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(
        res.json().fields.some((f: { field: string }) => f.field === field),
        `${field} in ${res.body}`,
      );
    }
  });

  it('error: 401 for a bad signature, 403 for a signer who is not a keeper, 422 for a passed deadline or an impossible limit', async () => {
    const good = await signedIntentBody(world, intent(), world.accounts.keeper.privateKey);
    const tampered = { ...good, intent: { ...good.intent, minBuyAmount: '1' } };
    const bad = await post({ ...good, signature: `0x${'11'.repeat(65)}` });
    assert.equal(bad.statusCode, 401, bad.body);
    assert.equal((await post(tampered)).statusCode, 403, 'a tampered intent recovers to another address');
    const stranger = await signedIntentBody(world, intent(), world.accounts.searcher.privateKey);
    assert.equal((await post(stranger)).statusCode, 403);
    // Signed for another chain: the 403 says which domain the signature is checked over (issue 15 #11).
    const otherChain = await privateKeyToAccount(world.accounts.keeper.privateKey).signTypedData(
      hedgeIntentTypedData({ intent: intent(), chainId: 1 }),
    );
    const wrongDomain = await post({ ...good, signature: otherChain });
    assert.equal(wrongDomain.statusCode, 403);
    assert.match(wrongDomain.json().message, /EIP-712 domain HedgeRouter v1 on chain 31337/);
    const late = await signedIntentBody(
      world,
      intent({ deadline: Math.floor(Date.now() / 1000) - 1 }),
      world.accounts.keeper.privateKey,
    );
    assert.equal((await post(late)).statusCode, 422);
    const greedy = await signedIntentBody(
      world,
      intent({ minBuyAmount: parseUnits('40000', 6) }),
      world.accounts.keeper.privateKey,
    );
    const res = await post(greedy);
    assert.equal(res.statusCode, 422, res.body);
    assert.match(res.json().message, /limit cannot be met/);
  });

  it('error: an intent the vault cannot pay is a 422 naming the shortfall, and nothing is stored (issue 15 #2: accepted, then reverted on every venue)', async () => {
    const before = await api.deps.ledger.listIntents({ limit: 1_000 });
    // The vault holds 1,000 WETH.
    const overBalance = await signedIntentBody(
      world,
      intent({ sellAmount: parseEther('5000'), minBuyAmount: 1n }),
      world.accounts.keeper.privateKey,
    );
    const res = await post(overBalance);
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().error, 'INTENT_FUNDS_SHORT');
    assert.deepEqual(
      res.json().fields.map((f: { field: string }) => f.field),
      ['intent.sellAmount'],
    );
    assert.match(
      res.json().message,
      /holds 1000000000000000000000 of the sell token, 4000000000000000000000 short/,
    );
    // A holder that never approved the executor: the searcher, with a keeper registered for it.
    await api.app.inject({
      method: 'POST',
      url: '/v1/admin/keepers',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      payload: { vault: world.accounts.searcher.address, keeper: world.accounts.keeper.address },
    });
    const unapproved = await signedIntentBody(
      world,
      intent({ vault: world.accounts.searcher.address, sellAmount: parseEther('1'), minBuyAmount: 1n }),
      world.accounts.keeper.privateKey,
    );
    const refused = await post(unapproved);
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.json().message, /allows the executor 0 of the sell token/);
    assert.deepEqual(await api.deps.ledger.listIntents({ limit: 1_000 }), before, 'nothing stored');
  });

  it('error: 503 (nothing stored) when no venue can quote, so the keeper can resend the same intent', async () => {
    const down = {
      name: 'down',
      quote: async () => {
        throw new Error('relay unreachable');
      },
    } as unknown as ApiHarness['deps']['venues'][number];
    const app = await buildApp({ ...api.deps, venues: [down] });
    try {
      const body = await signedIntentBody(world, intent(), world.accounts.keeper.privateKey);
      const before = await api.deps.ledger.listIntents({ limit: 1_000 });
      const res = await app.inject({ method: 'POST', url: '/v1/intents', payload: body });
      assert.equal(res.statusCode, 503, res.body);
      assert.match(res.json().message, /no venue could quote.*relay unreachable/);
      assert.deepEqual(await api.deps.ledger.listIntents({ limit: 1_000 }), before, 'nothing stored');
      // The same signed intent is accepted once venues answer again (then cancelled: no worker here).
      const accepted = await post(body);
      assert.equal(accepted.statusCode, 202, accepted.body);
      const { id } = accepted.json();
      const payload = await cancelBody(api, id, world.accounts.keeper.privateKey);
      assert.equal(
        (await api.app.inject({ method: 'DELETE', url: `/v1/intents/${id}`, payload })).statusCode,
        200,
      );
    } finally {
      await app.close();
    }
  });

  it('behavior: a signed intent is accepted (202), routed, executed on chain, reconciled; the same intent again is idempotent, another with its nonce is 409', async () => {
    const { public: client } = world.chains.main.clients;
    const { weth, usd } = world.descriptor.chains.main.tokens;
    const vault = world.accounts.vault.address;
    const balance = (token: `0x${string}`) =>
      client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [vault] });
    const before = { weth: await balance(weth.address), usd: await balance(usd.address) };

    const theIntent = intent();
    const body = await signedIntentBody(world, theIntent, world.accounts.keeper.privateKey);
    const accepted = await post(body);
    assert.equal(accepted.statusCode, 202, accepted.body);
    const { id, statusUrl } = accepted.json();
    const again = await post(body);
    assert.equal(again.statusCode, 202);
    assert.equal(again.json().id, id);
    assert.equal(again.json().duplicate, true);
    const other = await signedIntentBody(
      world,
      { ...theIntent, minBuyAmount: theIntent.minBuyAmount - 1n },
      world.accounts.keeper.privateKey,
    );
    assert.equal((await post(other)).statusCode, 409);

    const worker = api.startWorker();
    let view: {
      status: string;
      filled: { sellAmount: string; buyAmount: string };
      reconciliation: { balancesMatch: boolean } | null;
    };
    try {
      const deadline = Date.now() + 20_000;
      for (;;) {
        view = (await api.app.inject(statusUrl)).json();
        if (['filled', 'failed', 'expired', 'partially_filled'].includes(view.status)) break;
        assert.ok(Date.now() < deadline, `still ${view.status}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await worker.stop();
    }
    assert.equal(view.status, 'filled', JSON.stringify(view));
    assert.equal(view.filled.sellAmount, theIntent.sellAmount.toString());
    assert.equal(view.reconciliation?.balancesMatch, true);
    // ledger == chain: the vault moved by exactly what the API reports
    assert.equal(before.weth - (await balance(weth.address)), BigInt(view.filled.sellAmount));
    assert.equal((await balance(usd.address)) - before.usd, BigInt(view.filled.buyAmount));
    assert.ok(BigInt(view.filled.buyAmount) >= theIntent.minBuyAmount);

    const list = (await api.app.inject(`/v1/intents?vault=${vault}&status=filled`)).json();
    assert.ok(list.intents.some((i: { id: string }) => i.id === id));

    // The audit: every candidate at decision time, the choice and why, what was realised, regret.
    const audit = (await api.app.inject(`/v1/intents/${id}/audit`)).json();
    assert.ok(audit.decisions[0].candidates.length >= 2);
    assert.match(audit.decisions[0].why, /lowest expected total cost/);
    assert.equal(audit.execution[0].status, 'filled');
    assert.ok(audit.regret && typeof audit.regret.realisedCostBps === 'number');
    assert.ok(
      audit.regret.realisedCostBps > 0 && audit.regret.realisedCostBps < 50,
      `${audit.regret.realisedCostBps} bps`,
    );

    // A filled intent can no longer be cancelled.
    const cancel = await api.app.inject({
      method: 'DELETE',
      url: `/v1/intents/${id}`,
      payload: await cancelBody(api, id, world.accounts.keeper.privateKey),
    });
    assert.equal(cancel.statusCode, 409);
  });

  it('behavior: a keeper cancels an intent before it executes; a stranger cannot', async () => {
    const accepted = await post(await signedIntentBody(world, intent(), world.accounts.keeper.privateKey));
    const { id } = accepted.json();
    const stranger = await api.app.inject({
      method: 'DELETE',
      url: `/v1/intents/${id}`,
      payload: await cancelBody(api, id, world.accounts.searcher.privateKey),
    });
    assert.equal(stranger.statusCode, 403);
    const payload = await cancelBody(api, id, world.accounts.keeper.privateKey);
    const res = await api.app.inject({ method: 'DELETE', url: `/v1/intents/${id}`, payload });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'cancelled');
    const again = await api.app.inject({ method: 'DELETE', url: `/v1/intents/${id}`, payload });
    assert.equal(again.statusCode, 200, 'cancelling twice is harmless');
    assert.equal((await api.app.inject(`/v1/intents/${id}`)).json().status, 'cancelled');
  });

  it('behavior: GET /v1/events streams status changes as server-sent events, filtered by vault', async () => {
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = api.app.server.address() as { port: number };
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/v1/events?vault=${world.accounts.vault.address}`, {
      signal: controller.signal,
    });
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const reader = response.body?.getReader();
    assert.ok(reader);
    const accepted = await post(await signedIntentBody(world, intent(), world.accounts.keeper.privateKey));
    const { id } = accepted.json();
    let text = '';
    const until = Date.now() + 5000;
    while (!text.includes(id) && Date.now() < until) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    assert.match(text, new RegExp(`event: status\ndata: {"intentId":"${id}"[^\n]*"status":"received"`));
  });

  it('behavior: POST /v1/hedge-plans returns the policy target, band and trade with a quote', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/v1/hedge-plans',
      payload: {
        vault: world.accounts.vault.address,
        book: [{ kind: 'call', strike: 3000, expiry: 0.1, quantity: -100 }],
        spot: 3000,
        hedge: 0,
        vol: 0.6,
        policy: { policy: 'whalley-wilmott', riskAversion: 0.001, oneWayCost: 0.0005 },
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.plan.side, 'buy', 'short calls are hedged by buying the underlying');
    assert.ok(body.plan.targetHedge > 0 && body.plan.band.lower <= body.plan.targetHedge);
    assert.ok(body.quote.best, 'the trade is quoted');
    assert.ok(body.costPerUnitUsd > 0);
  });
});
