import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  OrderBookApi,
  OrderKind,
  OrderSigningUtils,
  type SigningScheme,
  type SupportedChainId,
  setGlobalAdapter,
} from '@cowprotocol/cow-sdk';
import { ViemAdapter } from '@cowprotocol/sdk-viem-adapter';
import { erc20Abi } from '@hedge-router/solvers';
import { type Address, type Hex, maxUint256, parseEther, parseUnits, zeroHash } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { NamedAccount } from '../world/accounts.js';
import { startWorld, type World } from '../world/startWorld.js';
import { type Orderbook, startOrderbook } from './startOrderbook.js';

// The local orderbook driven by the real SDK client (OrderBookApi) with EOA-signed orders.
describe('local CoW orderbook', () => {
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

  const chainId = () => world.descriptor.chains.main.chainId as SupportedChainId;
  const api = () =>
    new OrderBookApi({
      chainId: chainId(),
      baseUrls: { [chainId()]: book?.url } as Record<SupportedChainId, string>,
      limiterOpts: { tokensPerInterval: 1000, interval: 'second' },
      backoffOpts: { numOfAttempts: 1 },
    });
  const balance = (token: Address, owner: Address) =>
    world.chains.main.clients.public.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [owner],
    });
  const chainNow = async () =>
    Number((await world.chains.main.clients.public.getBlock({ blockTag: 'latest' })).timestamp);

  /** Signs (EIP-712, with the SDK) and returns an order body for `owner`. */
  async function signed(
    owner: NamedAccount,
    order: { sellToken: Address; buyToken: Address; sellAmount: bigint; buyAmount: bigint; validTo?: number },
  ) {
    const main = world.chains.main;
    const cow = main.descriptor.cow;
    assert.ok(cow);
    await main.clients.wallet(privateKeyToAccount(owner.privateKey)).writeContract({
      address: order.sellToken,
      abi: erc20Abi,
      functionName: 'approve',
      args: [cow.vaultRelayer, maxUint256],
    });
    const adapter = new ViemAdapter({ provider: main.clients.public, signer: owner.privateKey });
    setGlobalAdapter(adapter);
    const unsigned = {
      sellToken: order.sellToken,
      buyToken: order.buyToken,
      receiver: owner.address,
      sellAmount: order.sellAmount.toString(),
      buyAmount: order.buyAmount.toString(),
      validTo: order.validTo ?? (await chainNow()) + 600,
      appData: zeroHash,
      feeAmount: '0',
      kind: OrderKind.SELL,
      partiallyFillable: false,
    };
    const { signature, signingScheme } = await OrderSigningUtils.signOrder(
      unsigned,
      chainId(),
      adapter.signer,
      {
        settlementContractOverride: { [chainId()]: cow.settlement },
      },
    );
    return {
      ...unsigned,
      signature: signature as Hex,
      signingScheme: signingScheme as unknown as SigningScheme,
      from: owner.address,
    };
  }

  const errorOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (error) {
      const e = error as { response?: { status: number }; body?: { errorType: string; description: string } };
      return { status: e.response?.status, ...e.body };
    }
    assert.fail('expected the API to refuse');
  };

  it('behavior: two opposite orders settle against each other at the pool mid, no AMM hop', async (t) => {
    const { weth, usd } = world.descriptor.chains.main.tokens;
    const { vault, vault2 } = world.accounts;
    const a = await signed(vault, {
      sellToken: weth.address,
      buyToken: usd.address,
      sellAmount: parseEther('10'),
      buyAmount: parseUnits('29900', 6),
    });
    const b = await signed(vault2, {
      sellToken: usd.address,
      buyToken: weth.address,
      sellAmount: parseUnits('30000', 6),
      buyAmount: parseEther('9.95'),
    });
    const client = api();
    const uidA = await client.sendOrder(a);
    const uidB = await client.sendOrder(b);
    assert.equal((await client.getOrderCompetitionStatus(uidA)).type, 'open');
    const before = {
      usd: await balance(usd.address, vault.address),
      weth: await balance(weth.address, vault2.address),
    };
    const report = await book?.runAuction();
    assert.ok(report?.settlement, report?.idleReason);
    assert.equal(report.settlement.status, 'success');
    const [pair] = report.pairs;
    assert.equal(pair?.kind, 'coincidence-of-wants');
    assert.equal(pair?.interaction, undefined);
    const gotUsd = (await balance(usd.address, vault.address)) - before.usd;
    const gotWeth = (await balance(weth.address, vault2.address)) - before.weth;
    const tradeA = pair?.trades.find((x) => x.uid === uidA);
    assert.equal(gotUsd, tradeA?.buyAmount);
    // At the mid: 10 WETH ≈ 30,000 USDC less the 2 bps fee and a gas share (< 1 USDC here).
    assert.ok(gotUsd > parseUnits('29992', 6) && gotUsd < parseUnits('30000', 6), `vault got ${gotUsd}`);
    assert.ok(gotWeth > parseEther('9.997') && gotWeth < parseEther('10'), `vault2 got ${gotWeth}`);
    t.diagnostic(
      `CoW pair: vault got ${gotUsd} USDC units, vault2 ${gotWeth} wei, gas ${report.settlement.gasUsed}`,
    );
    assert.equal((await client.getOrderCompetitionStatus(uidA)).type, 'traded');
    assert.equal((await client.getOrder(uidB)).status, 'fulfilled');
    const trades = await client.getTrades({ orderUid: uidA });
    assert.equal(trades.length, 1);
    assert.equal(BigInt(trades[0]?.buyAmount ?? 0), gotUsd);
  });

  it('behavior: a one-sided order routes through the pool and gets at least EBBO and its limit', async () => {
    const { weth, usd } = world.descriptor.chains.main.tokens;
    const order = await signed(world.accounts.vault, {
      sellToken: weth.address,
      buyToken: usd.address,
      sellAmount: parseEther('50'),
      buyAmount: parseUnits('148000', 6),
    });
    const client = api();
    const uid = await client.sendOrder(order);
    const report = await book?.runAuction();
    assert.equal(report?.settlement?.status, 'success', report?.idleReason);
    const trade = report?.pairs[0]?.trades[0];
    assert.ok(trade && report?.pairs[0]?.kind === 'amm' && report.pairs[0].interaction);
    assert.ok(trade.grossBuyAmount >= trade.ammAloneBuyAmount, 'EBBO');
    assert.ok(trade.buyAmount >= trade.limitBuyAmount);
    assert.equal((await client.getOrder(uid)).status, 'fulfilled');
  });

  it('error: malformed, badly signed and expired orders get the real error shapes', async () => {
    const { weth, usd } = world.descriptor.chains.main.tokens;
    const client = api();
    const good = await signed(world.accounts.vault, {
      sellToken: weth.address,
      buyToken: usd.address,
      sellAmount: parseEther('1'),
      buyAmount: parseUnits('2900', 6),
    });
    // A signature by someone else than `from`.
    const other = await signed(world.accounts.vault2, {
      sellToken: weth.address,
      buyToken: usd.address,
      sellAmount: parseEther('1'),
      buyAmount: parseUnits('2900', 6),
    });
    assert.deepEqual(
      {
        ...(await errorOf(client.sendOrder({ ...good, signature: other.signature }))),
        description: undefined,
      },
      { status: 400, errorType: 'WrongOwner', description: undefined },
    );
    const garbage = `0x${'11'.repeat(65)}` as Hex;
    assert.equal(
      (await errorOf(client.sendOrder({ ...good, signature: garbage }))).errorType,
      'InvalidSignature',
    );
    const expired = await signed(world.accounts.vault, {
      sellToken: weth.address,
      buyToken: usd.address,
      sellAmount: parseEther('1'),
      buyAmount: parseUnits('2900', 6),
      validTo: (await chainNow()) - 1,
    });
    assert.equal((await errorOf(client.sendOrder(expired))).errorType, 'InsufficientValidTo');
    assert.equal((await errorOf(client.sendOrder({ ...good, sellAmount: '0' }))).errorType, 'ZeroAmount');
    assert.equal(
      (await errorOf(client.sendOrder({ ...good, buyToken: weth.address }))).errorType,
      'SameBuyAndSellToken',
    );
    const uid = await client.sendOrder(good);
    assert.equal((await errorOf(client.sendOrder(good))).errorType, 'DuplicatedOrder');
    const missing = await errorOf(client.getOrder(`0x${'ab'.repeat(56)}`));
    assert.equal(missing.status, 404);
    // Signed cancellation: by someone else → WrongOwner; by the owner → cancelled.
    setGlobalAdapter(
      new ViemAdapter({
        provider: world.chains.main.clients.public,
        signer: world.accounts.vault2.privateKey,
      }),
    );
    const options = {
      settlementContractOverride: { [chainId()]: world.descriptor.chains.main.cow?.settlement ?? '' },
    };
    const wrong = await OrderSigningUtils.signOrderCancellations(
      [uid],
      chainId(),
      undefined as never,
      options,
    );
    const wrongError = await errorOf(
      client.sendSignedOrderCancellations({ ...wrong, orderUids: [uid] } as never),
    );
    assert.equal(wrongError.errorType, 'WrongOwner');
    const adapter = new ViemAdapter({
      provider: world.chains.main.clients.public,
      signer: world.accounts.vault.privateKey,
    });
    setGlobalAdapter(adapter);
    const ok = await OrderSigningUtils.signOrderCancellations([uid], chainId(), adapter.signer, options);
    await client.sendSignedOrderCancellations({ ...ok, orderUids: [uid] } as never);
    assert.equal((await client.getOrder(uid)).status, 'cancelled');
    assert.equal(
      (await errorOf(client.sendSignedOrderCancellations({ ...ok, orderUids: [uid] } as never))).errorType,
      'AlreadyCancelled',
    );
  });
});
