import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  costAt,
  createNettingWindow,
  crossOppositeIntents,
  type HedgeIntent,
  hedgeIntentTypedData,
  type RoutePlan,
  type SelectRouteContext,
  selectRoute,
} from '@hedge-router/router';
import {
  deriveBridgeAttester,
  type IntentBridge,
  type Orderbook,
  type Relay,
  type SandwichSearcher,
  startIntentBridge,
  startOrderbook,
  startRelay,
  startSandwichSearcher,
  startWorld,
  type World,
} from '@hedge-router/simulations';
import {
  createBatchAuctionVenue,
  createBundleVenue,
  createPublicAmmVenue,
  quoteVenues,
  readV3PoolState,
  settleCross,
  type TrackOutcome,
  type Venue,
  type VenueLeg,
  venueOfCandidate,
} from '@hedge-router/solvers';
import { formatEther, hashTypedData, parseEther, parseUnits } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { crossChainVenue, DEFAULT_BRIDGE_TERMS } from './crossChainFixture.js';
import { costContext, execute, poolRefs, wethSellIntent } from './venuesFixture.js';

type Request = ReturnType<typeof wethSellIntent>;

// The router's choice among ALL venues (protected public, bundle, batch auction, cross-chain)
// plus netting, on the local world with every outside service running: the relay builds the
// main chain's blocks (one every 200 ms), the sandwich searcher watches its mempool, the CoW
// orderbook and the intent bridge serve their venues. Each case sets up the situation a venue is
// for, lets the router choose from everything, executes and reconciles the plan, and checks
// that what it really cost is below what every other venue predicted for the same hedge.
describe('venue choice: each venue wins where the cost model says it should', () => {
  let world: World;
  let relay: Relay | undefined;
  let searcher: SandwichSearcher | undefined;
  let book: Orderbook | undefined;
  let bridge: IntentBridge | undefined;

  const stopServices = async () => {
    await Promise.all([relay?.stop(), searcher?.stop(), book?.stop(), bridge?.stop()]);
    relay = searcher = book = bridge = undefined;
  };
  before(async () => {
    world = await startWorld({ descriptorPath: null });
  });
  after(async () => {
    await stopServices();
    await world?.stop();
  });
  beforeEach(async () => {
    await stopServices();
    const main = world.chains.main;
    await main.blocks.setMode({ mode: 'auto' });
    await world.reset();
    relay = await startRelay({ chain: main, inclusionProbability: 0.9 });
    searcher = await startSandwichSearcher({ chain: main, account: world.accounts.searcher });
    book = await startOrderbook({
      chain: main,
      solverPrivateKey: world.accounts.solver.privateKey,
      auctionIntervalMs: null,
    });
    bridge = startIntentBridge({
      chains: [main, world.chains.remote],
      relayer: world.accounts.relayer,
      attester: deriveBridgeAttester(world.descriptor.mnemonic),
      latencyMs: 100,
      minFeeBps: DEFAULT_BRIDGE_TERMS.feeBps,
      pollIntervalMs: 20,
    });
    await main.blocks.setMode({ mode: 'manual', intervalMs: 200 });
  });

  /** Every venue, as the service wires them. */
  const allVenues = (): Venue[] => {
    const main = world.chains.main;
    const d = main.descriptor;
    assert.ok(relay && book && d.cow);
    const common = {
      chainId: d.chainId,
      client: main.clients.public,
      operator: main.clients.wallet(privateKeyToAccount(world.accounts.executor.privateKey)),
      executor: d.executor.address,
      pools: poolRefs(world),
      blockTimeSeconds: 1,
      pollIntervalMs: 20,
    };
    return [
      createPublicAmmVenue({ ...common, wrappedNative: d.tokens.weth.address }),
      createBundleVenue({
        ...common,
        rpcUrl: d.rpcUrl,
        relayUrl: relay.url,
        relayAuthKey: world.accounts.relayer.privateKey,
        inclusionProbability: 0.9,
        wrappedNative: d.tokens.weth.address,
      }),
      createBatchAuctionVenue({
        ...common,
        settlement: d.cow.settlement,
        orderbookUrl: book.url,
        auctionIntervalSeconds: 2,
      }),
      crossChainVenue(world),
    ];
  };

  /** Quotes every venue (none may fail) and selects, in the given cost context. */
  const decide = async (venues: Venue[], request: Request, ctx: SelectRouteContext) => {
    const { candidates, failures } = await quoteVenues(
      venues,
      { ...request, nowSeconds: ctx.nowSeconds },
      { perVenueTimeoutMs: 30_000 },
    );
    assert.deepEqual(failures, []);
    const plan = selectRoute(ctx, { intent: request.intent, candidates });
    // What each venue alone predicted for the whole hedge: its best plan with only its candidates.
    const alone = new Map<string, bigint>();
    for (const venue of venues) {
      const own = candidates.filter((c) => c.id.startsWith(`${venue.name}:`));
      try {
        alone.set(
          venue.name,
          selectRoute(ctx, { intent: request.intent, candidates: own }).cost.total.amount,
        );
      } catch {
        // NO_ROUTE: this venue cannot take the hedge at its limit; it predicted nothing.
      }
    }
    return { plan, candidates, alone };
  };

  /**
   * What the executed plan really cost (buy units): the arrival mid value of what was sold, less
   * what the vault received, plus the gas the operator paid, at the decision's mid. Every leg
   * must have filled and reconciled (the vault's balances moved by exactly the fill).
   */
  const realisedCost = (ctx: SelectRouteContext, plan: RoutePlan, outcomes: TrackOutcome[]) => {
    assert.equal(outcomes.length, plan.legs.length);
    let cost = 0n;
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'filled', outcome.status === 'not-included' ? outcome.reason : '');
      if (outcome.status !== 'filled') continue;
      const r = outcome.reconciliation;
      assert.equal(r.balancesMatch, true, `leg ${r.txHash} reconciles`);
      assert.equal(r.sandwich.detected, false, `leg ${r.txHash} not sandwiched`);
      const midValue = BigInt(Math.round(Number(r.sellAmount) * ctx.midPrice));
      const gas = BigInt(Math.round(Number(r.gasCostWei) * ctx.nativePriceInBuyPerWei));
      cost += midValue - r.buyAmount + gas;
    }
    return cost;
  };
  const bps = (ctx: SelectRouteContext, request: Request, amount: bigint) =>
    ((Number(amount) / (Number(request.intent.sellAmount) * ctx.midPrice)) * 10_000).toFixed(2);
  const describeAlone = (ctx: SelectRouteContext, request: Request, alone: Map<string, bigint>) =>
    [...alone].map(([venue, cost]) => `${venue} ${bps(ctx, request, cost)}`).join(', ');

  /** The realised cost beats every venue's own prediction except the ones in `chosen`. */
  const assertBeatsOthers = (realised: bigint, alone: Map<string, bigint>, chosen: string[]) => {
    const others = [...alone].filter(([venue]) => !chosen.includes(venue));
    assert.ok(others.length > 0, 'other venues quoted');
    for (const [venue, predicted] of others)
      assert.ok(realised < predicted, `realised ${realised} < ${venue}'s predicted ${predicted}`);
  };

  it('behavior: a small hedge no sandwich pays for goes to the protected public route (cheapest gas, no relay or auction wait)', async (t) => {
    const venues = allVenues();
    const request = wethSellIntent(world, parseEther('5'));
    const ctx = await costContext(world);
    const { plan, alone } = await decide(venues, request, ctx);
    assert.deepEqual(
      plan.legs.map((l) => l.venue),
      ['public-amm'],
    );
    const [leg] = plan.legs;
    assert.ok(leg);
    assert.equal(leg.quote.mevLeakageInBuy, 0n);
    assert.equal(leg.quote.details?.sandwichProfitable, false, 'no sandwich pays at the limit');
    const outcomes = await execute(venues, request, plan);
    const realised = realisedCost(ctx, plan, outcomes);
    t.diagnostic(
      `5 WETH → public-amm: realised ${bps(ctx, request, realised)} bps; each venue alone predicted ${describeAlone(ctx, request, alone)} bps`,
    );
    assertBeatsOthers(realised, alone, ['public-amm']);
    assert.equal(searcher?.attacks.length, 0);
  });

  it('behavior: on the main chain, a large hedge a public route would get sandwiched on goes to a bundle', async (t) => {
    // Without the remote pool: with it (its gas priced at the two chains' gas prices, not at the
    // ratio of their decayed base fees) the router moves part of the hedge cross-chain, and the
    // rest is small enough for the protected public bound.
    const venues = allVenues().filter((v) => v.kind !== 'cross-chain');
    const request = wethSellIntent(world, parseEther('160'));
    const ctx = await costContext(world);
    const { plan, candidates, alone } = await decide(venues, request, ctx);
    // The situation: at this size the break-even bound leaves less room than an ordinary price
    // move over a block, so the public quote carries the sandwich its limit allows.
    const publicDeepest = candidates.find(
      (c) => c.id === plan.legs[0]?.candidateId.replace(/^[^:]+/, 'public-amm'),
    );
    assert.ok(publicDeepest, `plan: ${plan.legs.map((l) => `${l.candidateId} ${l.sellAmount}`).join(', ')}`);
    const publicCost = costAt(ctx, {
      candidate: publicDeepest,
      sellAmount: request.intent.sellAmount,
      intentSellAmount: request.intent.sellAmount,
      intentMinBuyAmount: request.intent.minBuyAmount,
    });
    assert.ok(publicCost.quote && publicCost.quote.mevLeakageInBuy > 0n, 'the public route is exposed');
    assert.deepEqual(
      plan.legs.map((l) => l.venue),
      ['private-bundle'],
    );
    const outcomes = await execute(venues, request, plan);
    const realised = realisedCost(ctx, plan, outcomes);
    t.diagnostic(
      `160 WETH → private-bundle: realised ${bps(ctx, request, realised)} bps; the public route's predicted MEV leakage ${bps(ctx, request, publicCost.quote.mevLeakageInBuy)} bps; each venue alone predicted ${describeAlone(ctx, request, alone)} bps`,
    );
    assertBeatsOthers(realised, alone, ['private-bundle']);
    assert.equal(searcher?.attacks.length, 0);
  });

  it('behavior: a hedge with an opposite order resting in the CoW book goes to the batch auction and settles against it', async (t) => {
    const venues = allVenues();
    const batch = venues.find((v) => v.name === 'batch-auction');
    assert.ok(batch && book);
    const { tokens, chainId } = world.descriptor.chains.main;
    // Another trader (vault2) has a USDC→WETH order resting in the book.
    const usdAmount = parseUnits('30000', 6);
    const oppositeIntent: HedgeIntent = {
      vault: world.accounts.vault2.address,
      sellToken: tokens.usd.address,
      buyToken: tokens.weth.address,
      sellAmount: usdAmount,
      minBuyAmount: parseEther('9.7'),
      deadline: Math.floor(Date.now() / 1000) + 120,
      nonce: 900n,
      partialFill: false,
    };
    const opposite = {
      intent: oppositeIntent,
      intentHash: hashTypedData(hedgeIntentTypedData({ intent: oppositeIntent, chainId })),
      arrivalMidBuyAmount: parseEther('10'),
    };
    const flipped = await costContext(world);
    const usdCtx: SelectRouteContext = {
      ...flipped,
      midPrice: 1 / flipped.midPrice,
      nativePriceInBuyPerWei: 1,
      riskAversionPerBuyUnit: flipped.riskAversionPerBuyUnit * flipped.midPrice * flipped.midPrice,
    };
    const { candidates: oppositeCandidates } = await quoteVenues([batch], {
      ...opposite,
      nowSeconds: usdCtx.nowSeconds,
    });
    const oppositePlan = selectRoute(usdCtx, { intent: oppositeIntent, candidates: oppositeCandidates });
    const [oppositeLeg] = oppositePlan.legs;
    assert.ok(oppositeLeg);
    const oppositeVenueLeg: VenueLeg = { ...opposite, legIndex: 0, leg: oppositeLeg };
    const oppositeSubmission = await batch.submit(oppositeVenueLeg);

    // The vault's 10 WETH hedge: the router sees the match in the batch auction's quote.
    const request = wethSellIntent(world, parseEther('10'));
    const ctx = await costContext(world);
    const { plan, alone } = await decide(venues, request, ctx);
    assert.deepEqual(
      plan.legs.map((l) => l.venue),
      ['batch-auction'],
    );
    const [leg] = plan.legs;
    assert.ok(leg);
    const venueLeg: VenueLeg = { ...request, legIndex: 0, leg };
    const submission = await batch.submit(venueLeg);
    const report = await book.runAuction();
    assert.equal(report.settlement?.status, 'success', report.idleReason);
    assert.equal(report.pairs[0]?.kind, 'coincidence-of-wants');
    assert.equal(report.pairs[0]?.interaction, undefined, 'no AMM hop');
    const [outcome, oppositeOutcome] = await Promise.all([
      batch.track(submission, venueLeg),
      batch.track(oppositeSubmission, oppositeVenueLeg),
    ]);
    assert.equal(oppositeOutcome.status, 'filled');
    const realised = realisedCost(ctx, plan, [outcome]);
    t.diagnostic(
      `10 WETH → batch-auction against a resting 30,000 USDC order: realised ${bps(ctx, request, realised)} bps; each venue alone predicted ${describeAlone(ctx, request, alone)} bps`,
    );
    assertBeatsOthers(realised, alone, ['batch-auction']);
  });

  it('behavior: a big hedge goes mostly cross-chain, where the remote pool is 3x deeper', async (t) => {
    const venues = allVenues();
    const request = wethSellIntent(world, parseEther('600'));
    const ctx = await costContext(world);
    const { plan, alone } = await decide(venues, request, ctx);
    const crossChain = plan.legs.filter((l) => l.venue === 'cross-chain');
    const crossShare = crossChain.reduce((s, l) => s + l.sellAmount, 0n);
    assert.ok(crossShare * 2n > request.intent.sellAmount, 'most of it goes cross-chain');
    const outcomes = await execute(venues, request, plan);
    const realised = realisedCost(ctx, plan, outcomes);
    t.diagnostic(
      `600 WETH → ${plan.legs.map((l) => `${l.venue} ${formatEther(l.sellAmount)}`).join(' + ')}: realised ${bps(ctx, request, realised)} bps; each venue alone predicted ${describeAlone(ctx, request, alone)} bps`,
    );
    // The split beats every venue alone, the cross-chain one included.
    assertBeatsOthers(realised, alone, []);
  });

  it('behavior: two opposite intents inside the netting window are crossed at the mid, cheaper than any venue for either side', async (t) => {
    const venues = allVenues();
    const main = world.chains.main;
    const { weth, usd } = main.descriptor.tokens;
    const a = wethSellIntent(world, parseEther('40'));
    const intentB: HedgeIntent = {
      vault: world.accounts.vault2.address,
      sellToken: usd.address,
      buyToken: weth.address,
      sellAmount: parseUnits('30000', 6),
      minBuyAmount: parseEther('9.7'),
      deadline: a.intent.deadline,
      nonce: 901n,
      partialFill: false,
    };
    const b = {
      intent: intentB,
      intentHash: hashTypedData(hedgeIntentTypedData({ intent: intentB, chainId: main.descriptor.chainId })),
      arrivalMidBuyAmount: parseEther('10'),
    };
    // Arrivals on the wall clock, well inside a 1.5 s window: released as a pair.
    const window = createNettingWindow<'A' | 'B'>({ windowMs: 1_500 });
    window.add({ item: 'A', sellToken: weth.address, buyToken: usd.address, arrivedAtMs: Date.now() });
    const released = window.add({
      item: 'B',
      sellToken: usd.address,
      buyToken: weth.address,
      arrivedAtMs: Date.now(),
    });
    assert.deepEqual(released.pairs, [['A', 'B']]);

    const ctx = await costContext(world);
    const pool = main.descriptor.pools[0];
    assert.ok(pool);
    const state = await readV3PoolState(main.clients.public, pool.address, { wordRadius: 1 });
    const p2 = state.sqrtPriceX96 * state.sqrtPriceX96;
    const mid =
      pool.token0 === weth.address
        ? { numerator: p2, denominator: 2n ** 192n }
        : { numerator: 2n ** 192n, denominator: p2 };
    const cross = crossOppositeIntents(a.intent, intentB, mid);
    assert.ok(cross);

    // What every venue predicted for each side's crossed part, priced before the cross.
    const usdCtx: SelectRouteContext = {
      ...ctx,
      midPrice: 1 / ctx.midPrice,
      nativePriceInBuyPerWei: 1,
      riskAversionPerBuyUnit: ctx.riskAversionPerBuyUnit * ctx.midPrice * ctx.midPrice,
    };
    const crossedA = { ...a, intent: { ...a.intent, sellAmount: cross.aSells, minBuyAmount: cross.aMinBuy } };
    const crossedB = { ...b, intent: { ...intentB, sellAmount: cross.bSells, minBuyAmount: cross.bMinBuy } };
    const predictedA = (await decide(venues, crossedA, ctx)).alone;
    const predictedB = (await decide(venues, crossedB, usdCtx)).alone;

    const settled = await settleCross(main.clients.public, {
      operator: main.clients.wallet(privateKeyToAccount(world.accounts.executor.privateKey)),
      executor: main.descriptor.executor.address,
      a: {
        ...a,
        legIndex: 0,
        sellAmount: cross.aSells,
        minBuyAmount: cross.aMinBuy,
        arrivalMidBuyAmount: cross.bSells,
      },
      b: {
        ...b,
        legIndex: 0,
        sellAmount: cross.bSells,
        minBuyAmount: cross.bMinBuy,
        arrivalMidBuyAmount: cross.aSells,
      },
    });
    assert.ok(settled.a.status === 'filled' && settled.b.status === 'filled');
    if (settled.a.status !== 'filled' || settled.b.status !== 'filled') return;
    assert.ok(settled.a.balancesMatch && settled.b.balancesMatch);
    // Each side's realised cost: its shortfall to the exact mid plus half the cross's gas.
    const halfGasWei = settled.gasCostWei / 2n;
    const realisedA =
      BigInt(Math.round(Number(cross.aSells) * ctx.midPrice)) -
      settled.a.buyAmount +
      BigInt(Math.round(Number(halfGasWei) * ctx.nativePriceInBuyPerWei));
    const realisedB =
      BigInt(Math.round(Number(cross.bSells) * usdCtx.midPrice)) - settled.b.buyAmount + halfGasWei;
    t.diagnostic(
      `netting: crossed ${formatEther(cross.aSells)} WETH against ${cross.bSells} USDC units at the mid; A realised ${bps(ctx, crossedA, realisedA)} bps (venues predicted ${describeAlone(ctx, crossedA, predictedA)}), B realised ${bps(usdCtx, crossedB, realisedB)} bps (venues predicted ${describeAlone(usdCtx, crossedB, predictedB)})`,
    );
    assertBeatsOthers(realisedA, predictedA, []);
    assertBeatsOthers(realisedB, predictedB, []);

    // Only A's remainder is routed, through every venue, on leg ids after the crossed one.
    const remainder = { ...a, intent: { ...a.intent, ...cross.remainderA } };
    const remainderCtx = await costContext(world);
    const { plan } = await decide(venues, remainder, remainderCtx);
    const outcomes: TrackOutcome[] = [];
    for (const [i, leg] of plan.legs.entries()) {
      const venue = venueOfCandidate(venues, leg.candidateId);
      const venueLeg: VenueLeg = {
        intent: a.intent,
        intentHash: a.intentHash,
        legIndex: 1 + i,
        leg,
        arrivalMidBuyAmount: BigInt(Math.round(Number(leg.sellAmount) * remainderCtx.midPrice)),
      };
      outcomes.push(await venue.track(await venue.submit(venueLeg), venueLeg));
    }
    realisedCost(remainderCtx, plan, outcomes);
    const received = outcomes.reduce(
      (s, o) => s + (o.status === 'filled' ? o.reconciliation.buyAmount : 0n),
      settled.a.buyAmount,
    );
    assert.ok(received >= a.intent.minBuyAmount, 'A as a whole meets its limit');
    t.diagnostic(
      `A's remainder ${formatEther(cross.remainderA.sellAmount)} WETH → ${plan.legs.map((l) => l.venue).join(' + ')}`,
    );
  });
});
