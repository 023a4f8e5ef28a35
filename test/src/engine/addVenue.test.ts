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
  .object({ rate: z.number().positive(), feeBps: z.number().min(0), maxSellAmount: z.bigint() })
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
    const observation: DeskObservation = { kind: 'rfq-desk', venue: 'rfq-desk', ...config };
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
    const ledger = createMemoryLedger();
    const { tokens, chainId } = world.descriptor.chains.main;
    const nowSeconds = Math.floor(Date.now() / 1000);
    const sellAmount = 50n * 10n ** 18n;
    const intent = {
      vault: world.accounts.vault.address,
      sellToken: tokens.weth.address,
      buyToken: tokens.usd.address,
      sellAmount,
      minBuyAmount: BigInt(Math.floor(Number(sellAmount) * usdRawPerWei * 0.97)),
      deadline: nowSeconds + 300,
      nonce: 1n,
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
});
