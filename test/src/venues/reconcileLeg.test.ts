import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startWorld, type World } from '@hedge-router/simulations';
import {
  erc20Abi,
  hedgeExecutorAbi,
  legId,
  quoterV2Abi,
  reconcileLeg,
  swapRouterAbi,
} from '@hedge-router/solvers';
import {
  type Address,
  type Hex,
  keccak256,
  maxUint256,
  parseEther,
  parseGwei,
  parseUnits,
  stringToHex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

// Reconciliation reads what really happened: amounts from the executor's event, balances
// across the block, and whether the swap was sandwiched in its block.
describe('reconcileLeg on the local world', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ descriptorPath: null });
  });
  after(async () => {
    await world?.stop();
  });
  beforeEach(async () => {
    await world.chains.main.blocks.setMode({ mode: 'auto' });
    await world.reset();
  });

  function setup() {
    const main = world.chains.main;
    const d = main.descriptor;
    const pool = d.pools[0];
    assert.ok(pool);
    const intentHash = keccak256(stringToHex(`intent ${Math.random()}`));
    const sellAmount = parseEther('40');
    const deadline = BigInt(Math.floor(Date.now() / 1000) + 600);
    const executorTx = (maxFeePerGas: bigint) =>
      main.clients.wallet(privateKeyToAccount(world.accounts.executor.privateKey)).writeContract({
        address: d.executor.address,
        abi: hedgeExecutorAbi,
        functionName: 'swapV3',
        args: [
          {
            legId: legId(intentHash, 0),
            vault: world.accounts.vault.address,
            pool: pool.address,
            sellToken: d.tokens.weth.address,
            buyToken: d.tokens.usd.address,
            fee: pool.fee,
            sellAmount,
            minBuyAmount: 0n,
            deadline,
          },
        ],
        maxFeePerGas,
        maxPriorityFeePerGas: maxFeePerGas,
        gas: 500_000n,
      });
    const quote = async () => {
      const { result } = await main.clients.public.simulateContract({
        address: d.uniswapV3.quoterV2,
        abi: quoterV2Abi,
        functionName: 'quoteExactInputSingle',
        args: [
          {
            tokenIn: d.tokens.weth.address,
            tokenOut: d.tokens.usd.address,
            amountIn: sellAmount,
            fee: pool.fee,
            sqrtPriceLimitX96: 0n,
          },
        ],
      });
      return result[0];
    };
    const params = (txHash: Hex, quotedBuyAmount: bigint) => ({
      txHash,
      executor: d.executor.address,
      vault: world.accounts.vault.address,
      pool: pool.address,
      sellToken: d.tokens.weth.address,
      buyToken: d.tokens.usd.address,
      legId: legId(intentHash, 0),
      quotedBuyAmount,
      arrivalMidBuyAmount: parseUnits('120000', 6), // 40 WETH × $3,000
    });
    return { main, d, pool, executorTx, quote, params };
  }

  it('behavior: a clean fill reconciles: amounts from the event, balances match, no sandwich', async () => {
    const { main, executorTx, quote, params } = setup();
    const quoted = await quote();
    const hash = await executorTx(parseGwei('20'));
    await main.clients.public.waitForTransactionReceipt({ hash });
    const result = await reconcileLeg(main.clients.public, params(hash, quoted));
    assert.equal(result.status, 'filled');
    if (result.status !== 'filled') return;
    assert.equal(result.buyAmount, quoted);
    assert.equal(result.sellAmount, parseEther('40'));
    assert.equal(result.slippageVsQuoteBps, 0);
    // 0.05% fee + impact of $120k on a $20M pool: a few bps below mid, not more
    assert.ok(result.slippageVsMidBps > 5 && result.slippageVsMidBps < 20, `${result.slippageVsMidBps} bps`);
    assert.equal(result.balancesMatch, true);
    assert.deepEqual(result.sandwich, { detected: false });
    assert.ok(result.gasCostWei > 0n);
  });

  it('behavior: two fills for one vault in one block both reconcile (issue 15 #6: each read as a mismatch)', async () => {
    const first = setup();
    const second = setup();
    const quoted = await first.quote();
    await first.main.blocks.setMode({ mode: 'manual' });
    const a = await first.executorTx(parseGwei('20'));
    const b = await second.executorTx(parseGwei('19'));
    await first.main.blocks.mine();
    const [ra, rb] = await Promise.all([
      reconcileLeg(first.main.clients.public, first.params(a, quoted)),
      reconcileLeg(second.main.clients.public, second.params(b, quoted)),
    ]);
    assert.equal(ra.status, 'filled');
    assert.equal(rb.status, 'filled');
    if (ra.status !== 'filled' || rb.status !== 'filled') return;
    assert.equal(ra.blockNumber, rb.blockNumber, 'one block');
    assert.equal(ra.balanceDeltas.sell, -(ra.sellAmount + rb.sellAmount), 'the balances moved by both');
    assert.equal(ra.balancesMatch, true);
    assert.equal(rb.balancesMatch, true);
  });

  it('behavior: detects a sandwich around the leg in its block and prices the loss against the quote', async () => {
    const { main, d, pool, executorTx, quote, params } = setup();
    const quoted = await quote();
    const searcher = privateKeyToAccount(world.accounts.searcher.privateKey);
    const searcherWallet = main.clients.wallet(searcher);
    for (const token of [d.tokens.weth.address, d.tokens.usd.address]) {
      const hash = await searcherWallet.writeContract({
        address: token,
        abi: erc20Abi,
        functionName: 'approve',
        args: [d.uniswapV3.swapRouter, maxUint256],
      });
      await main.clients.public.waitForTransactionReceipt({ hash });
    }
    const swap = (tokenIn: Address, tokenOut: Address, amountIn: bigint, maxFeePerGas: bigint) =>
      searcherWallet.writeContract({
        address: d.uniswapV3.swapRouter,
        abi: swapRouterAbi,
        functionName: 'exactInputSingle',
        args: [
          {
            tokenIn,
            tokenOut,
            fee: pool.fee,
            recipient: searcher.address,
            deadline: 2n ** 40n,
            amountIn,
            amountOutMinimum: 0n,
            sqrtPriceLimitX96: 0n,
          },
        ],
        maxFeePerGas,
        maxPriorityFeePerGas: maxFeePerGas,
        gas: 300_000n,
      });

    await main.blocks.setMode({ mode: 'manual' });
    const victim = await executorTx(parseGwei('20'));
    // anvil --order fees: the higher maxFeePerGas goes first, the lower after the victim
    const front = await swap(d.tokens.weth.address, d.tokens.usd.address, parseEther('300'), parseGwei('40'));
    const back = await swap(
      d.tokens.usd.address,
      d.tokens.weth.address,
      parseUnits('890000', 6),
      parseGwei('10'),
    );
    await main.blocks.mine();

    const result = await reconcileLeg(main.clients.public, params(victim, quoted));
    assert.equal(result.status, 'filled');
    if (result.status !== 'filled') return;
    assert.deepEqual(result.sandwich, {
      detected: true,
      frontRunTx: front,
      backRunTx: back,
      attacker: searcher.address,
    });
    assert.ok(result.buyAmount < quoted);
    assert.ok(result.slippageVsQuoteBps > 10, `sandwiched slippage ${result.slippageVsQuoteBps} bps`);
    assert.equal(result.balancesMatch, true);
  });

  it('behavior: a reverted leg reconciles as reverted with its gas cost', async () => {
    const { main, d, pool, params } = setup();
    const hash = await main.clients
      .wallet(privateKeyToAccount(world.accounts.executor.privateKey))
      .writeContract({
        address: d.executor.address,
        abi: hedgeExecutorAbi,
        functionName: 'swapV3',
        args: [
          {
            legId: params('0x00', 0n).legId,
            vault: world.accounts.vault.address,
            pool: pool.address,
            sellToken: d.tokens.weth.address,
            buyToken: d.tokens.usd.address,
            fee: pool.fee,
            sellAmount: parseEther('1'),
            minBuyAmount: maxUint256,
            deadline: 2n ** 40n,
          },
        ],
        gas: 500_000n,
      });
    // automine answers with the hash before the block is sealed: reconcile a mined leg
    await main.clients.public.waitForTransactionReceipt({ hash });
    const result = await reconcileLeg(main.clients.public, params(hash, 0n));
    assert.equal(result.status, 'reverted');
    assert.ok(result.gasCostWei > 0n);
  });
});
