import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HedgeRouterError, isHedgeRouterError } from '@hedge-router/router';
import { RelayError, relayCall } from './flashbotsClient.js';

const fb = { relayUrl: 'http://127.0.0.1:1/relay', relayTimeoutMs: 50 };

describe('relayCall errors', () => {
  it('error: a network failure is a RelayError (UPSTREAM_FAILED) with the failure reachable with walk()', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    await assert.rejects(
      relayCall(fb, 'eth_sendBundle', async () => {
        throw refused;
      }),
      (e: unknown) => {
        assert.ok(e instanceof RelayError && e instanceof HedgeRouterError);
        assert.equal(e.kind, 'failed');
        assert.ok(isHedgeRouterError(e, 'UPSTREAM_FAILED'));
        assert.equal(
          e.message,
          `relay ${fb.relayUrl} failed eth_sendBundle: connect ECONNREFUSED 127.0.0.1:1`,
        );
        assert.equal(e.cause, refused);
        assert.equal(
          e.walk((c) => (c as { code?: unknown }).code === 'ECONNREFUSED'),
          refused,
        );
        return true;
      },
    );
  });

  it('error: a JSON-RPC error answer is a refusal (VENUE_REFUSED); no answer in time a timeout (UPSTREAM_FAILED)', async () => {
    await assert.rejects(
      relayCall(fb, 'eth_sendBundle', async () => ({ error: { message: 'bundle rejected', code: -32000 } })),
      (e: unknown) =>
        e instanceof RelayError &&
        e.kind === 'refused' &&
        isHedgeRouterError(e, 'VENUE_REFUSED') &&
        e.message === `relay ${fb.relayUrl} refused eth_sendBundle: bundle rejected (-32000)`,
    );
    await assert.rejects(
      relayCall(fb, 'eth_callBundle', () => new Promise<never>(() => undefined)),
      (e: unknown) =>
        e instanceof RelayError && e.kind === 'timeout' && isHedgeRouterError(e, 'UPSTREAM_FAILED'),
    );
  });
});
