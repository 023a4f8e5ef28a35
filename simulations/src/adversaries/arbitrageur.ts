import { HedgeRouterError, MAX_SQRT_RATIO, MIN_SQRT_RATIO } from '@hedge-router/router';
import { erc20Abi, readV3PoolState, swapRouterAbi } from '@hedge-router/solvers';
import { type Address, maxUint256 } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { NamedAccount } from '../world/accounts.js';
import type { WorldChain } from '../world/startWorld.js';

export type Arbitrageur = {
  /**
   * Trades every pool to `priceUsdPerWeth` (USD per WETH) through SwapRouter with a price limit at
   * the target, so the swap stops exactly there (or where the pool's liquidity ends), and mines
   * it in manual-block mode. Resolves with the trade, or undefined if the pool was already within
   * `toleranceBps` of the target.
   */
  alignTo: (priceUsdPerWeth: number) => Promise<{ tokenIn: Address; amountIn: bigint } | undefined>;
};

export type StartArbitrageurParameters = {
  chain: WorldChain;
  account: NamedAccount;
  /** The pools it keeps at the reference price (default: every pool of the chain). */
  pools?: { address: Address; fee: number; token0: Address; token1: Address }[];
  /** Do nothing when the pool is within this many bps of the target (default 0.5). */
  toleranceBps?: number;
};

/**
 * An adversary of the local world that plays the role of the market's arbitrageurs: each block
 * it is asked to, it trades the main pool back to a reference price (the "CEX price" of a
 * simulated path), so pool prices follow the path and a hedge's impact and MEV are measured
 * against a realistic, moving market. It needs the `arbitrageur` account's balances.
 */
export async function startArbitrageur(params: StartArbitrageurParameters): Promise<Arbitrageur> {
  const { chain } = params;
  const d = chain.descriptor;
  const pools = params.pools ?? d.pools;
  if (pools.length === 0)
    throw new HedgeRouterError('DEPLOYMENT_INCOMPLETE', {
      shortMessage: 'startArbitrageur: the chain has no pool',
    });
  const account = privateKeyToAccount(params.account.privateKey);
  const wallet = chain.clients.wallet(account);
  const client = chain.clients.public;
  const weth = d.tokens.weth.address;
  const wethScale = 10 ** d.tokens.weth.decimals;
  const usdScale = 10 ** d.tokens.usd.decimals;
  const tolerance = (params.toleranceBps ?? 0.5) / 10_000;
  const mine = async () => {
    if (chain.blocks.mode().mode === 'manual') await chain.blocks.mine();
  };
  for (const token of [d.tokens.weth.address, d.tokens.usd.address]) {
    const hash = await wallet.writeContract({
      address: token,
      abi: erc20Abi,
      functionName: 'approve',
      args: [d.uniswapV3.swapRouter, maxUint256],
    });
    await mine();
    await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  }
  return {
    async alignTo(priceUsdPerWeth) {
      let last: { tokenIn: Address; amountIn: bigint } | undefined;
      for (const pool of pools) last = (await alignPool(pool, priceUsdPerWeth)) ?? last;
      return last;
    },
  };

  async function alignPool(
    pool: { address: Address; fee: number; token0: Address; token1: Address },
    priceUsdPerWeth: number,
  ) {
    const wethIsToken0 = pool.token0.toLowerCase() === weth.toLowerCase();
    // token1 base units per token0 base unit, then its square root in Q64.96.
    const raw = wethIsToken0
      ? (priceUsdPerWeth * usdScale) / wethScale
      : wethScale / (priceUsdPerWeth * usdScale);
    const targetSqrt = BigInt(Math.round(Math.sqrt(raw) * 2 ** 48)) * 2n ** 48n;
    const state = await readV3PoolState(client, pool.address, { wordRadius: 1 });
    const ratio = Number((state.sqrtPriceX96 * 10n ** 9n) / targetSqrt) / 1e9;
    if (Math.abs(ratio * ratio - 1) < tolerance) return undefined;
    // Price above target (token1 per token0 too high): sell token0, pushing sqrtP down.
    const zeroForOne = state.sqrtPriceX96 > targetSqrt;
    const limit = zeroForOne
      ? targetSqrt > MIN_SQRT_RATIO
        ? targetSqrt
        : MIN_SQRT_RATIO + 1n
      : targetSqrt < MAX_SQRT_RATIO
        ? targetSqrt
        : MAX_SQRT_RATIO - 1n;
    const tokenIn = zeroForOne ? pool.token0 : pool.token1;
    const tokenOut = zeroForOne ? pool.token1 : pool.token0;
    const balance = await client.readContract({
      address: tokenIn,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [account.address],
    });
    // Offer most of the balance: the price limit, not the amount, ends the swap.
    const amountIn = balance / 2n;
    const hash = await wallet.writeContract({
      address: d.uniswapV3.swapRouter,
      abi: swapRouterAbi,
      functionName: 'exactInputSingle',
      args: [
        {
          tokenIn,
          tokenOut,
          fee: pool.fee,
          recipient: account.address,
          deadline: 2n ** 40n,
          amountIn,
          amountOutMinimum: 0n,
          sqrtPriceLimitX96: limit,
        },
      ],
      gas: 1_000_000n,
    });
    await mine();
    await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    return { tokenIn, amountIn };
  }
}
