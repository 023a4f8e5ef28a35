import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRng, type HedgeIntent } from '@hedge-router/router';
import { startWorld, type World } from '@hedge-router/simulations';
import { parseEther, parseUnits } from 'viem';
import { ADMIN_TOKEN, type ApiHarness, signedIntentBody, startApi } from './apiFixture.js';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);

type Req = {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  payload?: string;
  headers?: Record<string, string>;
};

// Generated bad requests: every one breaks at least one rule on purpose (wrong types, huge or
// negative numbers, unknown tokens, zero addresses, far-future deadlines, oversized or invalid
// JSON, missing or extra fields, bad ids and queries). None may get a 5xx, and none may change
// the ledger.
describe('fuzz: 10,000 generated bad requests', () => {
  let world: World;
  let api: ApiHarness;
  before(async () => {
    world = await startWorld({
      descriptorPath: join(mkdtempSync(join(tmpdir(), 'hedge-fuzz-')), 'world.json'),
    });
    api = await startApi(world, { BODY_LIMIT_BYTES: '16384' });
    await api.app.inject({
      method: 'POST',
      url: '/v1/admin/keepers',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      payload: { vault: world.accounts.vault.address, keeper: world.accounts.keeper.address },
    });
  });
  after(async () => {
    await api?.close();
    await world?.stop();
  });

  it('behavior: no 5xx and no state change', async () => {
    const rng = createRng({ seed: 20261124 });
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rng.nextFloat() * items.length)] as T;
    const { weth, usd } = world.descriptor.chains.main.tokens;
    const valid: HedgeIntent = {
      vault: world.accounts.vault.address,
      sellToken: weth.address,
      buyToken: usd.address,
      sellAmount: parseEther('1'),
      minBuyAmount: parseUnits('2900', 6),
      deadline: Math.floor(Date.now() / 1000) + 600,
      nonce: 1n,
      partialFill: false,
    };
    const base = await signedIntentBody(world, valid, world.accounts.keeper.privateKey);
    const badValues: unknown[] = [
      -1,
      '-1',
      '1.5',
      '0x10',
      '',
      ' ',
      'NaN',
      null,
      true,
      [],
      {},
      '9'.repeat(100),
      2 ** 80,
      -0.5,
      '١٢٣',
      '1e18',
      '0x0000000000000000000000000000000000000000',
      '0x123',
      'x'.repeat(5000),
      Number.MAX_SAFE_INTEGER * 4,
    ];
    const unknownToken = '0x1111111111111111111111111111111111111111';
    const mutateIntent = (): unknown => {
      const intent: Record<string, unknown> = { ...base.intent };
      const body: Record<string, unknown> = { intent, signature: base.signature };
      const field = pick([
        'vault',
        'sellToken',
        'buyToken',
        'sellAmount',
        'minBuyAmount',
        'deadline',
        'nonce',
        'partialFill',
        'signature',
        'extra',
        'missing',
        'token',
        'far',
        'same',
        'zeroAmount',
      ]);
      switch (field) {
        case 'signature':
          body.signature = pick(badValues);
          break;
        case 'extra':
          intent[`x${Math.floor(rng.nextFloat() * 1000)}`] = pick(badValues);
          break;
        case 'missing':
          delete intent[pick(Object.keys(intent))];
          break;
        case 'token':
          intent[pick(['sellToken', 'buyToken'])] = unknownToken;
          break;
        case 'far':
          intent.deadline = Math.floor(Date.now() / 1000) + 10 ** (6 + Math.floor(rng.nextFloat() * 8));
          break;
        case 'same':
          intent.buyToken = intent.sellToken;
          break;
        case 'zeroAmount':
          intent.sellAmount = '0';
          break;
        default:
          intent[field] = pick(badValues);
      }
      return body;
    };
    const generators: (() => Req)[] = [
      () => ({ method: 'POST', url: '/v1/intents', payload: JSON.stringify(mutateIntent()) }),
      () => ({
        method: 'POST',
        url: '/v1/intents',
        payload: JSON.stringify(mutateIntent()).slice(0, 1 + Math.floor(rng.nextFloat() * 50)),
      }),
      () => ({
        method: 'POST',
        url: '/v1/intents',
        payload: JSON.stringify({ intent: base.intent, signature: base.signature, pad: 'p'.repeat(20_000) }),
      }),
      () => ({
        method: 'POST',
        url: '/v1/quotes',
        payload: JSON.stringify({
          chainId: pick([31337, -1, '31337', 1, 0, 2 ** 60]),
          sellToken: pick([weth.address, unknownToken, ...badValues]),
          buyToken: pick([usd.address, ...badValues]),
          sellAmount: pick(badValues),
        }),
      }),
      () => ({
        method: 'GET',
        url: `/v1/intents/${pick(['not-a-uuid', '1', '%00', 'x'.repeat(300), '00000000-0000-0000-0000-00000000000g'])}`,
      }),
      () => ({
        method: 'GET',
        url: `/v1/intents?limit=${pick(['0', '-3', '1000', 'abc'])}&status=${pick(['done', 'FILLED', ''])}`,
      }),
      () => ({
        method: 'DELETE',
        url: `/v1/intents/${pick(['nope', '00000000-0000-0000-0000-000000000000'])}`,
        payload: JSON.stringify({ signature: pick(badValues) }),
      }),
      () => ({
        method: 'POST',
        url: '/v1/hedge-plans',
        payload: JSON.stringify({
          book: pick([[], [{ kind: 'swap' }], null, [{ kind: 'call', strike: -1, expiry: 1, quantity: 1 }]]),
          spot: pick(badValues),
          hedge: 0,
          vol: pick([-1, 0, 'x']),
          policy: { policy: pick(['magic', 'band']) },
        }),
      }),
      () => ({
        method: 'POST',
        url: '/v1/admin/keepers',
        headers: { authorization: pick(['', 'Bearer nope', `Basic ${ADMIN_TOKEN}`]) },
        payload: JSON.stringify({
          vault: world.accounts.vault2.address,
          keeper: world.accounts.keeper2.address,
        }),
      }),
      () => ({ method: 'POST', url: '/v1/quotes', payload: pick(['[]', 'null', '"x"', '{{', '1e999']) }),
    ];

    const counts = async () => {
      const db = api.deps.ledger.db;
      const [intents, keepers, events] = await Promise.all(
        (['intents', 'keepers', 'events'] as const).map((table) =>
          db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow(),
        ),
      );
      return { intents: Number(intents?.n), keepers: Number(keepers?.n), events: Number(events?.n) };
    };
    const before = await counts();
    const statuses = new Map<number, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const req = pick(generators)();
      const res = await api.app.inject({
        method: req.method,
        url: req.url,
        headers: { 'content-type': 'application/json', ...(req.headers ?? {}) },
        ...(req.payload === undefined ? {} : { payload: req.payload }),
      });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      assert.ok(
        res.statusCode >= 400 && res.statusCode < 500,
        `${req.method} ${req.url} ${req.payload?.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`,
      );
      const body = res.json() as { error?: string; message?: string };
      assert.ok(body.error && body.message, 'every error names itself and says why');
    }
    assert.deepEqual(await counts(), before, 'no state changed');
    assert.ok((statuses.get(400) ?? 0) > REQUESTS / 3, `mostly 400s: ${JSON.stringify([...statuses])}`);
  });
});
