import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type HedgeIntent, hedgeIntentTypedData } from '@hedge-router/router';
import { type Orderbook, startOrderbook, startWorld, type World } from '@hedge-router/simulations';
import {
  createBatchAuctionVenue,
  createPublicAmmVenue,
  erc20Abi,
  type Venue,
  type VenueLeg,
} from '@hedge-router/solvers';
import { type Address, hashTypedData, parseEther, parseUnits } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { execute, plan, poolRefs, wethSellIntent } from './venuesFixture.js';

// The batch-auction venue end to end: the real CoW SDK client talks to the local orderbook,
// which settles on the real GPv2Settlement; orders are owned by HedgeExecutor (EIP-1271).
describe('venues II: batch auctions on CoW Protocol', () => {
  let world: World;
  let book: Orderbook | undefined;
  before(async () => {
    world = await startWorld({ descriptorPath: null });
  });
  after(async () => {
    await book?.stop();
    await world?.stop();
  });
  beforeEach(async () => {
    await book?.stop();
    await world.reset();
    book = await startOrderbook({
      chain: world.chains.main,
      solverPrivateKey: world.accounts.solver.privateKey,
      auctionIntervalMs: null,
    });
  });

  const batchVenue = (validitySeconds = 30): Venue => {
    const d = world.descriptor.chains.main;
    assert.ok(d.cow && book);
    return createBatchAuctionVenue({
      chainId: d.chainId,
      client: world.chains.main.clients.public,
      operator: world.chains.main.clients.wallet(privateKeyToAccount(world.accounts.executor.privateKey)),
      executor: d.executor.address,
      settlement: d.cow.settlement,
      orderbookUrl: book.url,
      pools: poolRefs(world),
      auctionIntervalSeconds: 2,
      validitySeconds,
      pollIntervalMs: 20,
    });
  };
  const balance = (token: Address, owner: Address) =>
    world.chains.main.clients.public.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [owner],
    });

  /** vault2 sells `usdAmount` USDC for WETH, limit 3% below the mid. */
  const usdSellIntent = (usdAmount: bigint) => {
    const { tokens, chainId } = world.descriptor.chains.main;
    const arrivalMidBuyAmount = (usdAmount * 10n ** 18n) / BigInt(world.descriptor.wethPriceUsd * 1e6);
    const intent: HedgeIntent = {
      vault: world.accounts.vault2.address,
      sellToken: tokens.usd.address,
      buyToken: tokens.weth.address,
      sellAmount: usdAmount,
      minBuyAmount: (arrivalMidBuyAmount * 9_700n) / 10_000n,
      deadline: Math.floor(Date.now() / 1000) + 120,
      nonce: 1_000n,
      partialFill: false,
    };
    return {
      intent,
      intentHash: hashTypedData(hedgeIntentTypedData({ intent, chainId })),
      arrivalMidBuyAmount,
    };
  };
  const legOf = (
    request: ReturnType<typeof usdSellIntent>,
    routePlan: Awaited<ReturnType<typeof plan>>,
  ): VenueLeg => {
    const leg = routePlan.legs[0];
    assert.ok(leg && routePlan.legs.length === 1);
    return { ...request, legIndex: 0, leg, arrivalMidBuyAmount: request.arrivalMidBuyAmount };
  };

  it('behavior: two opposite hedges from two vaults settle against each other in one batch, no AMM slippage', async (t) => {
    const { weth, usd } = world.descriptor.chains.main.tokens;
    // One venue serves every vault: each order's owner is the executor, its receiver the intent's vault.
    const venueA = batchVenue();
    const venueB = venueA;
    const a = wethSellIntent(world, parseEther('10'));
    const b = usdSellIntent(parseUnits('30000', 6));
    const legA = legOf(a, await plan(world, [venueA], a));
    const legB = legOf(b, await plan(world, [venueB], b));
    assert.equal(legA.leg.quote.mevLeakageInBuy, 0n);
    const before = { usd: await balance(usd.address, world.accounts.vault.address) };
    const subA = await venueA.submit(legA);
    const subB = await venueB.submit(legB);
    // The sell amounts wait in the executor, not yet traded.
    assert.equal(
      await balance(weth.address, world.descriptor.chains.main.executor.address),
      parseEther('10'),
    );
    const report = await book?.runAuction();
    assert.equal(report?.settlement?.status, 'success', report?.idleReason);
    assert.equal(report?.pairs.length, 1);
    assert.equal(report?.pairs[0]?.kind, 'coincidence-of-wants');
    assert.equal(report?.pairs[0]?.interaction, undefined, 'no AMM hop');
    const [outA, outB] = await Promise.all([venueA.track(subA, legA), venueB.track(subB, legB)]);
    assert.equal(outA.status, 'filled');
    assert.equal(outB.status, 'filled');
    if (outA.status !== 'filled' || outB.status !== 'filled') return;
    assert.equal(outA.reconciliation.balancesMatch, true);
    assert.equal(outB.reconciliation.balancesMatch, true);
    assert.equal(outA.reconciliation.txHash, outB.reconciliation.txHash, 'one settlement');
    assert.equal(
      (await balance(usd.address, world.accounts.vault.address)) - before.usd,
      outA.reconciliation.buyAmount,
    );
    // At the mid less 2 bps and a gas share: within 3 bps of the arrival mid, far from the pool's 5 bps fee.
    assert.ok(
      outA.reconciliation.slippageVsMidBps < 3,
      `A vs mid ${outA.reconciliation.slippageVsMidBps} bps`,
    );
    assert.ok(
      outB.reconciliation.slippageVsMidBps < 3,
      `B vs mid ${outB.reconciliation.slippageVsMidBps} bps`,
    );
    t.diagnostic(
      `CoW pair: A ${outA.reconciliation.buyAmount} USDC units (${outA.reconciliation.slippageVsMidBps.toFixed(2)} bps vs mid), B ${outB.reconciliation.buyAmount} wei (${outB.reconciliation.slippageVsMidBps.toFixed(2)} bps), settle gas ${report?.settlement?.gasUsed}`,
    );
  });

  it('behavior: a one-sided hedge settles through the pool at no worse than EBBO', async (t) => {
    const venue = batchVenue();
    const request = wethSellIntent(world, parseEther('200'));
    const routePlan = await plan(world, [venue], request);
    const leg = legOf(request, routePlan);
    const submission = await venue.submit(leg);
    const report = await book?.runAuction();
    assert.equal(report?.settlement?.status, 'success', report?.idleReason);
    const trade = report?.pairs[0]?.trades[0];
    assert.ok(trade && report?.pairs[0]?.kind === 'amm');
    assert.ok(trade.grossBuyAmount >= trade.ammAloneBuyAmount, 'EBBO: clearing price ≥ the pool alone');
    const outcome = await venue.track(submission, leg);
    assert.equal(outcome.status, 'filled');
    if (outcome.status !== 'filled') return;
    assert.equal(outcome.reconciliation.buyAmount, trade.buyAmount);
    assert.ok(outcome.reconciliation.buyAmount >= leg.leg.quote.minBuyAmount);
    assert.equal(outcome.reconciliation.balancesMatch, true);
    t.diagnostic(
      `one-sided 200 WETH: got ${trade.buyAmount}, pool alone ${trade.ammAloneBuyAmount} (before fees ${trade.grossBuyAmount}), quote ${leg.leg.quote.expectedBuyAmount}`,
    );
  });

  it('behavior: an order whose limit cannot be met rests until it expires, then the router falls back to the public venue', async () => {
    const { weth } = world.descriptor.chains.main.tokens;
    const vault = world.accounts.vault.address;
    const venue = batchVenue(4);
    const request = wethSellIntent(world, parseEther('5'), { limitBps: 100 });
    const routePlan = await plan(world, [venue], request);
    const leg = legOf(request, routePlan);
    // A limit 1% above what the market pays: no auction can meet it.
    const impossible: VenueLeg = {
      ...leg,
      leg: {
        ...leg.leg,
        quote: { ...leg.leg.quote, minBuyAmount: (leg.leg.quote.expectedBuyAmount * 101n) / 100n },
      },
    };
    const submission = await venue.submit(impossible);
    const tracking = venue.track(submission, impossible);
    const first = await book?.runAuction();
    assert.equal(first?.settlement, undefined, 'not settled');
    assert.match(first?.skipped[0]?.reason ?? '', /limit not met/);
    assert.equal(book?.orders.get(submission.order?.uid.toLowerCase() as `0x${string}`)?.status, 'open');
    // Time passes beyond validTo; the next auction expires it.
    await world.chains.main.clients.test.increaseTime({ seconds: 10 });
    await world.chains.main.clients.test.mine({ blocks: 1 });
    await book?.runAuction();
    const outcome = await tracking;
    assert.equal(outcome.status, 'not-included');
    assert.equal(await balance(weth.address, vault), parseEther('1000'), 'the vault got its WETH back');
    // Fallback: the same leg (same leg id, freed by the reclaim) through the public venue.
    const main = world.chains.main;
    const pub = createPublicAmmVenue({
      chainId: main.descriptor.chainId,
      client: main.clients.public,
      operator: main.clients.wallet(privateKeyToAccount(world.accounts.executor.privateKey)),
      executor: main.descriptor.executor.address,
      wrappedNative: weth.address,
      pools: poolRefs(world),
      blockTimeSeconds: 1,
      pollIntervalMs: 20,
    });
    const fallback = { ...request, intent: { ...request.intent, deadline: request.intent.deadline + 20 } };
    const [filled] = await execute(
      [pub],
      { ...fallback, intentHash: request.intentHash },
      await plan(world, [pub], fallback),
    );
    assert.equal(filled?.status, 'filled');
  });
});
