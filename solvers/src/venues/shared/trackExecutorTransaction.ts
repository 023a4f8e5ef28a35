import type { Address, Hex, PublicClient } from 'viem';
import { reconcileLeg } from '../../reconcile/reconcileLeg.js';
import type { TrackOutcome, VenueLeg } from '../types.js';
import type { V3PoolRef } from './v3Market.js';

/** Reconciles a mined executor transaction into a venue's track outcome. */
export async function outcomeOfMinedLeg(
  client: PublicClient,
  params: { txHash: Hex; executor: Address; vault: Address; pool: V3PoolRef; leg: VenueLeg; legId: Hex },
): Promise<TrackOutcome> {
  const reconciliation = await reconcileLeg(client, {
    txHash: params.txHash,
    executor: params.executor,
    vault: params.vault,
    pool: params.pool.address,
    sellToken: params.leg.intent.sellToken,
    buyToken: params.leg.intent.buyToken,
    legId: params.legId,
    quotedBuyAmount: params.leg.leg.quote.expectedBuyAmount,
    arrivalMidBuyAmount: params.leg.arrivalMidBuyAmount,
  });
  return reconciliation.status === 'filled'
    ? { status: 'filled', reconciliation }
    : { status: 'reverted', reconciliation };
}

/** Resolves after `ms`, or rejects when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
