import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RouteLeg, toJson } from '@hedge-router/router';
import { candidatesAt } from '../venues/registry/venueModules.js';
import type { VenueObservation } from '../venues/types.js';
import { decisionColumns, decodeDecision } from './decisionColumns.js';
import type { RecordedDecision } from './ledgerRecords.js';
import { attemptOutcomeSchema, routeLegSchema } from './recordSchemas.js';

const stage = (amount: bigint, bps: number) => ({ amount, bps });
const leg: RouteLeg = {
  candidateId: 'public-amm:31337:0xpool',
  venue: 'public-amm',
  liquiditySource: 'uniswap-v3:31337:0xpool',
  sellAmount: 123_456_789_012_345_678_901n,
  quote: {
    sellAmount: 123_456_789_012_345_678_901n,
    expectedBuyAmount: 370_000_000_000n,
    minBuyAmount: 369_000_000_000n,
    feesInBuy: 185_000_000n,
    gasUnits: 125_000n,
    mevLeakageInBuy: 0n,
    timing: { expectedSecondsToFill: 12, fillProbability: 1, secondsLostOnNonFill: 12 },
    revertTolerance: 0.0027,
  },
  cost: {
    priceImpact: stage(-12n, -0.5),
    fees: stage(185_000_000n, 5),
    gas: stage(750_000n, 0.02),
    mevLeakage: stage(0n, 0),
    delayRisk: stage(1n, 0.0001),
    fillRisk: stage(0n, 0),
    total: stage(185_749_989n, 5.0201),
  },
};

// Read back the way a ledger stores it: JSON text with bigints as decimal strings.
const stored = (value: unknown) => JSON.parse(toJson(value)) as unknown;

describe('ledger records', () => {
  it('behavior: a leg survives the JSON round trip exactly, bigints above 2^53 and negative stages included', () => {
    assert.deepEqual(routeLegSchema.parse(stored(leg)), leg);
  });

  it('behavior: a route decision and a netting decision decode to what was recorded; a recorded observation re-prices to the same quote', () => {
    const pool = {
      address: '0x1111111111111111111111111111111111111111',
      token0: '0x2222222222222222222222222222222222222222',
      token1: '0x3333333333333333333333333333333333333333',
      fee: 500,
      state: {
        sqrtPriceX96: 4_339_505_179_874_779_662_909_440n,
        tick: -196_257,
        liquidity: 10n ** 22n,
        fee: 500,
        tickSpacing: 10,
        ticks: [
          { index: -887_270, liquidityNet: 10n ** 22n },
          { index: 887_270, liquidityNet: -(10n ** 22n) },
        ],
      },
    } as const;
    const observation: VenueObservation = {
      kind: 'public-amm',
      venue: 'public-amm',
      chainId: 31337,
      blockNumber: 42n,
      baseFeePerGas: 10n ** 9n,
      wrappedNative: pool.token0,
      slippage: { mode: 'protected', minToleranceBps: 5 },
      attackProbability: 1,
      priorityFeeWei: 10n ** 9n,
      blockTimeSeconds: 12,
      pools: [{ ...pool, state: { ...pool.state, ticks: [...pool.state.ticks] } }],
    };
    const route: RecordedDecision = {
      observations: [observation],
      kind: 'route',
      market: {
        blockNumber: 42n,
        midPrice: 3e-9,
        wethPriceUsd: 3000,
        context: {
          midPrice: 3e-9,
          riskAversionPerBuyUnit: 1e-12,
          annualVolatility: 0.6,
          gasPriceWei: 2_000_000_000n,
          nativePriceInBuyPerWei: 3e-9,
          fallbackDelaySeconds: 24,
          nowSeconds: 1_790_000_000,
        },
        pools: [
          {
            address: '0x1111111111111111111111111111111111111111',
            token0: '0x2222222222222222222222222222222222222222',
            token1: '0x3333333333333333333333333333333333333333',
            fee: 500,
            state: {
              sqrtPriceX96: 4_339_505_179_874_779_489_431_521_786n,
              tick: -193_000,
              liquidity: 10n ** 22n,
              fee: 500,
              tickSpacing: 10,
              ticks: [{ index: -193_010, liquidityNet: -(10n ** 21n) }],
            },
          },
        ],
      },
      candidates: [{ id: leg.candidateId, venue: leg.venue, available: false, reason: 'limit' }],
      plan: {
        legs: [leg],
        cost: leg.cost,
        expectedBuyAmount: 370_000_000_000n,
        minBuyAmount: 369_000_000_000n,
      },
      error: null,
      failures: [{ venue: 'private-bundle', reason: 'timed out after 2000 ms' }],
    };
    const netting: RecordedDecision = {
      kind: 'netting',
      with: 'other-id',
      mid: { n: 3n, d: 10n ** 9n },
      leg,
    };
    for (const decision of [route, netting]) {
      const c = decisionColumns(decision);
      const back = decodeDecision({
        context: stored(c.context),
        candidates: stored(c.candidates),
        plan: stored(c.plan),
        failures: stored(c.failures),
      });
      assert.deepEqual(back, decision);
    }
    // The audit's re-pricing: the decoded observation gives the candidate the venue quoted.
    const back = decodeDecision(
      Object.fromEntries(
        Object.entries(decisionColumns(route)).map(([k, v]) => [k, stored(v)]),
      ) as ReturnType<typeof decisionColumns>,
    );
    assert.equal(back.kind, 'route');
    const request = {
      intent: { sellToken: pool.token0, buyToken: pool.token1, deadline: 2e9, sellAmount: 10n ** 20n },
      nowSeconds: 1.79e9,
    };
    const [original] = candidatesAt(observation, request);
    const [again] =
      back.kind === 'route' && back.observations[0] ? candidatesAt(back.observations[0], request) : [];
    const size = { sellAmount: 10n ** 20n, limitBuyAmount: 1n };
    assert.ok(original?.quote(size));
    assert.deepEqual(again?.quote(size), original?.quote(size));
  });

  it('error: a malformed record is refused, naming the field', () => {
    const bad = stored({ ...leg, sellAmount: '12.5' }) as Record<string, unknown>;
    const parsed = routeLegSchema.safeParse(bad);
    assert.equal(parsed.success, false);
    assert.deepEqual(parsed.error?.issues[0]?.path, ['sellAmount']);
    assert.equal(
      attemptOutcomeSchema.safeParse({ status: 'filled' }).success,
      false,
      'a fill needs its reconciliation',
    );
  });
});
