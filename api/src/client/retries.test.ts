import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HedgeRouterApiError } from './errors.js';
import { createHedgeRouterClient } from './index.js';

// A rate-limited or restarting API asks the client to come back later (issue 15 #8: the demo
// keeper lost track of a fill in a burst of 429s). Answers are scripted through the fetch hook.
function scripted(answers: { status: number; retryAfter?: string; body: unknown }[]) {
  const calls: number[] = [];
  const fetch = (async () => {
    const a = answers[Math.min(calls.length, answers.length - 1)] as (typeof answers)[number];
    calls.push(Date.now());
    return new Response(JSON.stringify(a.body), {
      status: a.status,
      headers: {
        'content-type': 'application/json',
        ...(a.retryAfter ? { 'retry-after': a.retryAfter } : {}),
      },
    });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const limited = { status: 429, retryAfter: '0', body: { error: 'RATE_LIMITED', message: 'slow down' } };
const down = { status: 503, body: { error: 'UNAVAILABLE', message: 'the chain did not answer' } };

describe('client retries', () => {
  it('behavior: a 429 with Retry-After is sent again after it, and the answer that follows is returned', async () => {
    const { fetch, calls } = scripted([limited, limited, { status: 200, body: { status: 'ok' } }]);
    const client = createHedgeRouterClient({ baseUrl: 'http://api.test', chainId: 31337, fetch });
    assert.deepEqual(await client.health(), { status: 'ok' });
    assert.equal(calls.length, 3);
  });

  it('error: a 503 that lasts is given up after the retries (doubling delays), as the API error', async () => {
    const { fetch, calls } = scripted([down]);
    const client = createHedgeRouterClient({ baseUrl: 'http://api.test', chainId: 31337, fetch, retries: 2 });
    const started = Date.now();
    await assert.rejects(client.health(), (error: unknown) => {
      assert.ok(error instanceof HedgeRouterApiError);
      assert.equal(error.status, 503);
      assert.equal(error.code, 'UNAVAILABLE');
      return true;
    });
    assert.equal(calls.length, 3, 'the first try and two retries');
    assert.ok(Date.now() - started >= 700, 'waited 250 + 500 ms between them');
  });

  it('behavior: other errors are not retried', async () => {
    const { fetch, calls } = scripted([{ status: 422, body: { error: 'UNPROCESSABLE', message: 'no' } }]);
    const client = createHedgeRouterClient({ baseUrl: 'http://api.test', chainId: 31337, fetch });
    await assert.rejects(client.health(), HedgeRouterApiError);
    assert.equal(calls.length, 1);
  });
});
