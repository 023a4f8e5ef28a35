import type { World } from '@hedge-router/simulations';
import { parseEther, parseUnits } from 'viem';

/** `POST /v1/quotes` bodies across sizes and both directions, some with their own limit or risk aversion. */
export function quoteBodies(world: World, extra: object[] = []): object[] {
  const { weth, usd } = world.descriptor.chains.main.tokens;
  const sell = (sellToken: string, buyToken: string, sellAmount: bigint, more: object = {}) => ({
    chainId: world.descriptor.chains.main.chainId,
    sellToken,
    buyToken,
    sellAmount: sellAmount.toString(),
    ...more,
  });
  return [
    sell(weth.address, usd.address, parseEther('0.7')),
    sell(weth.address, usd.address, parseEther('41.3')),
    sell(weth.address, usd.address, parseEther('180'), { maxSlippageBps: 250 }),
    sell(usd.address, weth.address, parseUnits('12345.678901', 6)),
    sell(usd.address, weth.address, parseUnits('450000', 6), { riskAversionPerUsd: 0.0001 }),
    ...extra,
  ];
}
