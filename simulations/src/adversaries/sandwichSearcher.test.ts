import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { breakEvenMinAmountOut, optimalSandwich, quoteV3ExactIn } from '@hedge-router/router';
import { hedgeExecutorAbi, legId, readV3PoolState, reconcileLeg } from '@hedge-router/solvers';
import { keccak256, parseEther, parseGwei, parseUnits, stringToHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startWorld, type World } from '../world/startWorld.js';
import { type SandwichSearcher, startSandwichSearcher } from './sandwichSearcher.js';

// The searcher must really attack: a public hedge with a loose bound loses what the router's
// model predicts, and one sent with the break-even bound is left alone.
describe('sandwich searcher on the local world', () => {
  let world: World;
  let searcher: SandwichSearcher | undefined;
  before(async () => {
    world = await startWorld({ descriptorPath: null });
  });
  after(async () => {
    await searcher?.stop();
    await world?.stop();
  });
  beforeEach(async () => {
    await searcher?.stop();
    await world.chains.main.blocks.setMode({ mode: 'auto' });
    await world.reset();
    await world.chains.main.blocks.setMode({ mode: 'manual' });
    searcher = await startSandwichSearcher({ chain: world.chains.main, account: world.accounts.searcher });
  });

  const VICTIM_MAX_FEE = parseGwei('20');
  const GAS_PER_LEG = 140_000n;
  // Big enough that its own impact (~0.3%) beats the attacker's two 0.05% fees on this deep pool:
  // smaller hedges on a $20M pool are not worth sandwiching at all.
  const SELL = parseEther('500');

  async function sendHedge(minBuyAmount: bigint) {
    const main = world.chains.main;
    const d = main.descriptor;
    const pool = d.pools[0];
    assert.ok(pool);
    const id = legId(keccak256(stringToHex(`hedge ${minBuyAmount}`)), 0);
    const hash = await main.clients
      .wallet(privateKeyToAccount(world.accounts.executor.privateKey))
      .writeContract({
        address: d.executor.address,
        abi: hedgeExecutorAbi,
        functionName: 'swapV3',
        args: [
          {
            legId: id,
            vault: world.accounts.vault.address,
            pool: pool.address,
            sellToken: d.tokens.weth.address,
            buyToken: d.tokens.usd.address,
            fee: pool.fee,
            sellAmount: SELL,
            minBuyAmount,
            deadline: 2n ** 40n,
          },
        ],
        gas: 400_000n,
        maxFeePerGas: VICTIM_MAX_FEE,
        maxPriorityFeePerGas: VICTIM_MAX_FEE,
      });
    return { hash, id, pool, d };
  }

  async function poolNow() {
    const pool = world.descriptor.chains.main.pools[0];
    assert.ok(pool);
    const state = await readV3PoolState(world.chains.main.clients.public, pool.address);
    const zeroForOne = pool.token0 === world.descriptor.chains.main.tokens.weth.address;
    return { state, zeroForOne };
  }

  // The searcher's cost as it computes it: both legs at its fees, in WETH (wei = WETH base units).
  const searcherCost = GAS_PER_LEG * (VICTIM_MAX_FEE + parseGwei('1') + VICTIM_MAX_FEE - 1n);

  it('behavior: a naive public hedge with a 1% bound is sandwiched and loses what the model predicts (within 1%)', async (t) => {
    const { state, zeroForOne } = await poolNow();
    const unattacked = quoteV3ExactIn(state, { zeroForOne, amountIn: SELL }).amountOut;
    const minBuyAmount = (unattacked * 99n) / 100n;
    const predicted = optimalSandwich({
      pool: { kind: 'uniswap-v3', state },
      zeroForOne,
      victimAmountIn: SELL,
      victimMinAmountOut: minBuyAmount,
      searcherCost,
    });
    assert.ok(predicted.profitable, 'the model says this hedge is worth attacking');

    const { hash, id, pool, d } = await sendHedge(minBuyAmount);
    const decision = await searcher?.decision(hash);
    assert.equal(decision, 'attacked', JSON.stringify(searcher?.skipped));
    await world.chains.main.blocks.mine();

    const result = await reconcileLeg(world.chains.main.clients.public, {
      txHash: hash,
      executor: d.executor.address,
      vault: world.accounts.vault.address,
      pool: pool.address,
      sellToken: d.tokens.weth.address,
      buyToken: d.tokens.usd.address,
      legId: id,
      quotedBuyAmount: unattacked,
      arrivalMidBuyAmount: parseUnits('1500000', 6),
    });
    assert.equal(result.status, 'filled');
    if (result.status !== 'filled') return;
    assert.equal(result.sandwich.detected, true);
    const realisedLoss = unattacked - result.buyAmount;
    const error = Number(realisedLoss - predicted.victimLoss) / Number(predicted.victimLoss);
    t.diagnostic(
      `victim loss: predicted ${predicted.victimLoss}, realised ${realisedLoss} USDC base units (${(error * 100).toFixed(4)}%)`,
    );
    assert.ok(Math.abs(error) < 0.01, `realised ${realisedLoss} vs predicted ${predicted.victimLoss}`);
    // the attack pushes the victim to (about) its minimum
    assert.ok(result.buyAmount >= minBuyAmount);
    assert.ok(Number(result.buyAmount - minBuyAmount) / Number(minBuyAmount) < 0.001);
  });

  it('behavior: the same hedge with the break-even bound is not attacked and fills at the quote', async () => {
    const { state, zeroForOne } = await poolNow();
    const bound = breakEvenMinAmountOut({
      pool: { kind: 'uniswap-v3', state },
      zeroForOne,
      amountIn: SELL,
      searcherCost,
    });
    assert.ok(bound.feasible);
    const { hash, id, pool, d } = await sendHedge(bound.minAmountOut);
    assert.equal(await searcher?.decision(hash), 'skipped');
    await world.chains.main.blocks.mine();
    const result = await reconcileLeg(world.chains.main.clients.public, {
      txHash: hash,
      executor: d.executor.address,
      vault: world.accounts.vault.address,
      pool: pool.address,
      sellToken: d.tokens.weth.address,
      buyToken: d.tokens.usd.address,
      legId: id,
      quotedBuyAmount: bound.amountOutUnattacked,
      arrivalMidBuyAmount: parseUnits('1500000', 6),
    });
    assert.equal(result.status, 'filled');
    if (result.status !== 'filled') return;
    assert.equal(result.sandwich.detected, false);
    assert.equal(result.buyAmount, bound.amountOutUnattacked);
    assert.equal(searcher?.attacks.length, 0);
  });
});
