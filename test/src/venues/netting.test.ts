import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createNettingWindow,
  crossOppositeIntents,
  type HedgeIntent,
  hedgeIntentTypedData,
  nettingSavings,
  selectRoute,
} from '@hedge-router/router';
import { startWorld, type World } from '@hedge-router/simulations';
import {
  createPublicAmmVenue,
  erc20Abi,
  quoteVenues,
  readV3PoolState,
  settleCross,
  type Venue,
  type VenueLeg,
} from '@hedge-router/solvers';
import { type Address, hashTypedData, parseEther, parseUnits } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { costContext, poolRefs, wethSellIntent } from './venuesFixture.js';

// Netting end to end: two opposite intents inside the window are crossed at the pool mid on
// chain (HedgeExecutor.cross); only the remainder goes to a venue; the audit shows the savings.
describe('netting: opposite intents crossed at the mid before any venue', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ descriptorPath: null });
  });
  after(async () => {
    await world?.stop();
  });
  beforeEach(async () => {
    await world.reset();
  });

  const operator = () =>
    world.chains.main.clients.wallet(privateKeyToAccount(world.accounts.executor.privateKey));
  const publicVenue = (): Venue =>
    createPublicAmmVenue({
      chainId: world.descriptor.chains.main.chainId,
      client: world.chains.main.clients.public,
      operator: operator(),
      executor: world.descriptor.chains.main.executor.address,
      wrappedNative: world.descriptor.chains.main.tokens.weth.address,
      pools: poolRefs(world),
      blockTimeSeconds: 1,
      pollIntervalMs: 20,
    });
  const balance = (token: Address, owner: Address) =>
    world.chains.main.clients.public.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [owner],
    });

  /** The best external plan for `intent` (public venue) and its cost, in the intent's buy units. */
  async function bestExternal(intent: HedgeIntent, intentHash: `0x${string}`, wethIsSold: boolean) {
    const ctx = await costContext(world);
    const context = wethIsSold
      ? ctx
      : {
          ...ctx,
          midPrice: 1 / ctx.midPrice,
          nativePriceInBuyPerWei: 1,
          riskAversionPerBuyUnit: ctx.riskAversionPerBuyUnit * ctx.midPrice * ctx.midPrice,
        };
    const { candidates } = await quoteVenues([publicVenue()], {
      intent,
      intentHash,
      nowSeconds: ctx.nowSeconds,
    });
    return selectRoute(context, { intent, candidates });
  }

  it('behavior: crosses two opposite intents at mid, routes only the remainder, and the audit shows what each side saved', async (t) => {
    const main = world.chains.main;
    const { weth, usd } = main.descriptor.tokens;
    const a = wethSellIntent(world, parseEther('40'));
    const usdAmount = parseUnits('30000', 6);
    const intentB: HedgeIntent = {
      vault: world.accounts.vault2.address,
      sellToken: usd.address,
      buyToken: weth.address,
      sellAmount: usdAmount,
      minBuyAmount: parseEther('9.7'),
      deadline: a.intent.deadline,
      nonce: 7n,
      partialFill: false,
    };
    const b = {
      intent: intentB,
      intentHash: hashTypedData(hedgeIntentTypedData({ intent: intentB, chainId: main.descriptor.chainId })),
    };

    // The window (injected clock: plain numbers): A waits, B arrives 800 ms later, they pair.
    const window = createNettingWindow<'A' | 'B'>({ windowMs: 1_500 });
    window.add({ item: 'A', sellToken: weth.address, buyToken: usd.address, arrivedAtMs: 0 });
    const released = window.add({
      item: 'B',
      sellToken: usd.address,
      buyToken: weth.address,
      arrivedAtMs: 800,
    });
    assert.deepEqual(released.pairs, [['A', 'B']]);

    // Cross at the deepest pool's mid, as an exact ratio (USDC units per wei).
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
    assert.equal(cross.bSells, usdAmount, 'B is the smaller side: crossed in full');
    assert.equal(cross.remainderB.sellAmount, 0n);

    const before = {
      aUsd: await balance(usd.address, a.intent.vault),
      bWeth: await balance(weth.address, intentB.vault),
    };
    const settled = await settleCross(main.clients.public, {
      operator: operator(),
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
    assert.equal(settled.a.status, 'filled');
    assert.equal(settled.b.status, 'filled');
    if (settled.a.status !== 'filled' || settled.b.status !== 'filled') return;
    assert.equal(settled.a.buyAmount, cross.bSells);
    assert.equal(settled.b.buyAmount, cross.aSells);
    assert.equal(settled.a.balancesMatch && settled.b.balancesMatch, true);
    assert.equal((await balance(usd.address, a.intent.vault)) - before.aUsd, cross.bSells);
    assert.equal((await balance(weth.address, intentB.vault)) - before.bWeth, cross.aSells);

    // Only the remainder of A goes to a venue (leg index 1: leg 0 was the crossed part).
    const remainder: HedgeIntent = { ...a.intent, ...cross.remainderA };
    const remainderPlan = await bestExternal(remainder, a.intentHash, true);
    const venue = publicVenue();
    const [leg] = remainderPlan.legs;
    assert.ok(leg);
    const venueLeg: VenueLeg = {
      intent: a.intent,
      intentHash: a.intentHash,
      legIndex: 1,
      leg,
      arrivalMidBuyAmount: (a.arrivalMidBuyAmount * leg.sellAmount) / a.intent.sellAmount,
    };
    const outcome = await venue.track(await venue.submit(venueLeg), venueLeg);
    assert.equal(outcome.status, 'filled');
    if (outcome.status !== 'filled') return;
    assert.equal(outcome.reconciliation.sellAmount, parseEther('40') - cross.aSells);
    const aReceived = cross.bSells + outcome.reconciliation.buyAmount;
    assert.ok(aReceived >= a.intent.minBuyAmount, 'A as a whole meets its limit');

    // Audit: each side against its best external route for the crossed size (on the state
    // before the remainder traded would be ideal; the remainder only moved the pool against A).
    await world.reset();
    const gasPriceWei = settled.gasCostWei / settled.gasUsed;
    const halfGasWei = (settled.gasUsed * gasPriceWei) / 2n;
    const externalA = await bestExternal(
      { ...a.intent, sellAmount: cross.aSells, minBuyAmount: cross.aMinBuy },
      a.intentHash,
      true,
    );
    const externalB = await bestExternal(
      { ...intentB, sellAmount: cross.bSells, minBuyAmount: cross.bMinBuy },
      b.intentHash,
      false,
    );
    const midA = (cross.aSells * mid.numerator) / mid.denominator;
    const midB = (cross.bSells * mid.denominator) / mid.numerator;
    const savedA = nettingSavings({
      crossedBuyAmount: cross.bSells,
      midValueInBuy: midA,
      gasShareInBuy: (halfGasWei * mid.numerator) / mid.denominator,
      externalExpectedBuyAmount: externalA.expectedBuyAmount,
      externalTotalCostInBuy: externalA.cost.total.amount,
    });
    const savedB = nettingSavings({
      crossedBuyAmount: cross.aSells,
      midValueInBuy: midB,
      gasShareInBuy: halfGasWei,
      externalExpectedBuyAmount: externalB.expectedBuyAmount,
      externalTotalCostInBuy: externalB.cost.total.amount,
    });
    assert.ok(savedA.savedInBuy > 0n && savedB.savedInBuy > 0n, 'both sides save');
    assert.ok(
      savedA.extraBuyAmount > 0n && savedB.extraBuyAmount > 0n,
      'both receive more than the pool would pay',
    );
    t.diagnostic(
      `crossed ${cross.aSells} wei for ${cross.bSells} USDC units at mid, cross gas ${settled.gasUsed}; A saved ${savedA.savedInBuy} USDC units (${savedA.savedBps.toFixed(2)} bps), B saved ${savedB.savedInBuy} wei (${savedB.savedBps.toFixed(2)} bps)`,
    );
  });
});
