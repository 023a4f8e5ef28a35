import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { type CostBreakdown, costAt, isHedgeRouterError, type RoutePlan } from '@hedge-router/router';
import {
  deriveBridgeAttester,
  type IntentBridge,
  type Relay,
  startIntentBridge,
  startRelay,
  startWorld,
  type World,
} from '@hedge-router/simulations';
import {
  bridgeOutCalldata,
  type CrossChainReconciliation,
  createBundleVenue,
  createPublicAmmVenue,
  erc20Abi,
  hedgeExecutorAbi,
  quoteVenues,
  type Venue,
  type VenueLeg,
  venueOfCandidate,
} from '@hedge-router/solvers';
import { type Address, BaseError, decodeErrorResult, formatUnits, type Hex, isHex, parseEther } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { crossChainVenue, DEFAULT_BRIDGE_TERMS, planAll } from './crossChainFixture.js';
import { costContext, execute, poolRefs, wethSellIntent } from './venuesFixture.js';

const usd = (amount: bigint) => Number(formatUnits(amount, 6)).toFixed(2);
const stages = (c: CostBreakdown) =>
  `impact ${c.priceImpact.bps.toFixed(2)} fees ${c.fees.bps.toFixed(2)} gas ${c.gas.bps.toFixed(2)} mev ${c.mevLeakage.bps.toFixed(2)} delay ${c.delayRisk.bps.toFixed(3)} fill ${c.fillRisk.bps.toFixed(3)} = ${c.total.bps.toFixed(2)} bps`;
const describePlan = (p: RoutePlan) =>
  p.legs
    .map((l) => `${l.candidateId.split(':')[0]} ${formatUnits(l.sellAmount, 18)} WETH: ${stages(l.cost)}`)
    .join('; ');

// The cross-chain venue end to end on the local world: the main chain's vault bridges WETH to
// the remote chain over the local intent bridge (IntentSpokePool on both anvils, a relayer and
// an attester in this process), sells it on the remote $60M pool and gets USDC back on main.
describe('cross-chain venue over the local intent bridge', () => {
  let world: World;
  let bridge: IntentBridge | undefined;
  let relay: Relay | undefined;

  before(async () => {
    world = await startWorld({ descriptorPath: null });
  });
  after(async () => {
    await bridge?.stop();
    await relay?.stop();
    await world?.stop();
  });
  beforeEach(async () => {
    await world.reset();
  });
  afterEach(async () => {
    await bridge?.stop();
    bridge = undefined;
    await relay?.stop();
    relay = undefined;
  });

  const startBridge = (options: { latencyMs?: number; fillProbability?: number } = {}) => {
    bridge = startIntentBridge({
      chains: [world.chains.main, world.chains.remote],
      relayer: world.accounts.relayer,
      attester: deriveBridgeAttester(world.descriptor.mnemonic),
      latencyMs: options.latencyMs ?? 100,
      minFeeBps: DEFAULT_BRIDGE_TERMS.feeBps,
      fillProbability: options.fillProbability ?? 1,
      pollIntervalMs: 20,
    });
    return bridge;
  };
  const common = () => {
    const main = world.chains.main;
    const d = main.descriptor;
    return {
      chainId: d.chainId,
      client: main.clients.public,
      operator: main.clients.wallet(privateKeyToAccount(world.accounts.executor.privateKey)),
      executor: d.executor.address,
      pools: poolRefs(world),
      blockTimeSeconds: 12,
      pollIntervalMs: 20,
    };
  };
  const publicVenue = () =>
    createPublicAmmVenue({ ...common(), wrappedNative: world.descriptor.chains.main.tokens.weth.address });
  const bundleVenue = async () => {
    relay = await startRelay({ chain: world.chains.main, inclusionProbability: 0.9 });
    return createBundleVenue({
      ...common(),
      rpcUrl: world.descriptor.chains.main.rpcUrl,
      relayUrl: relay.url,
      relayAuthKey: world.accounts.relayer.privateKey,
      inclusionProbability: 0.9,
    });
  };
  const balance = (chain: 'main' | 'remote', token: 'weth' | 'usd', owner: Address) =>
    world.chains[chain].clients.public.readContract({
      address: world.descriptor.chains[chain].tokens[token].address,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [owner],
    });

  it('behavior: a cross-chain hedge bridges, swaps on the remote pool, returns the proceeds and reconciles exactly', async (t) => {
    startBridge();
    const venues: Venue[] = [crossChainVenue(world)];
    const request = wethSellIntent(world, parseEther('300'));
    const vault = request.intent.vault;
    const spokes = [
      world.descriptor.chains.main.bridge.spokePool,
      world.descriptor.chains.remote.bridge.spokePool,
    ];
    const [relayerWethMain, relayerUsdMain, relayerWethRemote, relayerUsdRemote] = await Promise.all([
      balance('main', 'weth', world.accounts.relayer.address),
      balance('main', 'usd', world.accounts.relayer.address),
      balance('remote', 'weth', world.accounts.relayer.address),
      balance('remote', 'usd', world.accounts.relayer.address),
    ]);
    const [wethBefore, usdBefore] = await Promise.all([
      balance('main', 'weth', vault),
      balance('main', 'usd', vault),
    ]);

    const routePlan = await planAll(world, venues, request);
    const [leg] = routePlan.legs;
    assert.ok(leg && routePlan.legs.length === 1);
    const started = performance.now();
    const [outcome] = await execute(venues, request, routePlan);
    const elapsedMs = performance.now() - started;
    assert.equal(outcome?.status, 'filled');
    if (outcome?.status !== 'filled') return;
    const r = outcome.reconciliation as CrossChainReconciliation;
    t.diagnostic(
      `300 WETH cross-chain: quoted ${usd(leg.quote.expectedBuyAmount)} USDC, received ${usd(r.buyAmount)} in ${elapsedMs.toFixed(0)} ms; ${stages(leg.cost)}`,
    );
    const [fillReceipt, settleReceipt] = await Promise.all([
      world.chains.remote.clients.public.getTransactionReceipt({ hash: r.crossChain.outbound.fillTx }),
      world.chains.main.clients.public.getTransactionReceipt({ hash: r.crossChain.inbound.settleTx }),
    ]);
    t.diagnostic(
      `gas: bridgeOut ${r.gasUsed} (main), fill + swap + return deposit ${fillReceipt.gasUsed} (remote, ${leg.quote.details?.ticksCrossed} ticks crossed), return fill ${settleReceipt.gasUsed} (main)`,
    );
    // The remote pool did not move between quote and fill: the vault gets exactly the quote.
    assert.equal(r.buyAmount, leg.quote.expectedBuyAmount);
    assert.equal(r.sellAmount, parseEther('300'));
    assert.equal(r.balancesMatch, true);
    assert.equal(r.crossChain.deliveredOn, 'origin');
    assert.equal(r.crossChain.destinationSwap.sellAmount, r.crossChain.outbound.outputAmount);
    assert.equal(r.crossChain.inbound.inputAmount, r.crossChain.destinationSwap.buyAmount);
    assert.equal(await balance('main', 'weth', vault), wethBefore - parseEther('300'));
    assert.equal(await balance('main', 'usd', vault), usdBefore + r.buyAmount);

    // The relayer is repaid on both origins; it earned exactly the two fees, and nothing stays escrowed.
    await bridge?.waitFor(r.crossChain.outbound.relayHash, 'repaid');
    await bridge?.waitFor(r.crossChain.inbound.relayHash, 'repaid');
    const o = r.crossChain.outbound;
    const i = r.crossChain.inbound;
    assert.equal(
      await balance('main', 'weth', world.accounts.relayer.address),
      relayerWethMain + o.inputAmount,
    );
    assert.equal(
      await balance('remote', 'weth', world.accounts.relayer.address),
      relayerWethRemote - o.outputAmount,
    );
    assert.equal(
      await balance('remote', 'usd', world.accounts.relayer.address),
      relayerUsdRemote + i.inputAmount,
    );
    assert.equal(
      await balance('main', 'usd', world.accounts.relayer.address),
      relayerUsdMain - i.outputAmount,
    );
    for (const [chain, spoke] of [
      ['main', spokes[0]],
      ['remote', spokes[1]],
    ] as const) {
      assert.equal(await balance(chain, 'weth', spoke as Address), 0n);
      assert.equal(await balance(chain, 'usd', spoke as Address), 0n);
    }
  });

  it('behavior: the router picks the cross-chain route for a big hedge (remote pool 3x deeper) and not for a small one', async (t) => {
    const venues: Venue[] = [publicVenue(), await bundleVenue(), crossChainVenue(world)];
    const big = await planAll(world, venues, wethSellIntent(world, parseEther('900')));
    const small = await planAll(world, venues, wethSellIntent(world, parseEther('5')));
    t.diagnostic(`900 WETH: ${describePlan(big)}`);
    t.diagnostic(`5 WETH: ${describePlan(small)}`);
    // Without the cross-chain venue the big hedge costs more; for the small one it changes nothing.
    const bigMainOnly = await planAll(world, venues.slice(0, 2), wethSellIntent(world, parseEther('900')));
    const smallCrossOnly = await planAll(world, venues.slice(2), wethSellIntent(world, parseEther('5')));
    t.diagnostic(
      `900 WETH: ${big.cost.total.bps.toFixed(2)} bps with cross-chain vs ${bigMainOnly.cost.total.bps.toFixed(2)} bps main chain only (${describePlan(bigMainOnly)})`,
    );
    t.diagnostic(
      `5 WETH: ${small.cost.total.bps.toFixed(2)} bps on main vs ${smallCrossOnly.cost.total.bps.toFixed(2)} bps cross-chain (${describePlan(smallCrossOnly)})`,
    );
    assert.ok(big.cost.total.amount < bigMainOnly.cost.total.amount);
    assert.ok(small.cost.total.amount < smallCrossOnly.cost.total.amount);
    const crossShare = (p: RoutePlan) =>
      p.legs.filter((l) => l.candidateId.startsWith('cross-chain:')).reduce((s, l) => s + l.sellAmount, 0n);
    assert.ok(crossShare(big) * 2n > parseEther('900'), 'most of the big hedge goes cross-chain');
    assert.equal(crossShare(small), 0n, 'the small hedge stays on the main chain');
  });

  it('behavior: a fill that never comes is refunded to the vault after its deadline; the leg id is freed and the fallback fills it once', async (t) => {
    startBridge({ fillProbability: 0 });
    const cross = crossChainVenue(world, { fillWindowSeconds: 2, outboundSeconds: 1, returnSeconds: 1 });
    const fallback = publicVenue();
    const venues: Venue[] = [cross, fallback];
    const request = wethSellIntent(world, parseEther('300'));
    const vault = request.intent.vault;
    const wethBefore = await balance('main', 'weth', vault);
    const routePlan = await planAll(world, [cross], request);
    const [leg] = routePlan.legs;
    assert.ok(leg);
    const venueLeg: VenueLeg = {
      intent: request.intent,
      intentHash: request.intentHash,
      legIndex: 0,
      leg,
      arrivalMidBuyAmount: request.arrivalMidBuyAmount,
    };
    // The remote chain makes a block every 200 ms, as a real chain does (its clock must pass the
    // deadline in a block before the attester may sign the expiry).
    const remote = world.chains.remote.blocks;
    await remote.setMode({ mode: 'manual', intervalMs: 200 });
    const submission = await cross.submit(venueLeg);
    const tracking = cross.track(submission, venueLeg);
    // The escrow holds the sell amount while the deposit waits.
    assert.equal(await balance('main', 'weth', vault), wethBefore - parseEther('300'));
    const outcome = await tracking.finally(() => remote.setMode({ mode: 'auto' }));
    assert.equal(outcome.status, 'not-included');
    if (outcome.status === 'not-included') t.diagnostic(outcome.reason);
    assert.equal(await balance('main', 'weth', vault), wethBefore, 'refunded in full to the vault');
    const declined = bridge?.events.find((e) => e.kind === 'declined');
    assert.ok(declined && declined.kind === 'declined' && /fillProbability/.test(declined.reason));

    // The router falls back on the same leg, as the worker does: the cheapest other candidate
    // re-priced for the leg's whole size. It fills exactly once.
    const ctx = await costContext(world);
    const { candidates } = await quoteVenues([fallback], { ...request, nowSeconds: ctx.nowSeconds });
    const priced = candidates.flatMap((candidate) => {
      const r = costAt(ctx, {
        candidate,
        sellAmount: leg.sellAmount,
        intentSellAmount: request.intent.sellAmount,
        intentMinBuyAmount: request.intent.minBuyAmount,
      });
      return r.quote ? [{ candidate, ...r }] : [];
    });
    const best = priced.sort((x, y) => (x.cost.total.amount < y.cost.total.amount ? -1 : 1))[0];
    assert.ok(best?.quote);
    const fallbackLeg = {
      candidateId: best.candidate.id,
      venue: best.candidate.venue,
      liquiditySource: best.candidate.liquiditySource,
      sellAmount: leg.sellAmount,
      quote: best.quote,
      cost: best.cost,
    };
    const venue = venueOfCandidate(venues, fallbackLeg.candidateId);
    const fallbackVenueLeg = { ...venueLeg, leg: fallbackLeg };
    const fallbackOutcome = await venue.track(await venue.submit(fallbackVenueLeg), fallbackVenueLeg);
    assert.equal(fallbackOutcome.status, 'filled');
    assert.equal(await balance('main', 'weth', vault), wethBefore - parseEther('300'));
  });

  it('error: bad venue parameters are rejected naming the field', () => {
    const cases: [Parameters<typeof crossChainVenue>[1], string][] = [
      [{ feeBps: 1.5 }, 'bridge.feeBps'],
      [{ feeBps: 10_000 }, 'bridge.feeBps'],
      [{ outboundSeconds: -1 }, 'bridge.outboundSeconds'],
      [{ fillWindowSeconds: 5, outboundSeconds: 6 }, 'bridge.fillWindowSeconds'],
      [{ fillProbability: 2 }, 'bridge.fillProbability'],
    ];
    for (const [terms, field] of cases) {
      assert.throws(
        () => crossChainVenue(world, terms),
        (e: unknown) => isHedgeRouterError(e, 'INVALID_INPUT') && e.field === field,
        field,
      );
    }
  });

  it('error: the executor refuses a bridged leg from a non-operator, twice for one leg id, or for a vault without a bridge route', async () => {
    startBridge();
    const cross = crossChainVenue(world);
    const request = wethSellIntent(world, parseEther('10'));
    const routePlan = await planAll(world, [cross], request);
    const [leg] = routePlan.legs;
    assert.ok(leg);
    const venueLeg: VenueLeg = { ...request, legIndex: 0, leg };
    const first = await cross.submit(venueLeg);
    assert.equal((await cross.track(first, venueLeg)).status, 'filled');
    const again = await cross.track(await cross.submit(venueLeg), venueLeg);
    assert.equal(again.status, 'reverted', 'a second bridgeOut of the same leg id reverts (AlreadyExecuted)');

    const main = world.chains.main;
    const base = {
      executor: main.descriptor.executor.address,
      originChainId: main.descriptor.chainId,
      destinationChainId: world.descriptor.chains.remote.chainId,
      pool: remotePool(world),
      destinationSellToken: request.intent.sellToken,
      destinationBuyToken: request.intent.buyToken,
      bridgeFeeBps: 4,
      fillDeadline: Math.floor(Date.now() / 1000) + 60,
      returnFillDeadline: Math.floor(Date.now() / 1000) + 120,
    };
    const call = bridgeOutCalldata({ ...base, leg: { ...venueLeg, legIndex: 1 } });
    const stranger = main.clients.wallet(privateKeyToAccount(world.accounts.searcher.privateKey));
    assert.equal(
      await revertName(main.clients.public.call({ account: stranger.account, to: call.to, data: call.data })),
      'NotOperator',
    );
    const noRoute = bridgeOutCalldata({
      ...base,
      leg: {
        ...venueLeg,
        legIndex: 2,
        intent: { ...request.intent, vault: world.accounts.searcher.address },
      },
    });
    assert.equal(
      await revertName(
        main.clients.public.call({
          account: world.accounts.executor.address,
          to: noRoute.to,
          data: noRoute.data,
        }),
      ),
      'BridgeNotSet',
    );
    const route = await main.clients.public.readContract({
      address: main.descriptor.executor.address,
      abi: hedgeExecutorAbi,
      functionName: 'vaultSpokePool',
      args: [request.intent.vault],
    });
    assert.equal(route, main.descriptor.bridge.spokePool);
  });
});

/** The executor's custom error a call reverted with (decoded from the revert data). */
async function revertName(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    const data =
      error instanceof BaseError ? error.walk((e) => isHex((e as { data?: unknown }).data)) : undefined;
    const raw = (data as { data?: Hex } | undefined)?.data;
    if (raw) return decodeErrorResult({ abi: hedgeExecutorAbi, data: raw }).errorName;
    throw error;
  }
  throw new Error('the call did not revert');
}

function remotePool(world: World) {
  const p = world.descriptor.chains.remote.pools[0];
  if (!p) throw new Error('no remote pool');
  return { address: p.address, fee: p.fee, token0: p.token0, token1: p.token1 };
}
