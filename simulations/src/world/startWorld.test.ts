import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { erc20Abi, quoterV2Abi, swapRouterAbi, uniswapV3PoolAbi } from '@hedge-router/solvers';
import { type Address, formatUnits, parseEther, parseUnits } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { readWorldDescriptor } from './descriptor.js';
import { startWorld, type World } from './startWorld.js';

const MAX_UINT = 2n ** 256n - 1n;

describe('the local world', () => {
  let world: World;
  const descriptorPath = join(mkdtempSync(join(tmpdir(), 'hedge-world-')), 'world.json');

  before(async () => {
    world = await startWorld({ descriptorPath });
  });
  after(async () => {
    await world?.stop();
  });

  const balanceOf = (token: Address, owner: Address) =>
    world.chains.main.clients.public.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [owner],
    });

  it('behavior: boots both chains with the fixed chain ids and writes a descriptor other processes can read', async () => {
    assert.equal(await world.chains.main.clients.public.getChainId(), 31337);
    assert.equal(await world.chains.remote.clients.public.getChainId(), 31338);
    const fromFile = readWorldDescriptor(descriptorPath);
    assert.deepEqual(fromFile, world.descriptor);
    const { main } = world.descriptor.chains;
    assert.equal(main.tokens.usd.decimals, 6);
    assert.equal(main.tokens.weth.decimals, 18);
    assert.equal(main.pools.length, 2);
    assert.ok(main.cow, 'CoW Protocol is deployed on the main chain');
    assert.equal(world.descriptor.chains.remote.cow, null);
  });

  it('behavior: deterministic: the same mnemonic gives the same addresses on every boot', async () => {
    // Addresses follow from the deployer's nonce: these are anvil's first CREATE addresses.
    assert.equal(
      world.descriptor.chains.main.tokens.weth.address,
      '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    );
    assert.equal(world.accounts.vault.address, '0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
  });

  it('behavior: pools start at the configured price with concentrated, not only full-range, liquidity', async () => {
    const client = world.chains.main.clients.public;
    for (const pool of world.descriptor.chains.main.pools) {
      const [sqrtPriceX96] = await client.readContract({
        address: pool.address,
        abi: uniswapV3PoolAbi,
        functionName: 'slot0',
      });
      const wethIsToken0 = pool.token0 === world.descriptor.chains.main.tokens.weth.address;
      const raw = (Number(sqrtPriceX96) / 2 ** 96) ** 2;
      const usdPerWeth = wethIsToken0 ? raw * 1e12 : 1e12 / raw;
      assert.ok(
        Math.abs(usdPerWeth / world.descriptor.wethPriceUsd - 1) < 1e-6,
        `${pool.label} price ${usdPerWeth}`,
      );
      assert.ok(pool.positions.length >= 3);
      assert.ok(
        pool.positions.some((p) => p.tickUpper - p.tickLower < 2000),
        'a narrow range exists',
      );
    }
    // TVL near the price: the main pool holds about $20M, the 0.30% pool about $2M.
    const { weth, usd } = world.descriptor.chains.main.tokens;
    const tvlUsd = async (pool: Address) =>
      Number(formatUnits(await balanceOf(weth.address, pool), 18)) * world.descriptor.wethPriceUsd +
      Number(formatUnits(await balanceOf(usd.address, pool), 6));
    const [deep, thin] = world.descriptor.chains.main.pools;
    assert.ok(deep && thin);
    const deepTvl = await tvlUsd(deep.address);
    const thinTvl = await tvlUsd(thin.address);
    assert.ok(deepTvl > 18e6 && deepTvl < 22e6, `main pool TVL ${deepTvl}`);
    assert.ok(thinTvl > 1.5e6 && thinTvl < 2.5e6, `thin pool TVL ${thinTvl}`);
  });

  it('behavior: named accounts are funded as configured; keepers hold nothing', async () => {
    const { weth, usd } = world.descriptor.chains.main.tokens;
    assert.equal(await balanceOf(weth.address, world.accounts.vault.address), parseEther('1000'));
    assert.equal(await balanceOf(usd.address, world.accounts.vault.address), parseUnits('3000000', 6));
    const keeperEth = await world.chains.main.clients.public.getBalance({
      address: world.accounts.keeper.address,
    });
    assert.equal(keeperEth, 0n);
    assert.equal(await balanceOf(weth.address, world.accounts.keeper.address), 0n);
  });

  it('behavior: a swap through SwapRouter returns exactly what QuoterV2 predicted, both directions, both pools', async () => {
    const { public: client, wallet } = world.chains.main.clients;
    const { tokens, uniswapV3, pools } = world.descriptor.chains.main;
    const trader = privateKeyToAccount(world.accounts.arbitrageur.privateKey);
    const walletClient = wallet(trader);
    for (const token of [tokens.weth.address, tokens.usd.address]) {
      const hash = await walletClient.writeContract({
        address: token,
        abi: erc20Abi,
        functionName: 'approve',
        args: [uniswapV3.swapRouter, MAX_UINT],
      });
      await client.waitForTransactionReceipt({ hash });
    }
    const cases = pools.flatMap((pool) => [
      { pool, tokenIn: tokens.weth.address, tokenOut: tokens.usd.address, amountIn: parseEther('250') },
      { pool, tokenIn: tokens.usd.address, tokenOut: tokens.weth.address, amountIn: parseUnits('400000', 6) },
    ]);
    for (const { pool, tokenIn, tokenOut, amountIn } of cases) {
      const { result } = await client.simulateContract({
        address: uniswapV3.quoterV2,
        abi: quoterV2Abi,
        functionName: 'quoteExactInputSingle',
        args: [{ tokenIn, tokenOut, amountIn, fee: pool.fee, sqrtPriceLimitX96: 0n }],
      });
      const [quotedOut] = result;
      const before = await balanceOf(tokenOut, trader.address);
      const hash = await walletClient.writeContract({
        address: uniswapV3.swapRouter,
        abi: swapRouterAbi,
        functionName: 'exactInputSingle',
        args: [
          {
            tokenIn,
            tokenOut,
            fee: pool.fee,
            recipient: trader.address,
            deadline: 2n ** 40n,
            amountIn,
            amountOutMinimum: quotedOut,
            sqrtPriceLimitX96: 0n,
          },
        ],
        // Not viem's estimate: it is the exact minimum for the state it ran on, and a swap that
        // lands in a block of a later second also writes the pool's oracle observation (more gas),
        // so under load the estimate ran out of gas and the swap reverted.
        gas: 1_000_000n,
      });
      const receipt = await client.waitForTransactionReceipt({ hash });
      assert.equal(receipt.status, 'success');
      const received = (await balanceOf(tokenOut, trader.address)) - before;
      assert.equal(
        received,
        quotedOut,
        `${pool.label} ${tokenIn === tokens.weth.address ? 'sell' : 'buy'} WETH`,
      );
      assert.ok(quotedOut > 0n);
    }
  });

  it('behavior: snapshot/revert restores balances and pool state', async () => {
    const { tokens } = world.descriptor.chains.main;
    const vault = privateKeyToAccount(world.accounts.vault.privateKey);
    const snapshot = await world.snapshot();
    const before = await balanceOf(tokens.weth.address, vault.address);
    const t0 = performance.now();
    const hash = await world.chains.main.clients.wallet(vault).writeContract({
      address: tokens.weth.address,
      abi: erc20Abi,
      functionName: 'transfer',
      args: [world.accounts.keeper.address, parseEther('7')],
    });
    await world.chains.main.clients.public.waitForTransactionReceipt({ hash });
    assert.equal(await balanceOf(tokens.weth.address, vault.address), before - parseEther('7'));
    await world.revert(snapshot);
    assert.equal(await balanceOf(tokens.weth.address, vault.address), before);
    assert.equal(await balanceOf(tokens.weth.address, world.accounts.keeper.address), 0n);
    assert.ok(performance.now() - t0 < 2000);
  });

  it('behavior: reset returns to the state right after boot', async () => {
    const { tokens } = world.descriptor.chains.main;
    const vault = privateKeyToAccount(world.accounts.vault.privateKey);
    const hash = await world.chains.main.clients.wallet(vault).writeContract({
      address: tokens.usd.address,
      abi: erc20Abi,
      functionName: 'transfer',
      args: [world.accounts.keeper.address, 123n],
    });
    await world.chains.main.clients.public.waitForTransactionReceipt({ hash });
    await world.reset();
    assert.equal(await balanceOf(tokens.usd.address, vault.address), parseUnits('3000000', 6));
  });

  it('behavior: manual block mode keeps transactions visible in the mempool until a block is mined', async () => {
    const main = world.chains.main;
    const { tokens } = world.descriptor.chains.main;
    const vault = privateKeyToAccount(world.accounts.vault.privateKey);
    await main.blocks.setMode({ mode: 'manual' });
    try {
      const hash = await main.clients.wallet(vault).writeContract({
        address: tokens.weth.address,
        abi: erc20Abi,
        functionName: 'transfer',
        args: [world.accounts.keeper.address, 1n],
      });
      const pool = await main.clients.test.getTxpoolContent();
      const pending = Object.values(pool.pending).flatMap((byNonce) => Object.values(byNonce));
      assert.ok(
        pending.some((tx) => tx.hash === hash),
        'the transaction waits in the public mempool',
      );
      assert.equal(await balanceOf(tokens.weth.address, world.accounts.keeper.address), 0n);
      await main.blocks.mine();
      const receipt = await main.clients.public.getTransactionReceipt({ hash });
      assert.equal(receipt.status, 'success');
      assert.equal(await balanceOf(tokens.weth.address, world.accounts.keeper.address), 1n);
    } finally {
      await main.blocks.setMode({ mode: 'auto' });
      await world.reset();
    }
  });

  it('behavior: manual mode on a schedule mines blocks by itself', async () => {
    const main = world.chains.main;
    const start = await main.clients.public.getBlockNumber();
    await main.blocks.setMode({ mode: 'manual', intervalMs: 50 });
    await new Promise((r) => setTimeout(r, 400));
    await main.blocks.setMode({ mode: 'auto' });
    const end = await main.clients.public.getBlockNumber();
    assert.ok(end - start >= 3n, `mined ${end - start} blocks in 400 ms`);
  });

  it('behavior: stop ends both anvil processes', async () => {
    const pids = [world.chains.main.anvil.pid, world.chains.remote.anvil.pid];
    await world.stop();
    for (const pid of pids) assert.throws(() => process.kill(pid, 0), /ESRCH/);
  });
});
