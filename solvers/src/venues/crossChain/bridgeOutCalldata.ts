import { type Address, encodeFunctionData, type Hex } from 'viem';
import { hedgeExecutorAbi } from '../../chain/executorAbi.js';
import { legId } from '../../chain/legId.js';
import type { V3PoolRef } from '../shared/v3Market.js';
import type { VenueLeg } from '../types.js';

export type BridgeOutCalldataParameters = {
  /** The origin chain's executor. */
  executor: Address;
  leg: VenueLeg;
  originChainId: number;
  destinationChainId: number;
  /** The destination pool the bridged amount is sold on. */
  pool: V3PoolRef;
  /** The intent's sell and buy tokens on the destination chain. */
  destinationSellToken: Address;
  destinationBuyToken: Address;
  bridgeFeeBps: number;
  /** Unix seconds on the destination's clock: the outbound fill's deadline. */
  fillDeadline: number;
  /** Unix seconds on the origin's clock: the return fill's deadline. */
  returnFillDeadline: number;
};

/** The outbound amount after the relayer's fee, rounded as the relayer checks it (fee rounded up). */
export function bridgedAmountAfterFee(amount: bigint, feeBps: number): bigint {
  return amount - (amount * BigInt(feeBps) + 9_999n) / 10_000n;
}

/**
 * The executor's bridgeOut calldata for one leg: exactly the leg's sell amount from the intent's
 * vault, the outbound fee, and the destination action (swap on `pool`, at least the leg's
 * minimum back to the vault on the origin chain after the return fee).
 */
export function bridgeOutCalldata(p: BridgeOutCalldataParameters): { to: Address; data: Hex; legId: Hex } {
  const id = legId(p.leg.intentHash, p.leg.legIndex);
  const { intent } = p.leg;
  const data = encodeFunctionData({
    abi: hedgeExecutorAbi,
    functionName: 'bridgeOut',
    args: [
      {
        legId: id,
        vault: intent.vault,
        sellToken: intent.sellToken,
        sellAmount: p.leg.leg.sellAmount,
        bridgeOutputAmount: bridgedAmountAfterFee(p.leg.leg.sellAmount, p.bridgeFeeBps),
        destinationChainId: BigInt(p.destinationChainId),
        destinationSellToken: p.destinationSellToken,
        fillDeadline: p.fillDeadline,
        deadline: BigInt(intent.deadline),
        remote: {
          legId: id,
          vault: intent.vault,
          pool: p.pool.address,
          sellToken: p.destinationSellToken,
          buyToken: p.destinationBuyToken,
          fee: p.pool.fee,
          minBuyAmount: p.leg.leg.quote.minBuyAmount,
          returnChainId: BigInt(p.originChainId),
          returnOutputToken: intent.buyToken,
          returnFeeBps: BigInt(p.bridgeFeeBps),
          returnFillDeadline: p.returnFillDeadline,
        },
      },
    ],
  });
  return { to: p.executor, data, legId: id };
}
