import type { World } from '@hedge-router/simulations';
import { erc20Abi, positionManagerAbi, readV3PoolState, swapRouterAbi } from '@hedge-router/solvers';
import { type Address, maxUint256 } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

// Chain actions on the world's main pools that change what a quote sees, each mined and
// confirmed (automine: one block each): a swap moves the price, a mint changes the ticks.

const FAR_DEADLINE = 2n ** 40n;

function deployer(world: World) {
  const chain = world.chains.main;
  return { chain, wallet: chain.clients.wallet(privateKeyToAccount(world.accounts.deployer.privateKey)) };
}

async function confirm(world: World, hash: `0x${string}`) {
  const receipt = await world.chains.main.clients.public.waitForTransactionReceipt({
    hash,
    pollingInterval: 20,
  });
  if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
  return receipt;
}

/** The deployer lets the SwapRouter take both tokens (one block per token). */
export async function approveSwapRouter(world: World) {
  const { wallet } = deployer(world);
  const { tokens, uniswapV3 } = world.descriptor.chains.main;
  for (const token of [tokens.weth.address, tokens.usd.address]) {
    await confirm(
      world,
      await wallet.writeContract({
        address: token,
        abi: erc20Abi,
        functionName: 'approve',
        args: [uniswapV3.swapRouter, maxUint256],
      }),
    );
  }
}

/** The deployer sells `amountIn` of `tokenIn` on `pool` through the SwapRouter (approveSwapRouter first): one block. */
export async function swapOnPool(
  world: World,
  pool: { fee: number; token0: Address; token1: Address },
  tokenIn: Address,
  amountIn: bigint,
) {
  const { wallet } = deployer(world);
  const { swapRouter } = world.descriptor.chains.main.uniswapV3;
  const tokenOut = tokenIn.toLowerCase() === pool.token0.toLowerCase() ? pool.token1 : pool.token0;
  return confirm(
    world,
    await wallet.writeContract({
      address: swapRouter,
      abi: swapRouterAbi,
      functionName: 'exactInputSingle',
      args: [
        {
          tokenIn,
          tokenOut,
          fee: pool.fee,
          recipient: wallet.account.address,
          deadline: FAR_DEADLINE,
          amountIn,
          amountOutMinimum: 0n,
          sqrtPriceLimitX96: 0n,
        },
      ],
      gas: 1_000_000n,
    }),
  );
}

/**
 * The deployer mints a new position on `pool` from `ticksBelow` to `ticksAbove` tick spacings
 * around the current tick (new initialized ticks), with `amount0`/`amount1` at most.
 */
export async function mintAroundPrice(
  world: World,
  pool: { address: Address; fee: number; token0: Address; token1: Address; tickSpacing: number },
  params: { ticksBelow: number; ticksAbove: number; amount0: bigint; amount1: bigint },
) {
  const { chain, wallet } = deployer(world);
  const state = await readV3PoolState(chain.clients.public, pool.address, { wordRadius: 1 });
  const base = Math.floor(state.tick / pool.tickSpacing) * pool.tickSpacing;
  return confirm(
    world,
    await wallet.writeContract({
      address: world.descriptor.chains.main.uniswapV3.positionManager,
      abi: positionManagerAbi,
      functionName: 'mint',
      args: [
        {
          token0: pool.token0,
          token1: pool.token1,
          fee: pool.fee,
          tickLower: base - params.ticksBelow * pool.tickSpacing,
          tickUpper: base + params.ticksAbove * pool.tickSpacing,
          amount0Desired: params.amount0,
          amount1Desired: params.amount1,
          amount0Min: 0n,
          amount1Min: 0n,
          recipient: wallet.account.address,
          deadline: FAR_DEADLINE,
        },
      ],
      gas: 1_000_000n,
    }),
  );
}
