import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HedgeIntent, RouteCandidate } from '@hedge-router/router';
import { quoteVenues, type Venue, type VenueQuote } from '@hedge-router/solvers';

// quoteVenues asks every venue at once under one deadline: a venue that hangs or throws costs the
// intent that venue only, never the others' candidates.
const intent = {
  vault: '0x0000000000000000000000000000000000000001',
  sellToken: '0x0000000000000000000000000000000000000002',
  buyToken: '0x0000000000000000000000000000000000000003',
  sellAmount: 1n,
  minBuyAmount: 1n,
  deadline: 2_000_000_000,
  nonce: 0n,
  partialFill: false,
} as HedgeIntent;
const candidate = (id: string) => ({ id, venue: id.split(':')[0], liquiditySource: id }) as RouteCandidate;
const venue = (name: string, quote: Venue['quote']) => ({ name, quote }) as Venue;
// A fixed-rate desk's quote: these tests are about timing, so what it observed does not matter.
const quoted = (...candidates: RouteCandidate[]) =>
  ({ observation: { kind: 'batch-auction' }, candidates }) as unknown as VenueQuote;

describe('quoteVenues', () => {
  it('robustness: a venue that never answers times out, one that throws fails; the others are kept', async () => {
    const started = Date.now();
    const result = await quoteVenues(
      [
        venue('fast', async () => quoted(candidate('fast:a'))),
        venue('hangs', () => new Promise(() => {})),
        venue('throws', () => {
          throw new Error('rpc down');
        }),
        venue('late', () => new Promise((done) => setTimeout(() => done(quoted(candidate('late:b'))), 10))),
      ],
      { intent, intentHash: `0x${'00'.repeat(32)}`, nowSeconds: 1_900_000_000 },
      { perVenueTimeoutMs: 200 },
    );
    assert.deepEqual(
      result.candidates.map((c) => c.id),
      ['fast:a', 'late:b'],
    );
    assert.deepEqual(result.failures, [
      { venue: 'hangs', reason: 'timed out after 200 ms' },
      { venue: 'throws', reason: 'rpc down' },
    ]);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 190 && elapsed < 2_000, `answered after the deadline, not before: ${elapsed} ms`);
  });

  it('behavior: returns as soon as every venue has answered, not at the deadline', async () => {
    const started = Date.now();
    const result = await quoteVenues([venue('a', async () => quoted(candidate('a:x')))], {
      intent,
      intentHash: `0x${'00'.repeat(32)}`,
      nowSeconds: 1_900_000_000,
    });
    assert.equal(result.candidates.length, 1);
    assert.ok(Date.now() - started < 1_000);
  });
});
