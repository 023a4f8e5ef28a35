import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quoteBodyFastPath } from '../quotes/quoteBodyFastPath.js';
import { quoteBody } from './quotes.js';

// The fast path must accept only bodies zod accepts, and return zod's value for them; anything
// else goes to zod (undefined here), so the errors stay zod's.
const A = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2';
const B = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const valid = { chainId: 31337, sellToken: A, buyToken: B, sellAmount: '1000000000000000000' };

const bodies: unknown[] = [
  valid,
  { ...valid, vault: B, venues: ['public-amm', 'bundle'], riskAversionPerUsd: 1e-6, maxSlippageBps: 25 },
  { ...valid, riskAversionPerUsd: 0, maxSlippageBps: 0 },
  { ...valid, riskAversionPerUsd: 1, maxSlippageBps: 5000 },
  { ...valid, sellAmount: '9'.repeat(77) },
  { ...valid, sellAmount: '1'.padEnd(78, '0') }, // 10^77 < 2^256: valid, but left to zod
  { ...valid, sellAmount: '9'.repeat(78) }, // above 2^256
  { ...valid, sellAmount: '0' },
  { ...valid, sellAmount: '01' },
  { ...valid, sellAmount: '-1' },
  { ...valid, sellAmount: '1.5' },
  { ...valid, sellAmount: 1 },
  { ...valid, chainId: 0 },
  { ...valid, chainId: -1 },
  { ...valid, chainId: 1.5 },
  { ...valid, chainId: '31337' },
  { ...valid, chainId: 2 ** 53 },
  { ...valid, sellToken: '0x0000000000000000000000000000000000000000' },
  { ...valid, sellToken: A.slice(0, 41) },
  { ...valid, buyToken: `${B}0` },
  { ...valid, buyToken: B.replace('0x', '0X') },
  { ...valid, vault: 'nope' },
  { ...valid, vault: null },
  { ...valid, venues: [] },
  { ...valid, venues: [''] },
  { ...valid, venues: ['x'.repeat(64)] },
  { ...valid, venues: ['x'.repeat(65)] },
  { ...valid, venues: Array.from({ length: 16 }, (_, i) => `v${i}`) },
  { ...valid, venues: Array.from({ length: 17 }, (_, i) => `v${i}`) },
  { ...valid, venues: [1] },
  { ...valid, venues: 'public-amm' },
  { ...valid, riskAversionPerUsd: -0.1 },
  { ...valid, riskAversionPerUsd: 1.01 },
  { ...valid, riskAversionPerUsd: '0.1' },
  { ...valid, maxSlippageBps: 5001 },
  { ...valid, maxSlippageBps: 2.5 },
  { ...valid, maxSlippageBps: -1 },
  { ...valid, extra: 1 },
  { chainId: 31337, sellToken: A, buyToken: B },
  {},
  [],
  null,
  'body',
  42,
];

describe('quote body fast path', () => {
  it('unit: agrees with the zod schema: same value when it accepts, and it accepts only what zod accepts', () => {
    let accepted = 0;
    for (const body of bodies) {
      const fast = quoteBodyFastPath(body);
      const zod = quoteBody.safeParse(body);
      if (fast === undefined) continue;
      accepted++;
      assert.ok(zod.success, `fast path accepted what zod rejects: ${JSON.stringify(body)}`);
      assert.deepEqual(fast, zod.data, JSON.stringify(body));
    }
    assert.equal(accepted, 7, 'the valid bodies (but the 78-digit amount) take the fast path');
  });

  it('unit: the value is a copy: changing the request body afterwards does not change it', () => {
    const body = { ...valid, venues: ['public-amm'] };
    const fast = quoteBodyFastPath(body);
    body.venues.push('bundle');
    assert.deepEqual(fast?.venues, ['public-amm']);
  });
});
