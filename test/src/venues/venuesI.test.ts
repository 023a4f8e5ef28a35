import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { isHedgeRouterError } from '@hedge-router/router';
import {
  type Relay,
  type SandwichSearcher,
  startRelay,
  startSandwichSearcher,
  startWorld,
  type World,
} from '@hedge-router/simulations';
import { createBundleVenue, createPublicAmmVenue, erc20Abi, type Venue } from '@hedge-router/solvers';
import { parseEther } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { execute, plan, poolRefs, wethSellIntent, withBlocks } from './venuesFixture.js';

// Venues I end to end on the local world, with the sandwich searcher watching the public
// mempool and the local Flashbots-compatible relay building blocks.
describe('venues I: public AMM (naive and protected) and private bundles', () => {
  let world: World;
  let searcher: SandwichSearcher | undefined;
  let relay: Relay | undefined;

  before(async () => {
    world = await startWorld({ descriptorPath: null });
  });
  after(async () => {
    await searcher?.stop();
    await relay?.stop();
    await world?.stop();
  });
  beforeEach(async () => {
    await searcher?.stop();
    await relay?.stop();
    const main = world.chains.main;
    await main.blocks.setMode({ mode: 'auto' });
    await world.reset();
    await main.blocks.setMode({ mode: 'manual' });
    searcher = await startSandwichSearcher({ chain: main, account: world.accounts.searcher });
  });

  const common = () => {
    const main = world.chains.main;
    const d = main.descriptor;
    return {
      chainId: d.chainId,
      client: main.clients.public,
      operator: main.clients.wallet(privateKeyToAccount(world.accounts.executor.privateKey)),
      executor: d.executor.address,
      pools: poolRefs(world),
      blockTimeSeconds: 1,
      pollIntervalMs: 20,
    };
  };
  const publicVenue = (slippage: Parameters<typeof createPublicAmmVenue>[0]['slippage']) =>
    createPublicAmmVenue({
      ...common(),
      wrappedNative: world.descriptor.chains.main.tokens.weth.address,
      slippage,
    });
  const bundleVenue = async (inclusionProbability: number, relayUrl?: string) => {
    relay = await startRelay({ chain: world.chains.main, inclusionProbability });
    return createBundleVenue({
      ...common(),
      rpcUrl: world.descriptor.chains.main.rpcUrl,
      relayUrl: relayUrl ?? relay.url,
      relayAuthKey: world.accounts.relayer.privateKey,
      inclusionProbability: Math.max(inclusionProbability, 0.01),
    });
  };
  // After submission, wait for the searcher's decision, then mine the block.
  const afterSearcherMine = async (txHash: `0x${string}`) => {
    await searcher?.decision(txHash);
    await world.chains.main.blocks.mine();
  };

  it('behavior: a naive public hedge (1% bound) is sandwiched and loses what its quote predicted, within 1%', async (t) => {
    const venues: Venue[] = [publicVenue({ mode: 'naive', bps: 100 })];
    const request = wethSellIntent(world, parseEther('500'));
    const routePlan = await plan(world, venues, request);
    const [leg] = routePlan.legs;
    assert.ok(leg && routePlan.legs.length === 1);
    const predictedLoss = leg.quote.mevLeakageInBuy;
    assert.ok(predictedLoss > 0n, 'the quote carries the expected MEV leakage');
    const [outcome] = await execute(venues, request, routePlan, afterSearcherMine);
    assert.equal(outcome?.status, 'filled');
    if (outcome?.status !== 'filled') return;
    const r = outcome.reconciliation;
    assert.equal(r.sandwich.detected, true);
    const realisedLoss = leg.quote.expectedBuyAmount - r.buyAmount;
    const error = Number(realisedLoss - predictedLoss) / Number(predictedLoss);
    t.diagnostic(
      `predicted MEV loss ${predictedLoss}, realised ${realisedLoss} (USDC base units), error ${(error * 100).toFixed(4)}%`,
    );
    assert.ok(Math.abs(error) < 0.01);
    assert.equal(r.balancesMatch, true);
  });

  it('behavior: the protected public hedge (break-even bound) is not attacked and fills at its quote', async () => {
    // At 500 WETH the break-even bound leaves a fraction of a bp: by default (room for two
    // standard deviations of a block's price move) the venue does not use it and quotes the
    // sandwich that room allows. With no room required (nothing moves the price between blocks
    // here) the bound is used, and holds.
    const byDefault = await plan(
      world,
      [publicVenue({ mode: 'protected' })],
      wethSellIntent(world, parseEther('500')),
    );
    assert.ok(
      byDefault.legs.every((l) => l.quote.mevLeakageInBuy > 0n),
      'too thin a bound is not used by default',
    );
    const venues: Venue[] = [publicVenue({ mode: 'protected', minToleranceBps: 0 })];
    const request = wethSellIntent(world, parseEther('500'));
    const routePlan = await plan(world, venues, request);
    const [leg] = routePlan.legs;
    assert.ok(leg);
    assert.equal(leg.quote.mevLeakageInBuy, 0n);
    assert.ok(leg.quote.minBuyAmount > request.intent.minBuyAmount, 'the bound is tighter than the limit');
    const [outcome] = await execute(venues, request, routePlan, afterSearcherMine);
    assert.equal(outcome?.status, 'filled');
    if (outcome?.status !== 'filled') return;
    assert.equal(outcome.reconciliation.sandwich.detected, false);
    assert.equal(outcome.reconciliation.buyAmount, leg.quote.expectedBuyAmount);
    assert.equal(outcome.reconciliation.balancesMatch, true);
    assert.equal(searcher?.attacks.length, 0);
  });

  it('behavior: a bundled hedge is included at the top of a block, never seen by the searcher, and reconciled', async () => {
    const venues: Venue[] = [await bundleVenue(1)];
    const request = wethSellIntent(world, parseEther('500'), { limitBps: 100 });
    const routePlan = await plan(world, venues, request);
    const [leg] = routePlan.legs;
    assert.ok(leg);
    assert.equal(leg.quote.mevLeakageInBuy, 0n);
    assert.equal(leg.quote.minBuyAmount, request.intent.minBuyAmount, 'a private leg keeps the intent limit');
    const [outcome] = await withBlocks(world, () => execute(venues, request, routePlan));
    assert.equal(outcome?.status, 'filled');
    if (outcome?.status !== 'filled') return;
    assert.equal(outcome.reconciliation.sandwich.detected, false);
    assert.equal(outcome.reconciliation.buyAmount, leg.quote.expectedBuyAmount);
    assert.equal(outcome.reconciliation.balancesMatch, true);
    const receipt = await world.chains.main.clients.public.getTransactionReceipt({
      hash: outcome.reconciliation.txHash,
    });
    assert.equal(receipt.transactionIndex, 0, 'top of the block');
    assert.equal(searcher?.attacks.length, 0);
    assert.ok(relay && relay.stats.bundlesIncluded >= 1);
  });

  it('error: a bundle no builder includes ends as not-included at the deadline, and never executes', async () => {
    const venues: Venue[] = [await bundleVenue(0)];
    const request = wethSellIntent(world, parseEther('5'), { deadlineSeconds: 3 });
    const routePlan = await plan(world, venues, request);
    const [outcome] = await withBlocks(world, () => execute(venues, request, routePlan));
    assert.equal(outcome?.status, 'not-included');
    const vaultWeth = await world.chains.main.clients.public.readContract({
      address: world.descriptor.chains.main.tokens.weth.address,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [world.accounts.vault.address],
    });
    assert.equal(vaultWeth, parseEther('1000'), 'the vault was not touched');
  });

  it('error: a bundle whose transaction would revert is refused at submission and not included', async () => {
    const venues: Venue[] = [await bundleVenue(1)];
    const request = wethSellIntent(world, parseEther('5'));
    const routePlan = await plan(world, venues, request);
    const [leg] = routePlan.legs;
    assert.ok(leg);
    // Tamper with the chosen leg so the executor's minimum cannot be met.
    const impossible = {
      ...routePlan,
      legs: [{ ...leg, quote: { ...leg.quote, minBuyAmount: leg.quote.expectedBuyAmount * 2n } }],
    };
    await assert.rejects(
      withBlocks(world, () => execute(venues, request, impossible)),
      /bundle would revert/,
    );
    assert.equal(relay?.stats.bundlesIncluded ?? 0, 0);
  });

  it('error: an unreachable relay fails the submission with a clear error, no hang', async () => {
    const venues: Venue[] = [await bundleVenue(1, 'http://127.0.0.1:9/')];
    const request = wethSellIntent(world, parseEther('5'));
    const routePlan = await plan(world, venues, request);
    await assert.rejects(execute(venues, request, routePlan), /ECONNREFUSED|fetch failed|connect/i);
  });

  it('behavior: a fallback racing the first attempt at the same leg never fills twice', async () => {
    const bundle = await bundleVenue(1);
    const pub = publicVenue({ mode: 'protected' });
    const request = wethSellIntent(world, parseEther('50'), { limitBps: 100 });
    const routePlan = await plan(world, [pub], request);
    const [leg] = routePlan.legs;
    assert.ok(leg);
    const venueLeg = (candidateId: string) => ({
      intent: request.intent,
      intentHash: request.intentHash,
      legIndex: 0,
      leg: { ...leg, candidateId },
      arrivalMidBuyAmount: request.arrivalMidBuyAmount,
    });
    // The public attempt waits in the mempool; the router falls back to a bundle for the same leg.
    const publicLeg = venueLeg(leg.candidateId);
    const publicSubmission = await pub.submit(publicLeg);
    const bundleLeg = venueLeg(leg.candidateId.replace('public-amm', 'private-bundle'));
    const [publicOutcome, bundleOutcome] = await withBlocks(world, async () => {
      const bundleSubmission = await bundle.submit(bundleLeg);
      return Promise.all([pub.track(publicSubmission, publicLeg), bundle.track(bundleSubmission, bundleLeg)]);
    });
    const outcomes = [publicOutcome?.status, bundleOutcome?.status].sort();
    // The bundle lands first with the operator's on-chain nonce; the public transaction with the
    // same nonce is superseded (had it landed first, the executor's leg id would refuse the other).
    assert.deepEqual(outcomes, ['filled', 'not-included'], 'exactly one attempt executed');
    const weth = await world.chains.main.clients.public.readContract({
      address: world.descriptor.chains.main.tokens.weth.address,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [world.accounts.vault.address],
    });
    assert.equal(weth, parseEther('950'), 'the vault sold 50 WETH once');
  });

  it('error: an intent whose limit no venue can meet gets NO_ROUTE', async () => {
    const venues: Venue[] = [publicVenue({ mode: 'protected' })];
    const request = wethSellIntent(world, parseEther('500'), { limitBps: -100 });
    await assert.rejects(plan(world, venues, request), (e: unknown) => isHedgeRouterError(e, 'NO_ROUTE'));
  });
});
