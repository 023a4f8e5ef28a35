import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toJson } from '@hedge-router/router';
import type { ObservedPool } from '../shared/observedPools.js';
import type { VenueObservation } from '../types.js';
import type { VenueEnv } from './venueEnv.js';
import { candidatesAt, createVenue, venueKinds, venueObservationSchema } from './venueModules.js';

// Each built-in venue kind's pure half: an observation survives the ledger's JSON and builds the
// same candidates again (what the audit relies on), and the registry refuses what it cannot read.
const WETH = '0x2222222222222222222222222222222222222222';
const USD = '0x3333333333333333333333333333333333333333';
const pool: ObservedPool = {
  address: '0x1111111111111111111111111111111111111111',
  token0: WETH,
  token1: USD,
  fee: 500,
  state: {
    // 3,000 USD (6 decimals) per WETH (18): sqrt(3e-9) · 2^96, and its tick
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
};
const observations: VenueObservation[] = [
  {
    kind: 'public-amm',
    venue: 'public-amm',
    chainId: 31337,
    blockNumber: 7n,
    baseFeePerGas: 10n ** 9n,
    wrappedNative: WETH,
    slippage: { mode: 'protected', minToleranceBps: 7.4 },
    attackProbability: 1,
    priorityFeeWei: 10n ** 9n,
    blockTimeSeconds: 12,
    pools: [pool],
  },
  {
    kind: 'private-bundle',
    venue: 'private-bundle',
    chainId: 31337,
    blockNumber: 7n,
    blockTimeSeconds: 12,
    inclusionProbability: 0.9,
    tipPerGasWei: 10n ** 9n,
    wrappedNative: WETH,
    pools: [pool],
  },
  {
    kind: 'batch-auction',
    venue: 'batch-auction',
    chainId: 31337,
    deepestPool: pool,
    orderbookQuote: { sellAmount: 99n * 10n ** 17n, buyAmount: 29_600_000_000n, feeAmount: 10n ** 17n },
    protocolFeeBps: 2,
    auctionIntervalSeconds: 12,
    validitySeconds: 36,
    annualVolatility: 0.6,
  },
  {
    kind: 'cross-chain',
    venue: 'cross-chain',
    destinationChainId: 31338,
    destinationSellToken: WETH,
    originBaseFeePerGas: 10n ** 9n,
    destinationBaseFeePerGas: 2n * 10n ** 9n,
    priorityFeeWei: 10n ** 9n,
    bridgeFeeBps: 4,
    timing: { expectedSecondsToFill: 12, fillProbability: 1, secondsLostOnNonFill: 60 },
    pools: [pool],
  },
];
const request = {
  intent: { sellToken: WETH, buyToken: USD, deadline: 1_790_000_300, sellAmount: 10n ** 19n },
  nowSeconds: 1_790_000_000,
} as const;
const size = { sellAmount: 10n ** 19n, limitBuyAmount: 29_000_000_000n };

describe('venue modules', () => {
  it('behavior: every built-in kind is registered', () => {
    assert.deepEqual(venueKinds().sort(), ['batch-auction', 'cross-chain', 'private-bundle', 'public-amm']);
  });

  for (const observation of observations) {
    it(`behavior: a ${observation.kind} observation read back from JSON builds the same candidates`, () => {
      const back = venueObservationSchema.parse(JSON.parse(toJson(observation)));
      assert.deepEqual(back, observation);
      const live = candidatesAt(observation, request);
      const again = candidatesAt(back, request);
      assert.ok(live.length > 0, 'the observation prices the intent');
      assert.deepEqual(
        again.map((c) => [c.id, c.liquiditySource]),
        live.map((c) => [c.id, c.liquiditySource]),
      );
      for (const [i, c] of live.entries()) {
        const quote = c.quote(size);
        assert.ok(quote, `${c.id} quotes 10 WETH`);
        assert.deepEqual(again[i]?.quote(size), quote);
      }
    });
  }

  it('behavior: cross-chain gas is priced at both chains gas prices, so an origin base fee decayed to 7 wei does not make it absurd (issue 15 #9)', () => {
    const crossChain = observations[3];
    assert.ok(crossChain?.kind === 'cross-chain');
    const decayed = { ...crossChain, originBaseFeePerGas: 7n, destinationBaseFeePerGas: 10n ** 9n };
    const [candidate] = candidatesAt(decayed, request);
    const gasUnits = candidate?.quote(size)?.gasUnits ?? 0n;
    // bridgeOut 215k + the destination's 305k at about twice the origin's price + the return 71k
    assert.ok(gasUnits > 800_000n && gasUnits < 1_000_000n, `gas ${gasUnits}`);
  });

  it('error: an observation of an unknown kind, or with a bad field, is refused naming it', () => {
    const unknown = venueObservationSchema.safeParse({ kind: 'carrier-pigeon' });
    assert.equal(unknown.success, false);
    assert.match(unknown.error?.issues[0]?.message ?? '', /no venue module of kind carrier-pigeon/);
    const bad = venueObservationSchema.safeParse({
      ...JSON.parse(toJson(observations[0])),
      blockNumber: '7.5',
    });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error?.issues[0]?.path, ['blockNumber']);
  });

  it('error: a bad venue config names the kind and the field, before anything is built', () => {
    const env = {} as VenueEnv;
    assert.throws(
      () => createVenue('private-bundle', { relayUrl: 'not a url', inclusionProbability: 0.9 }, env),
      {
        message: /venues\.private-bundle\.relayUrl/,
      },
    );
    assert.throws(() => createVenue('public-amm', { slippage: { mode: 'naive' } }, env), {
      message: /venues\.public-amm\.slippage/,
    });
    assert.throws(() => createVenue('public-amm', { slippage: { mode: 'naive', bps: 12.5 } }, env), {
      message: /venues\.public-amm\.slippage\.bps/,
    });
  });
});
