import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { buildApp, ConfigError, loadConfig, REDACTED_PATHS } from '@hedge-router/api';
import { startWorld, type World } from '@hedge-router/simulations';
import pino from 'pino';
import { ADMIN_TOKEN, type ApiHarness, startApi } from './apiFixture.js';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

describe('security and robustness', () => {
  let world: World;
  let api: ApiHarness;
  before(async () => {
    world = await startWorld({
      descriptorPath: join(mkdtempSync(join(tmpdir(), 'hedge-sec-')), 'world.json'),
    });
    api = await startApi(world, { RATE_LIMIT_PER_MINUTE: '5', BODY_LIMIT_BYTES: '2048' });
  });
  after(async () => {
    await api?.close();
    await world?.stop();
  });

  it('error: a client over its rate limit gets 429 RATE_LIMITED with Retry-After, naming the limit; health, readiness and metrics are never limited', async () => {
    const get = (url: string, remoteAddress = '10.1.1.1') => api.app.inject({ url, remoteAddress });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await get('/v1/intents?limit=1')).statusCode);
    assert.deepEqual(statuses.slice(0, 5), [200, 200, 200, 200, 200]);
    const limited = await get('/v1/intents?limit=1');
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error, 'RATE_LIMITED', 'issue 15 #8: the code was BAD_REQUEST');
    assert.ok(Number(limited.headers['retry-after']) > 0, `Retry-After: ${limited.headers['retry-after']}`);
    assert.match(limited.json().message, /rate limit of 5 requests per minute/);
    // The same client can still be watched: operations endpoints are exempt.
    for (const url of ['/health', '/ready', '/metrics']) assert.equal((await get(url)).statusCode, 200, url);
    // another client is not affected
    assert.equal((await get('/v1/intents?limit=1', '10.1.1.2')).statusCode, 200);
  });

  it('error: an oversized body gets 413 and invalid JSON gets 400, never 500', async () => {
    const big = await api.app.inject({
      method: 'POST',
      url: '/v1/intents',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ pad: 'x'.repeat(4096) }),
      remoteAddress: '10.2.0.1',
    });
    assert.equal(big.statusCode, 413);
    const broken = await api.app.inject({
      method: 'POST',
      url: '/v1/intents',
      headers: { 'content-type': 'application/json' },
      payload: '{"intent": ',
      remoteAddress: '10.2.0.2',
    });
    assert.equal(broken.statusCode, 400);
    assert.ok(broken.json().message.length > 0);
  });

  it('behavior: private keys, tokens and signatures never reach the logs', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino(
      {
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        serializers: {
          req: (req: { method: string; url: string; headers: unknown }) => ({
            method: req.method,
            url: req.url,
            headers: req.headers,
          }),
        },
      },
      sink,
    );
    const secretKey = world.accounts.executor.privateKey;
    const config = loadConfig({
      ADMIN_TOKEN,
      OPERATOR_PRIVATE_KEY: secretKey,
      RELAY_AUTH_PRIVATE_KEY: secretKey,
    });
    logger.info({ config }, 'starting');
    logger.info({ account: { address: world.accounts.executor.address, privateKey: secretKey } }, 'operator');
    logger.info({ body: { signature: `0x${'ab'.repeat(65)}` } }, 'intent');
    const app = await buildApp(api.deps, { loggerInstance: logger, disableRequestLogging: false });
    await app.inject({ url: '/health', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    await app.close();
    const out = lines.join('');
    assert.ok(out.includes('[redacted]'));
    assert.ok(!out.includes(ADMIN_TOKEN), 'no admin token');
    assert.ok(!out.toLowerCase().includes(secretKey.slice(2).toLowerCase()), 'no private key');
    assert.ok(!out.includes('ab'.repeat(65)), 'no signature');
    assert.ok(out.includes('"url":"/health"'), 'the request itself is logged');
  });

  it('error: bad configuration is refused at start-up with the variable and the reason', async () => {
    assert.throws(
      () =>
        loadConfig({
          ADMIN_TOKEN: 'short',
          PORT: 'eighty',
          SHUTDOWN_DRAIN_MS: '-1',
          RELAY_TIMEOUT_MS: '50',
          RELAY_MAX_FAILURES: '0',
        }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, /ADMIN_TOKEN: must be at least 16 characters/);
        assert.match(e.message, /PORT/);
        assert.match(e.message, /SHUTDOWN_DRAIN_MS/);
        assert.match(e.message, /RELAY_TIMEOUT_MS: .*100/);
        assert.match(e.message, /RELAY_MAX_FAILURES: .*1/);
        return true;
      },
    );
    const defaults = loadConfig({ ADMIN_TOKEN: ADMIN_TOKEN });
    assert.equal(defaults.RELAY_TIMEOUT_MS, 5_000);
    assert.equal(defaults.RELAY_MAX_FAILURES, 3);
    assert.equal(loadConfig({ ADMIN_TOKEN, RELAY_TIMEOUT_MS: '750' }).RELAY_TIMEOUT_MS, 750);
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'api', 'src', 'server.ts')], {
      env: { PATH: process.env.PATH, ADMIN_TOKEN: 'short' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /invalid configuration:\n\s+ADMIN_TOKEN: must be at least 16 characters/);
  });
});
