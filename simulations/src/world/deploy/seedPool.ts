import { positionManagerAbi, uniswapV3FactoryAbi } from '@hedge-router/solvers';
import type { Address, PublicClient } from 'viem';
import type { PoolSpec } from '../worldConfig.js';
import type { Deployer } from './Deployer.js';
import { positionAmounts, rangeTicks, sqrtPriceX96ToPrice } from './priceMath.js';

export type SeededPool = {
  label: string;
  address: Address;
  fee: number;
  tickSpacing: number;
  token0: Address;
  token1: Address;
  positions: { tickLower: number; tickUpper: number; valueUsd: number }[];
};

const TICK_SPACING: Record<PoolSpec['fee'], number> = { 500: 10, 3000: 60, 10000: 200 };
const FAR_DEADLINE = 2n ** 40n;

/**
 * Creates one WETH/USD pool through the position manager at `sqrtPriceX96` and mints its
 * concentrated positions. `usdPerToken1Raw` converts a USD value into raw token1 units.
 */
export async function seedPool(
  deployer: Deployer,
  client: PublicClient,
  params: {
    factory: Address;
    positionManager: Address;
    token0: Address;
    token1: Address;
    sqrtPriceX96: bigint;
    token1RawPerUsd: number;
    spec: PoolSpec;
  },
): Promise<SeededPool> {
  const { spec, token0, token1, positionManager } = params;
  const tickSpacing = TICK_SPACING[spec.fee];
  await deployer.write(`create pool ${spec.label}`, {
    address: positionManager,
    abi: positionManagerAbi,
    functionName: 'createAndInitializePoolIfNecessary',
    args: [token0, token1, spec.fee, params.sqrtPriceX96],
  });
  const price = sqrtPriceX96ToPrice(params.sqrtPriceX96);
  const positions: SeededPool['positions'] = [];
  for (const position of spec.positions) {
    const { tickLower, tickUpper } = rangeTicks(price, position.widthPct, tickSpacing);
    const { amount0, amount1 } = positionAmounts(
      price,
      tickLower,
      tickUpper,
      position.valueUsd * params.token1RawPerUsd,
    );
    await deployer.write(`mint ${spec.label} ±${position.widthPct}%`, {
      address: positionManager,
      abi: positionManagerAbi,
      functionName: 'mint',
      args: [
        {
          token0,
          token1,
          fee: spec.fee,
          tickLower,
          tickUpper,
          amount0Desired: amount0,
          amount1Desired: amount1,
          amount0Min: 0n,
          amount1Min: 0n,
          recipient: deployer.address,
          deadline: FAR_DEADLINE,
        },
      ],
    });
    positions.push({ tickLower, tickUpper, valueUsd: position.valueUsd });
  }
  await deployer.confirm();
  const address = await client.readContract({
    address: params.factory,
    abi: uniswapV3FactoryAbi,
    functionName: 'getPool',
    args: [token0, token1, spec.fee],
  });
  return { label: spec.label, address, fee: spec.fee, tickSpacing, token0, token1, positions };
}
