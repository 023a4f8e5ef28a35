import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ContractsSigningScheme,
  OrderKind,
  OrderSigningUtils,
  SettlementEncoder,
  type SupportedChainId,
  setGlobalAdapter,
} from '@cowprotocol/cow-sdk';
import { ViemAdapter } from '@cowprotocol/sdk-viem-adapter';
import { erc20Abi } from '@hedge-router/solvers';
import { type Address, type Hex, maxUint256, parseAbi, parseEther, parseUnits, zeroHash } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { loadArtifact } from './artifacts.js';
import { startWorld, type World } from './startWorld.js';

// Two matching orders signed with the real CoW SDK, settled in one settle() call on the real
// GPv2Settlement by the allow-listed solver: the same path the batch-auction venue will take.
describe('CoW Protocol on the local world', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ descriptorPath: null });
  });
  after(async () => {
    await world?.stop();
  });

  const settlementAbi = () => loadArtifact('GPv2Settlement').abi;

  async function signedOrders() {
    const main = world.chains.main;
    const cow = main.descriptor.cow;
    assert.ok(cow);
    const { weth, usd } = main.descriptor.tokens;
    const chainId = main.descriptor.chainId as SupportedChainId;
    const options = { settlementContractOverride: { [chainId]: cow.settlement } };
    const validTo = Math.floor(Date.now() / 1000) + 600;
    // vault sells 10 WETH for ≥ 29,900 USDC; vault2 sells 30,000 USDC for ≥ 9.95 WETH.
    const orders = [
      {
        owner: world.accounts.vault,
        order: {
          sellToken: weth.address,
          buyToken: usd.address,
          sellAmount: parseEther('10'),
          buyAmount: parseUnits('29900', 6),
        },
      },
      {
        owner: world.accounts.vault2,
        order: {
          sellToken: usd.address,
          buyToken: weth.address,
          sellAmount: parseUnits('30000', 6),
          buyAmount: parseEther('9.95'),
        },
      },
    ];
    const signed = [];
    for (const { owner, order } of orders) {
      const account = privateKeyToAccount(owner.privateKey);
      const approval = await main.clients.wallet(account).writeContract({
        address: order.sellToken,
        abi: erc20Abi,
        functionName: 'approve',
        args: [cow.vaultRelayer, maxUint256],
      });
      await main.clients.public.waitForTransactionReceipt({ hash: approval });
      const adapter = new ViemAdapter({ provider: main.clients.public, signer: owner.privateKey });
      setGlobalAdapter(adapter);
      const unsigned = {
        sellToken: order.sellToken,
        buyToken: order.buyToken,
        receiver: account.address,
        sellAmount: order.sellAmount.toString(),
        buyAmount: order.buyAmount.toString(),
        validTo,
        appData: zeroHash,
        feeAmount: '0',
        kind: OrderKind.SELL,
        partiallyFillable: false,
      };
      const { signature } = await OrderSigningUtils.signOrder(unsigned, chainId, adapter.signer, options);
      signed.push({ account, order, unsigned, signature: signature as Hex });
    }
    const domain = await OrderSigningUtils.getDomain(chainId, options);
    return { signed, domain, cow, weth, usd };
  }

  it('behavior: the SDK domain separator equals the contract’s', async () => {
    const main = world.chains.main;
    const cow = main.descriptor.cow;
    assert.ok(cow);
    const chainId = main.descriptor.chainId as SupportedChainId;
    setGlobalAdapter(
      new ViemAdapter({ provider: main.clients.public, signer: world.accounts.solver.privateKey }),
    );
    const fromSdk = await OrderSigningUtils.getDomainSeparator(chainId, {
      settlementContractOverride: { [chainId]: cow.settlement },
    });
    const fromChain = await main.clients.public.readContract({
      address: cow.settlement,
      abi: parseAbi(['function domainSeparator() view returns (bytes32)']),
      functionName: 'domainSeparator',
    });
    assert.equal(fromSdk.toLowerCase(), fromChain.toLowerCase());
  });

  it('behavior: two matching orders settle in one settle() by the allow-listed solver; a non-solver reverts', async () => {
    const main = world.chains.main;
    const snapshot = await world.snapshot();
    const { signed, domain, cow, weth, usd } = await signedOrders();

    const encoder = new SettlementEncoder(domain);
    for (const { unsigned, signature } of signed) {
      encoder.encodeTrade(
        { ...unsigned, validTo: unsigned.validTo, appData: unsigned.appData },
        { scheme: ContractsSigningScheme.EIP712, data: signature },
      );
    }
    // Uniform clearing price 3,000 USDC/WETH: sell × p[sell] = buy × p[buy].
    const prices: Record<string, bigint> = {
      [weth.address]: parseUnits('3000', 6),
      [usd.address]: parseEther('1'),
    };
    const [tokens, clearingPrices, trades, interactions] = encoder.encodedSettlement(prices);
    const args = [tokens, clearingPrices, trades, interactions] as unknown as readonly unknown[];

    const balance = (token: Address, owner: Address) =>
      main.clients.public.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [owner],
      });
    const [vault, vault2] = signed.map((s) => s.account.address) as [Address, Address];
    const before = {
      vaultUsd: await balance(usd.address, vault),
      vault2Weth: await balance(weth.address, vault2),
    };

    // A non-solver's settle() reverts with the contract's own message.
    const stranger = privateKeyToAccount(world.accounts.searcher.privateKey);
    await assert.rejects(
      main.clients.public.simulateContract({
        account: stranger,
        address: cow.settlement,
        abi: settlementAbi(),
        functionName: 'settle',
        args,
      }),
      /GPv2: not a solver/,
    );

    const solver = privateKeyToAccount(world.accounts.solver.privateKey);
    const hash = await main.clients.wallet(solver).writeContract({
      address: cow.settlement,
      abi: settlementAbi(),
      functionName: 'settle',
      args,
    });
    const receipt = await main.clients.public.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, 'success');
    assert.ok(receipt.gasUsed > 100_000n && receipt.gasUsed < 400_000n, `settle gas ${receipt.gasUsed}`);
    // Each side receives exactly the uniform clearing price's amount: no AMM, no slippage.
    assert.equal((await balance(usd.address, vault)) - before.vaultUsd, parseUnits('30000', 6));
    assert.equal((await balance(weth.address, vault2)) - before.vault2Weth, parseEther('10'));
    await world.revert(snapshot);
  });
});
