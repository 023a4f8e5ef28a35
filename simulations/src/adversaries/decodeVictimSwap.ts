import { hedgeExecutorAbi, swapRouterAbi } from '@hedge-router/solvers';
import { type Address, decodeFunctionData, type Hex } from 'viem';
import type { ChainDescriptor, PoolDescriptor } from '../world/descriptor.js';

/** A pending swap a searcher can sandwich: which pool, which way, how much, and its minimum. */
export type VictimSwap = {
  pool: PoolDescriptor;
  tokenIn: Address;
  tokenOut: Address;
  zeroForOne: boolean;
  amountIn: bigint;
  minAmountOut: bigint;
};

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Recognises the two public swap shapes on the local world: SwapRouter.exactInputSingle and
 * HedgeExecutor.swapV3. A real searcher simulates any transaction against the pending state;
 * on this world those two shapes are every swap there is, so decoding them is equivalent and
 * keeps the searcher's reaction time to one poll.
 */
export function decodeVictimSwap(
  chain: ChainDescriptor,
  tx: { to: Address | null; input: Hex },
): VictimSwap | null {
  if (!tx.to) return null;
  const poolFor = (tokenIn: Address, tokenOut: Address, fee: number, address?: Address) =>
    chain.pools.find(
      (p) =>
        p.fee === fee &&
        (address === undefined || same(p.address, address)) &&
        ((same(p.token0, tokenIn) && same(p.token1, tokenOut)) ||
          (same(p.token1, tokenIn) && same(p.token0, tokenOut))),
    );
  try {
    if (same(tx.to, chain.uniswapV3.swapRouter)) {
      const { functionName, args } = decodeFunctionData({ abi: swapRouterAbi, data: tx.input });
      if (functionName !== 'exactInputSingle') return null;
      const [p] = args;
      const pool = poolFor(p.tokenIn, p.tokenOut, p.fee);
      if (!pool || p.sqrtPriceLimitX96 !== 0n) return null;
      return {
        pool,
        tokenIn: p.tokenIn,
        tokenOut: p.tokenOut,
        zeroForOne: same(p.tokenIn, pool.token0),
        amountIn: p.amountIn,
        minAmountOut: p.amountOutMinimum,
      };
    }
    if (same(tx.to, chain.executor.address)) {
      const { functionName, args } = decodeFunctionData({ abi: hedgeExecutorAbi, data: tx.input });
      if (functionName !== 'swapV3') return null;
      const [leg] = args;
      const pool = poolFor(leg.sellToken, leg.buyToken, leg.fee, leg.pool);
      if (!pool) return null;
      return {
        pool,
        tokenIn: leg.sellToken,
        tokenOut: leg.buyToken,
        zeroForOne: same(leg.sellToken, pool.token0),
        amountIn: leg.sellAmount,
        minAmountOut: leg.minBuyAmount,
      };
    }
  } catch {
    // not a call we can decode: not a victim
  }
  return null;
}
