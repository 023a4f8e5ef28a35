import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { erc20Abi, hedgeExecutorAbi, legId, quoterV2Abi } from '@hedge-router/solvers';
import { type Address, decodeEventLog, type Hex, keccak256, parseEther, stringToHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startWorld, type World } from './startWorld.js';

// The executor is how funds move: the vault approves it; only the router's operator key can
// call it; it pulls exactly the sell amount, pays the vault directly, enforces the minimum and
// the deadline on chain, and fills each leg at most once.
describe('HedgeExecutor on the local world', () => {
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

  const intentHash = keccak256(stringToHex('an intent'));

  function setup() {
    const main = world.chains.main;
    const d = main.descriptor;
    const pool = d.pools[0];
    assert.ok(pool);
    const operator = privateKeyToAccount(world.accounts.executor.privateKey);
    const balance = (token: Address, owner: Address) =>
      main.clients.public.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [owner],
      });
    const quote = async (sellAmount: bigint) => {
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
    const leg = (
      overrides: Partial<{ legId: Hex; minBuyAmount: bigint; deadline: bigint; pool: Address }> = {},
    ) => ({
      legId: overrides.legId ?? legId(intentHash, 0),
      vault: world.accounts.vault.address,
      pool: overrides.pool ?? pool.address,
      sellToken: d.tokens.weth.address,
      buyToken: d.tokens.usd.address,
      fee: pool.fee,
      sellAmount: parseEther('40'),
      minBuyAmount: overrides.minBuyAmount ?? 0n,
      deadline: overrides.deadline ?? BigInt(Math.floor(Date.now() / 1000) + 600),
    });
    return { main, d, pool, operator, balance, quote, leg };
  }

  it('behavior: sells exactly the sell amount from the vault and pays the proceeds to the vault', async () => {
    const { main, d, operator, balance, quote, leg } = setup();
    const vault = world.accounts.vault.address;
    const expected = await quote(parseEther('40'));
    const before = {
      weth: await balance(d.tokens.weth.address, vault),
      usd: await balance(d.tokens.usd.address, vault),
    };
    const hash = await main.clients.wallet(operator).writeContract({
      address: d.executor.address,
      abi: hedgeExecutorAbi,
      functionName: 'swapV3',
      args: [leg({ minBuyAmount: expected })],
    });
    const receipt = await main.clients.public.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, 'success');
    assert.equal(before.weth - (await balance(d.tokens.weth.address, vault)), parseEther('40'));
    assert.equal((await balance(d.tokens.usd.address, vault)) - before.usd, expected);
    // the executor never holds funds
    assert.equal(await balance(d.tokens.weth.address, d.executor.address), 0n);
    assert.equal(await balance(d.tokens.usd.address, d.executor.address), 0n);
    const event = receipt.logs
      .filter((l) => l.address.toLowerCase() === d.executor.address.toLowerCase())
      .map((l) => decodeEventLog({ abi: hedgeExecutorAbi, data: l.data, topics: l.topics }))[0];
    assert.equal(event?.eventName, 'HedgeLegExecuted');
    assert.equal(event?.args.buyAmount, expected);
    assert.equal(event?.args.legId, legId(intentHash, 0));
    assert.ok(receipt.gasUsed < 160_000n, `swapV3 gas ${receipt.gasUsed}`);
  });

  it('error: reverts below the minimum, after the deadline, for a second fill of a leg, for a non-operator, for a fake pool', async () => {
    const { main, d, operator, quote, leg } = setup();
    const call = (args: ReturnType<typeof leg>, account = operator, blockNumber?: bigint) =>
      main.clients.public.simulateContract({
        account,
        address: d.executor.address,
        abi: hedgeExecutorAbi,
        functionName: 'swapV3',
        args: [args],
        ...(blockNumber === undefined ? {} : { blockNumber }),
      });
    const expected = await quote(parseEther('40'));
    await assert.rejects(call(leg({ minBuyAmount: expected + 1n })), /BelowMinimum/);
    await assert.rejects(call(leg({ deadline: 1n })), /DeadlinePassed/);
    await assert.rejects(call(leg(), privateKeyToAccount(world.accounts.searcher.privateKey)), /NotOperator/);
    await assert.rejects(call(leg({ pool: world.accounts.searcher.address })), /NotAPool/);

    const first = await main.clients.wallet(operator).writeContract({
      address: d.executor.address,
      abi: hedgeExecutorAbi,
      functionName: 'swapV3',
      args: [leg()],
    });
    // automine answers with the hash before the block is sealed: wait for it
    const receipt = await main.clients.public.waitForTransactionReceipt({ hash: first });
    assert.equal(receipt.status, 'success');
    // Simulated on top of the block that holds the first fill, not on whatever "latest" a
    // loaded node answers with.
    await assert.rejects(call(leg(), operator, receipt.blockNumber), /AlreadyExecuted/);
    // a different leg of the same intent is still allowed
    await call(leg({ legId: legId(intentHash, 1) }), operator, receipt.blockNumber);
  });
});
