import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedRateRouteCandidate, hedgeIntentTypedData } from '@hedge-router/router';
import {
  auditRecords,
  engineChainOf,
  ledgerAuditRecords,
  startWorld,
  venueEnv,
  type World,
} from '@hedge-router/simulations';
import {
  candidatesAt,
  createMemoryLedger,
  createVenue,
  legId,
  registerVenueModule,
  runIntent,
  type Venue,
} from '@hedge-router/solvers';
import { hashTypedData, keccak256, stringToHex } from 'viem';
import { z } from 'zod';

// "Adding a venue" (docs/venues.md), proved: a venue kind defined in this one file (an RFQ desk
// quoting a fixed rate) is registered, built by createVenue from a validated config, quoted,
// chosen and run by the engine's lifecycle, recorded, and re-priced by the audit from its
// recorded observation. Nothing else in the repository names it.

type DeskObservation = {
  kind: 'rfq-desk';
  venue: string;
  rate: number;
  feeBps: number;
  maxSellAmount: bigint;
};
declare module '@hedge-router/solvers' {
  interface VenueObservations {
    'rfq-desk': DeskObservation;
  }
}

const deskConfig = z
  .object({
    rate: z.number().positive(),
    feeBps: z.number().min(0),
    maxSellAmount: z.bigint(),
    // A desk that takes the order but never fills it (its quote was stale): the engine falls back.
    neverFills: z.boolean().optional(),
  })
  .strict();
const deskFills: string[] = [];

registerVenueModule({
  kind: 'rfq-desk',
  configSchema: deskConfig,
  observationSchema: z.object({
    kind: z.literal('rfq-desk'),
    venue: z.string(),
    rate: z.number(),
    feeBps: z.number(),
    maxSellAmount: z.union([z.string(), z.bigint()]).transform(BigInt),
  }),
  candidatesAt: (o) => [
    fixedRateRouteCandidate({
      id: `${o.venue}:quote`,
      venue: o.venue,
      liquiditySource: o.venue,
      rate: o.rate,
      feeBps: o.feeBps,
      maxSellAmount: o.maxSellAmount,
      timing: { expectedSecondsToFill: 2, fillProbability: 1, secondsLostOnNonFill: 2 },
    }),
  ],
  create: (config, env): Venue => {
    const { neverFills, ...terms } = config;
    const observation: DeskObservation = { kind: 'rfq-desk', venue: 'rfq-desk', ...terms };
    return {
      name: 'rfq-desk',
      kind: 'rfq-desk',
      // Quoted through the registry's candidatesAt, as the audit re-prices it.
      quote: async (request) => ({
        observation,
        candidates: candidatesAt(observation, { intent: request.intent, nowSeconds: request.nowSeconds }),
      }),
      // The desk's own settlement is outside this test: it answers with the fill it would make.
      async submit(leg) {
        const id = legId(leg.intentHash, leg.legIndex);
        deskFills.push(id);
        return {
          venue: 'rfq-desk',
          candidateId: leg.leg.candidateId,
          legId: id,
          txHash: keccak256(stringToHex(`desk:${id}`)),
          signedTransaction: '0x',
          submittedAtBlock: (await env.client.getBlockNumber()).toString(),
        };
      },
      async track(submission, leg) {
        if (neverFills) return { status: 'not-included', reason: 'the desk withdrew its quote' };
        return {
          status: 'filled',
          reconciliation: {
            status: 'filled',
            txHash: submission.txHash,
            blockNumber: BigInt(submission.submittedAtBlock),
            sellAmount: leg.leg.sellAmount,
            buyAmount: leg.leg.quote.expectedBuyAmount,
            gasUsed: 0n,
            gasCostWei: 0n,
            slippageVsQuoteBps: 0,
            slippageVsMidBps: 0,
            sandwich: { detected: false },
            balancesMatch: true,
            balanceDeltas: { sell: -leg.leg.sellAmount, buy: leg.leg.quote.expectedBuyAmount },
          },
        };
      },
    };
  },
});

describe('adding a venue', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ descriptorPath: null });
  });
  after(async () => {
    await world?.stop();
  });

  /** The vault sells `sellAmount` wei of WETH (limit 3% below the mid) through the engine, on a memory ledger. */
  async function sellThroughEngine(venues: Venue[], sellAmount: bigint, nonce: bigint) {
    const ledger = createMemoryLedger();
    const { tokens, chainId } = world.descriptor.chains.main;
    const usdRawPerWei = (world.descriptor.wethPriceUsd * 1e6) / 1e18;
    const intent = {
      vault: world.accounts.vault.address,
      sellToken: tokens.weth.address,
      buyToken: tokens.usd.address,
      sellAmount,
      minBuyAmount: BigInt(Math.floor(Number(sellAmount) * usdRawPerWei * 0.97)),
      deadline: Math.floor(Date.now() / 1000) + 300,
      nonce,
      partialFill: false,
    };
    const record = ledger.insertIntent({
      chainId,
      intentHash: hashTypedData(hedgeIntentTypedData({ intent, chainId })),
      intent,
      signature: '0x',
      signer: world.accounts.keeper.address,
    });
    await runIntent(
      {
        chain: engineChainOf(world),
        venues,
        ledger,
        pricing: { riskAversionPerUsd: 1e-6, annualVolatility: 0.6 },
        clock: () => new Date(),
        log: { info: () => undefined, warn: () => undefined },
        keepLease: async () => true,
      },
      record,
    );
    return { ledger, record };
  }

  it('behavior: a venue kind registered in one file is built, chosen, executed by the engine and re-priced by the audit', async () => {
    const env = venueEnv({ world });
    // 1.0005 × the world's $3,000 mid less 2 bps: better than any pool for 50 WETH.
    const usdRawPerWei = (world.descriptor.wethPriceUsd * 1e6) / 1e18;
    const venues = [
      createVenue('public-amm', { slippage: { mode: 'protected' } }, env),
      createVenue(
        'rfq-desk',
        { rate: usdRawPerWei * 1.0005, feeBps: 2, maxSellAmount: 100n * 10n ** 18n },
        env,
      ),
    ];
    assert.throws(
      () => createVenue('rfq-desk', { rate: -1, feeBps: 2, maxSellAmount: 1n }, env),
      /venues\.rfq-desk\.rate/,
      'a bad config names the venue and the field',
    );
    const { ledger, record } = await sellThroughEngine(venues, 50n * 10n ** 18n, 1n);
    const final = ledger.getIntent(record.id);
    assert.equal(final?.status, 'filled', final?.statusReason ?? '');
    const submissions = await ledger.listSubmissions(record.id);
    assert.deepEqual(
      submissions.map((s) => s.venue),
      ['rfq-desk'],
    );
    assert.deepEqual(deskFills, [legId(record.intentHash, 0)]);
    const decisions = await ledger.listDecisions(record.id);
    const decision = decisions[0]?.decision;
    assert.ok(decision?.kind === 'route');
    assert.deepEqual(decision.observations.map((o) => o.kind).sort(), ['public-amm', 'rfq-desk']);

    // The audit re-prices the desk from its recorded observation: the same plan, at its prediction.
    const { records } = ledgerAuditRecords([{ intent: final!, decisions, submissions }]);
    const report = auditRecords(
      records.map((raw) => ({ raw: JSON.parse(JSON.stringify(raw)), where: 'desk' })),
    );
    const audit = report.intents[0];
    assert.ok(audit);
    assert.deepEqual(audit.chosen, ['rfq-desk:quote']);
    assert.deepEqual(audit.best.candidateIds, ['rfq-desk:quote']);
    assert.ok(Math.abs(audit.regretBps) < 0.5, `regret ${audit.regretBps} bps`);
  });

  it('behavior: a leg the desk does not fill falls back to the next-best venue, and the fallback is recorded with why', async () => {
    const env = venueEnv({ world });
    const usdRawPerWei = (world.descriptor.wethPriceUsd * 1e6) / 1e18;
    const venues = [
      createVenue('public-amm', { slippage: { mode: 'protected' } }, env),
      createVenue(
        'rfq-desk',
        { rate: usdRawPerWei * 1.0005, feeBps: 2, maxSellAmount: 100n * 10n ** 18n, neverFills: true },
        env,
      ),
    ];
    const { ledger, record } = await sellThroughEngine(venues, 5n * 10n ** 18n, 2n);
    assert.equal(ledger.getIntent(record.id)?.status, 'filled');
    const submissions = await ledger.listSubmissions(record.id);
    assert.deepEqual(
      submissions.map((a) => [a.venue, a.status]),
      [
        ['rfq-desk', 'not_included'],
        ['public-amm', 'filled'],
      ],
    );
    const decisions = (await ledger.listDecisions(record.id)).map((d) => d.decision);
    assert.equal(decisions.length, 2);
    const [first, fallback] = decisions;
    assert.ok(first?.kind === 'route' && !first.fallback);
    assert.equal(first.plan?.legs[0]?.venue, 'rfq-desk');
    assert.ok(fallback?.kind === 'route' && fallback.fallback);
    assert.equal(fallback.fallback.legIndex, 0);
    assert.match(
      fallback.fallback.why,
      /rfq-desk:quote did not fill: not-included: the desk withdrew its quote/,
    );
    assert.equal(fallback.plan?.legs[0]?.venue, 'public-amm');
    // Both attempts are in the intent's event stream, in order.
    assert.deepEqual(
      ledger
        .events(record.id)
        .filter((e) => e.status === 'submitted')
        .map((e) => e.detail.venue),
      ['rfq-desk', 'public-amm'],
    );
    // The audit prices the intent's plan (the first decision), and counts what the fallback cost.
    const final = ledger.getIntent(record.id);
    assert.ok(final);
    const { records } = ledgerAuditRecords([
      { intent: final, decisions: await ledger.listDecisions(record.id), submissions },
    ]);
    assert.deepEqual(records[0]?.chosen.candidateIds, ['rfq-desk:quote']);
    assert.ok((records[0]?.realised.costBps.gas ?? 0) > 0, 'the public swap paid gas');
  });
});
