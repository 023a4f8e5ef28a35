import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ammRouteCandidate,
  encodeSqrtRatioX96,
  fixedRateRouteCandidate,
  getTickAtSqrtRatio,
  type HedgeIntent,
  type RouteCandidate,
  type SelectRouteContext,
  timingFromAttempts,
} from '@hedge-router/router';
import type { Venue } from '@hedge-router/solvers';
import { type MarketSnapshot, planRoute } from '@hedge-router/solvers';
import type { ChainContext } from '../chain/createChainContext.js';
import { quoteResponseJson } from '../quotes/quoteResponseJson.js';
import { quoteResponse, quoteResponseBody } from './quotes.js';

// The quote route writes its 200 answer with JSON.stringify instead of zod's serializer: that is
// only right if the body already has exactly the schema's keys in the schema's order, so the
// text is the same. Checked on real decisions: a split or single plan, candidates with and
// without a quote, a venue failure, and the router's NO_ROUTE.
// What a venue observed does not enter the answer: these venues report a placeholder.
const quoted = (list: RouteCandidate[]) => ({ observation: { kind: 'public-amm' }, candidates: list });
const WETH = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2';
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
const NOW = 1_790_000_000;
const RAW_USDC_PER_RAW_WETH = 3e-9; // $3,000

const context: SelectRouteContext = {
  midPrice: RAW_USDC_PER_RAW_WETH,
  riskAversionPerBuyUnit: 1e-12,
  annualVolatility: 0.6,
  gasPriceWei: 2_000_000_000n,
  nativePriceInBuyPerWei: RAW_USDC_PER_RAW_WETH,
  fallbackDelaySeconds: 24,
  nowSeconds: NOW,
};
const market = {
  blockNumber: 1234n,
  midPrice: RAW_USDC_PER_RAW_WETH,
  wethPriceUsd: 3000,
  context,
} as MarketSnapshot;

/** A WETH/USDC pool (WETH token0) at $3,000 with one full-range position of liquidity `L`. */
function pool(liquidity: bigint) {
  const sqrtPriceX96 = encodeSqrtRatioX96(3_000_000_000n, 10n ** 18n);
  return {
    kind: 'uniswap-v3' as const,
    state: {
      sqrtPriceX96,
      tick: getTickAtSqrtRatio(sqrtPriceX96),
      liquidity,
      fee: 500,
      tickSpacing: 10,
      ticks: [
        { index: -887270, liquidityNet: liquidity },
        { index: 887270, liquidityNet: -liquidity },
      ],
    },
  };
}

const timing = timingFromAttempts({
  latencySeconds: 0,
  attemptIntervalSeconds: 12,
  inclusionProbability: 1,
  maxAttempts: 1,
});
const candidates: RouteCandidate[] = [
  ammRouteCandidate({
    id: 'public-amm:deep',
    liquiditySource: 'deep',
    pool: pool(10n ** 17n),
    zeroForOne: true,
    mempool: 'public',
    gasUnits: 125_000n,
    timing,
    searcherCost: 10n ** 15n,
  }),
  ammRouteCandidate({
    id: 'private-bundle:thin',
    liquiditySource: 'thin',
    pool: pool(10n ** 16n),
    zeroForOne: true,
    mempool: 'private',
    gasUnits: 125_000n,
    timing,
  }),
  fixedRateRouteCandidate({
    id: 'rfq:small',
    venue: 'rfq',
    liquiditySource: 'rfq',
    rate: RAW_USDC_PER_RAW_WETH * 0.999,
    feeBps: 2,
    maxSellAmount: 5n * 10n ** 18n,
    timing,
  }),
];
const venues: Venue[] = [
  { name: 'public-amm', quote: async () => quoted(candidates.slice(0, 1)) } as unknown as Venue,
  { name: 'private-bundle', quote: async () => quoted(candidates.slice(1, 2)) } as unknown as Venue,
  { name: 'rfq', quote: async () => quoted(candidates.slice(2)) } as unknown as Venue,
  { name: 'broken', quote: async () => Promise.reject(new Error('down')) } as unknown as Venue,
];

async function decide(sellWeth: bigint, limitUsdPerWeth: bigint) {
  const intent: HedgeIntent = {
    vault: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    sellToken: WETH,
    buyToken: USDC,
    sellAmount: sellWeth * 10n ** 18n,
    minBuyAmount: sellWeth * limitUsdPerWeth * 10n ** 6n,
    deadline: NOW + 300,
    nonce: 0n,
    partialFill: false,
  };
  const decision = await planRoute(
    { chain: {} as ChainContext, venues },
    {
      intent,
      intentHash: `0x${'ab'.repeat(32)}`,
      nowSeconds: NOW,
      riskAversionPerUsd: 1e-6,
      annualVolatility: 0.6,
      market,
    },
  );
  return { decision, sellAmount: intent.sellAmount.toString() };
}

async function body(sellWeth: bigint, limitUsdPerWeth: bigint) {
  const { decision, sellAmount } = await decide(sellWeth, limitUsdPerWeth);
  return quoteResponseBody(decision, 31337, sellAmount);
}

describe('the quote answer', () => {
  it('behavior: written as JSON it is the text zod writes from the schema, for plans, unavailable candidates, failures and NO_ROUTE', async () => {
    const cases = [
      await body(3n, 2_900n),
      await body(40n, 2_950n),
      await body(400n, 2_990n),
      await body(40n, 3_100n),
    ];
    assert.ok(cases[0]?.best, 'a plan');
    assert.ok(
      cases.some((c) => c.candidates.some((x) => !x.available)),
      'an unavailable candidate',
    );
    assert.equal(cases[3]?.best, null);
    assert.equal(cases[3]?.error?.code, 'NO_ROUTE');
    for (const answer of cases) {
      assert.equal(answer.venueFailures[0]?.venue, 'broken');
      assert.equal(JSON.stringify(answer), JSON.stringify(quoteResponse.encode(answer)));
    }
  });

  it('behavior: the route writes the same text directly (quoteResponseJson), for plans, unavailable candidates, failures and NO_ROUTE', async () => {
    const shapes = new Set<string>();
    for (const [sell, limit] of [
      [3n, 2_900n],
      [40n, 2_950n],
      [400n, 2_990n],
      [40n, 3_100n],
    ] as const) {
      const { decision, sellAmount } = await decide(sell, limit);
      const expected = JSON.stringify(quoteResponseBody(decision, 31337, sellAmount));
      assert.equal(quoteResponseJson(decision, 31337, sellAmount), expected);
      shapes.add(
        `${decision.plan?.legs.length ?? 'none'}:${decision.candidates.filter((c) => !c.quote).length}`,
      );
    }
    assert.ok(shapes.size >= 2, `plans of several shapes were compared: ${[...shapes].join(' ')}`);
    // Strings that need escaping, a non-finite number and an absent delay are written as JSON.stringify writes them.
    const { decision } = await decide(3n, 2_900n);
    const firstQuoted = decision.candidates.findIndex((c) => c.quote);
    assert.ok(firstQuoted >= 0);
    const odd = {
      ...decision,
      failures: [{ venue: 've"n\\ue\n', reason: 'r\u2028é' }],
      market: { ...decision.market, midPrice: Number.NaN },
      candidates: decision.candidates.map((c, i) =>
        i === firstQuoted && c.quote
          ? {
              ...c,
              reason: 'quoted "here"',
              quote: { ...c.quote, timing: { ...c.quote.timing, expectedSecondsToFill: undefined as never } },
            }
          : c,
      ),
    };
    assert.equal(quoteResponseJson(odd, 1, '7'), JSON.stringify(quoteResponseBody(odd, 1, '7')));
  });

  it('error: a body with a key the schema lacks, or keys out of order, is not the same text (the check can fail)', async () => {
    const answer = await body(3n, 2_900n);
    const extra = { ...answer, extra: 1 };
    assert.notEqual(JSON.stringify(extra), JSON.stringify(quoteResponse.encode(extra as typeof answer)));
    const { chainId, ...rest } = answer;
    assert.notEqual(JSON.stringify({ chainId, ...rest }), JSON.stringify(quoteResponse.encode(answer)));
  });
});
