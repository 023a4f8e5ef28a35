import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { type HedgeIntent, hedgeIntentTypedData } from '@hedge-router/router';
import {
  deriveBridgeAttester,
  type IntentBridge,
  type Orderbook,
  startIntentBridge,
  startOrderbook,
  startWorld,
  type World,
} from '@hedge-router/simulations';
import { createBatchAuctionVenue, erc20Abi, quoteVenues, type VenueLeg } from '@hedge-router/solvers';
import { type Address, hashTypedData, parseEther, parseUnits } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { type ApiHarness, signedIntentBody, startApi } from './apiFixture.js';

type IntentView = {
  status: string;
  statusReason: string | null;
  legs: {
    legIndex: number;
    venue: string;
    status: string;
    fill?: { sellAmount: string; buyAmount: string };
  }[];
  filled: { sellAmount: string; buyAmount: string };
  reconciliation: { balancesMatch: boolean; legsReconciled: number } | null;
};

const TERMINAL = ['filled', 'partially_filled', 'expired', 'failed', 'cancelled'];

// Venues II through the service: the API configured with the CoW orderbook, the cross-chain
// venue and netting (as `npm start` configures it), driven through POST /v1/intents with
// keeper-signed intents; the worker routes, executes and reconciles.
describe('API: batch auction, cross-chain venue and netting', () => {
  let world: World;
  let book: Orderbook;
  let bridge: IntentBridge;
  let api: ApiHarness;
  let worker: { stop: () => Promise<void> } | undefined;
  let nonce = 1n;

  before(async () => {
    world = await startWorld({
      descriptorPath: join(mkdtempSync(join(tmpdir(), 'hedge-venues-api-')), 'world.json'),
    });
    book = await startOrderbook({
      chain: world.chains.main,
      solverPrivateKey: world.accounts.solver.privateKey,
      auctionIntervalMs: 500,
    });
    bridge = startIntentBridge({
      chains: [world.chains.main, world.chains.remote],
      relayer: world.accounts.relayer,
      attester: deriveBridgeAttester(world.descriptor.mnemonic),
      latencyMs: 100,
      minFeeBps: 4,
      pollIntervalMs: 20,
    });
    api = await startApi(world, {
      COW_ORDERBOOK_URL: book.url,
      COW_AUCTION_INTERVAL_SECONDS: '2',
      CROSS_CHAIN_ENABLED: 'true',
      BRIDGE_FEE_BPS: '4',
      BRIDGE_LEG_SECONDS: '6',
      NETTING_WINDOW_MS: '1500',
    });
    await api.deps.ledger.addKeeper(world.accounts.vault.address, world.accounts.keeper.address);
    await api.deps.ledger.addKeeper(world.accounts.vault2.address, world.accounts.keeper2.address);
  });
  after(async () => {
    await worker?.stop();
    await api?.close();
    await bridge?.stop();
    await book?.stop();
    await world?.stop();
  });
  beforeEach(() => {
    worker = api.startWorker();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  const tokens = () => world.descriptor.chains.main.tokens;
  const balance = (token: Address, owner: Address) =>
    world.chains.main.clients.public.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [owner],
    });
  const submit = async (intent: HedgeIntent, keeperKey: `0x${string}`) => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/v1/intents',
      payload: await signedIntentBody(world, intent, keeperKey),
    });
    assert.equal(res.statusCode, 202, res.body);
    return res.json().id as string;
  };
  const waitDone = async (id: string, timeoutMs = 60_000): Promise<IntentView> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const view = (await api.app.inject(`/v1/intents/${id}`)).json() as IntentView;
      if (TERMINAL.includes(view.status)) return view;
      if (Date.now() > end) throw new Error(`intent ${id} still ${view.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const wethSell = (sellWeth: string, overrides: Partial<HedgeIntent> = {}): HedgeIntent => ({
    vault: world.accounts.vault.address,
    sellToken: tokens().weth.address,
    buyToken: tokens().usd.address,
    sellAmount: parseEther(sellWeth),
    minBuyAmount: (parseUnits(sellWeth, 6) * 3_000n * 97n) / 100n,
    deadline: Math.floor(Date.now() / 1000) + 180,
    nonce: nonce++,
    partialFill: false,
    ...overrides,
  });

  it('behavior: an intent with an opposite order resting in the CoW book fills through the batch auction', async () => {
    const { chainId } = world.descriptor.chains.main;
    const d = world.descriptor.chains.main;
    assert.ok(d.cow);
    // A patient CoW trader (vault2, through its own CoW client) sells 30,000 USDC with a limit
    // the pool alone cannot meet (3 bps from the mid): it rests until an opposite order comes.
    const usdAmount = parseUnits('30000', 6);
    const midWei = parseEther('10');
    const restingIntent: HedgeIntent = {
      vault: world.accounts.vault2.address,
      sellToken: tokens().usd.address,
      buyToken: tokens().weth.address,
      sellAmount: usdAmount,
      minBuyAmount: (midWei * 9_997n) / 10_000n,
      deadline: Math.floor(Date.now() / 1000) + 180,
      nonce: 10_000n,
      partialFill: false,
    };
    const resting = {
      intent: restingIntent,
      intentHash: hashTypedData(hedgeIntentTypedData({ intent: restingIntent, chainId })),
    };
    const cowClient = createBatchAuctionVenue({
      chainId,
      client: world.chains.main.clients.public,
      operator: world.chains.main.clients.wallet(privateKeyToAccount(world.accounts.executor.privateKey)),
      executor: d.executor.address,
      settlement: d.cow.settlement,
      orderbookUrl: book.url,
      pools: d.pools,
      auctionIntervalSeconds: 1,
      validitySeconds: 120,
      pollIntervalMs: 50,
    });
    const [candidate] = (
      await quoteVenues([cowClient], { ...resting, nowSeconds: Math.floor(Date.now() / 1000) })
    ).candidates;
    assert.ok(candidate);
    const quote = candidate.quote({ sellAmount: usdAmount, limitBuyAmount: restingIntent.minBuyAmount });
    // Its quote (the pool alone) cannot meet that limit; it is placed at the limit anyway.
    assert.equal(quote, undefined);
    const restingLeg: VenueLeg = {
      ...resting,
      legIndex: 0,
      arrivalMidBuyAmount: midWei,
      leg: {
        candidateId: candidate.id,
        venue: candidate.venue,
        liquiditySource: candidate.liquiditySource,
        sellAmount: usdAmount,
        quote: {
          sellAmount: usdAmount,
          expectedBuyAmount: midWei,
          minBuyAmount: restingIntent.minBuyAmount,
          feesInBuy: 0n,
          gasUnits: 0n,
          mevLeakageInBuy: 0n,
          timing: { expectedSecondsToFill: 1, fillProbability: 1, secondsLostOnNonFill: 1 },
        },
        cost: undefined as never,
      },
    };
    const restingSubmission = await cowClient.submit(restingLeg);
    // Auctions run every 500 ms: it stays open (the pool alone is 5 bps away).
    await new Promise((r) => setTimeout(r, 1_200));
    assert.equal(
      book.orders.get(restingSubmission.order?.uid.toLowerCase() as `0x${string}`)?.status,
      'open',
    );

    const vaultUsd = await balance(tokens().usd.address, world.accounts.vault.address);
    const id = await submit(wethSell('10'), world.accounts.keeper.privateKey);
    const done = await waitDone(id);
    assert.equal(done.status, 'filled', done.statusReason ?? '');
    // One leg, through the batch auction (a placement that failed is retried on the same leg).
    assert.ok(done.legs.every((l) => l.legIndex === 0 && l.venue === 'batch-auction'));
    assert.equal(done.legs.filter((l) => l.status === 'filled').length, 1);
    assert.equal(done.reconciliation?.balancesMatch, true);
    assert.equal(
      (await balance(tokens().usd.address, world.accounts.vault.address)) - vaultUsd,
      BigInt(done.filled.buyAmount),
    );
    const resolved = await cowClient.track(restingSubmission, restingLeg);
    assert.equal(resolved.status, 'filled', 'the resting order traded in the same batch');
    const pair = book.auctions.find((a) => a.settlement?.status === 'success')?.pairs[0];
    assert.equal(pair?.kind, 'coincidence-of-wants');
  });

  it('behavior: a big intent fills (mostly) through the cross-chain venue and reconciles', async () => {
    const vault = world.accounts.vault.address;
    const wethBefore = await balance(tokens().weth.address, vault);
    const id = await submit(wethSell('600'), world.accounts.keeper.privateKey);
    const done = await waitDone(id, 120_000);
    assert.equal(done.status, 'filled', done.statusReason ?? '');
    const cross = done.legs.filter((l) => l.venue === 'cross-chain' && l.status === 'filled');
    assert.ok(cross.length === 1, `legs: ${JSON.stringify(done.legs.map((l) => [l.venue, l.status]))}`);
    assert.ok(
      BigInt(cross[0]?.fill?.sellAmount ?? 0) * 2n > parseEther('600'),
      'most of it went cross-chain',
    );
    assert.equal(done.reconciliation?.balancesMatch, true);
    assert.equal(await balance(tokens().weth.address, vault), wethBefore - parseEther('600'));
  });

  it('behavior: two opposite intents from two vaults arriving within the window are netted; only the remainder is routed', async (t) => {
    const { weth, usd } = tokens();
    const before = {
      aWeth: await balance(weth.address, world.accounts.vault.address),
      aUsd: await balance(usd.address, world.accounts.vault.address),
      bWeth: await balance(weth.address, world.accounts.vault2.address),
      bUsd: await balance(usd.address, world.accounts.vault2.address),
    };
    const a = wethSell('40');
    const b: HedgeIntent = {
      vault: world.accounts.vault2.address,
      sellToken: usd.address,
      buyToken: weth.address,
      sellAmount: parseUnits('30000', 6),
      minBuyAmount: parseEther('9.7'),
      deadline: Math.floor(Date.now() / 1000) + 180,
      nonce: nonce++,
      partialFill: false,
    };
    const [idA, idB] = await Promise.all([
      submit(a, world.accounts.keeper.privateKey),
      submit(b, world.accounts.keeper2.privateKey),
    ]);
    const [doneA, doneB] = await Promise.all([waitDone(idA), waitDone(idB)]);
    t.diagnostic(`A legs ${JSON.stringify(doneA.legs)}; B legs ${JSON.stringify(doneB.legs)}`);
    assert.equal(doneA.status, 'filled', doneA.statusReason ?? '');
    assert.equal(doneB.status, 'filled', doneB.statusReason ?? '');
    // B crossed in full; A crossed 10 WETH and routed the other 30 through a venue.
    assert.deepEqual(
      doneB.legs.map((l) => [l.legIndex, l.venue, l.status]),
      [[0, 'netting', 'filled']],
    );
    assert.deepEqual(doneA.legs[0] && [doneA.legs[0].legIndex, doneA.legs[0].venue, doneA.legs[0].status], [
      0,
      'netting',
      'filled',
    ]);
    assert.ok(
      doneA.legs.slice(1).some((l) => l.legIndex === 1 && l.status === 'filled' && l.venue !== 'netting'),
    );
    const crossedA = doneA.legs[0]?.fill;
    const crossedB = doneB.legs[0]?.fill;
    assert.ok(crossedA && crossedB);
    assert.equal(crossedA.buyAmount, crossedB.sellAmount, 'A got exactly what B sold');
    assert.equal(crossedB.buyAmount, crossedA.sellAmount, 'B got exactly what A sold');
    assert.equal(BigInt(doneA.filled.sellAmount), parseEther('40'));
    assert.equal(doneA.reconciliation?.balancesMatch, true);
    assert.equal(doneB.reconciliation?.balancesMatch, true);
    assert.equal(await balance(weth.address, world.accounts.vault.address), before.aWeth - parseEther('40'));
    assert.equal(
      await balance(usd.address, world.accounts.vault.address),
      before.aUsd + BigInt(doneA.filled.buyAmount),
    );
    assert.equal(
      await balance(usd.address, world.accounts.vault2.address),
      before.bUsd - parseUnits('30000', 6),
    );
    assert.equal(
      await balance(weth.address, world.accounts.vault2.address),
      before.bWeth + BigInt(doneB.filled.buyAmount),
    );
    // The crossed part is at the mid: B's 30,000 USDC bought 10 WETH within a bp.
    const midWei = parseEther('10');
    const got = BigInt(crossedB.buyAmount);
    assert.ok(got * 10_000n >= midWei * 9_999n, `B got ${got}`);
  });
});
