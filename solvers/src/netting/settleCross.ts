import type { HedgeIntent } from '@hedge-router/router';
import {
  type Account,
  type Address,
  type Chain,
  encodeFunctionData,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
  zeroAddress,
} from 'viem';
import { hedgeExecutorAbi } from '../chain/executorAbi.js';
import { legId } from '../chain/legId.js';
import { type LegReconciliation, reconcileLeg } from '../reconcile/reconcileLeg.js';
import { signExecutorTransaction } from '../venues/shared/executorTransaction.js';
import { withOperatorLock } from '../venues/shared/operatorLock.js';

/** One side of a cross: its intent, the leg index the crossed part takes, and the amounts. */
export type CrossSide = {
  intent: HedgeIntent;
  intentHash: Hex;
  legIndex: number;
  sellAmount: bigint;
  minBuyAmount: bigint;
  /** The crossed sell amount at the arrival mid (buy units), for slippage vs mid. */
  arrivalMidBuyAmount: bigint;
};

export type SettleCrossResult = {
  txHash: Hex;
  gasUsed: bigint;
  gasCostWei: bigint;
  a: LegReconciliation;
  b: LegReconciliation;
};

/** HedgeExecutor.cross measured on the local world: two transferFroms, two leg marks, three events. */
export const CROSS_GAS_UNITS = 110_000n;

/**
 * Settles a netting cross on chain: one HedgeExecutor.cross transaction from the operator moves
 * A's crossed sell amount from A's vault to B's and B's to A's, atomically, each at least its
 * minimum, each leg id at most once (so a crossed part can never also fill elsewhere). Both
 * legs are then reconciled from the executor's HedgeLegExecuted events like any other leg
 * (pool: none, so no sandwich can be found), including the vaults' balance checks.
 */
export async function settleCross(
  client: PublicClient,
  params: {
    operator: WalletClient<Transport, Chain, Account>;
    executor: Address;
    a: CrossSide;
    b: CrossSide;
    priorityFeeWei?: bigint;
  },
): Promise<SettleCrossResult> {
  const leg = (side: CrossSide) => ({
    legId: legId(side.intentHash, side.legIndex),
    vault: side.intent.vault,
    sellToken: side.intent.sellToken,
    buyToken: side.intent.buyToken,
    sellAmount: side.sellAmount,
    minBuyAmount: side.minBuyAmount,
    deadline: BigInt(side.intent.deadline),
  });
  const legA = leg(params.a);
  const legB = leg(params.b);
  const data = encodeFunctionData({ abi: hedgeExecutorAbi, functionName: 'cross', args: [legA, legB] });
  // Nonce, signature and broadcast as one step per operator key (see operatorLock).
  const txHash = await withOperatorLock(params.operator.account.address, async () => {
    const { signed } = await signExecutorTransaction(
      client,
      params.operator,
      { to: params.executor, data },
      {
        gasUnits: CROSS_GAS_UNITS,
        priorityFeeWei: params.priorityFeeWei ?? 1_000_000_000n,
        nonceTag: 'pending',
      },
    );
    return client.sendRawTransaction({ serializedTransaction: signed });
  });
  const receipt = await client.waitForTransactionReceipt({ hash: txHash, pollingInterval: 20 });
  const reconcile = (side: CrossSide, id: Hex, quotedBuyAmount: bigint) =>
    reconcileLeg(client, {
      txHash,
      executor: params.executor,
      vault: side.intent.vault,
      pool: zeroAddress,
      sellToken: side.intent.sellToken,
      buyToken: side.intent.buyToken,
      legId: id,
      quotedBuyAmount,
      arrivalMidBuyAmount: side.arrivalMidBuyAmount,
    });
  const [a, b] = await Promise.all([
    reconcile(params.a, legA.legId, params.b.sellAmount),
    reconcile(params.b, legB.legId, params.a.sellAmount),
  ]);
  return { txHash, gasUsed: receipt.gasUsed, gasCostWei: receipt.gasUsed * receipt.effectiveGasPrice, a, b };
}
