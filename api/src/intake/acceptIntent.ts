import { type HedgeIntent, hedgeIntentTypedData } from '@hedge-router/router';
import {
  checkVaultFunds,
  type IntentStatus,
  knownToken,
  planRoute,
  recordedRouteDecision,
} from '@hedge-router/solvers';
import { type Hex, hashTypedData, recoverTypedDataAddress } from 'viem';
import type { AppDeps } from '../context/appDeps.js';
import { ApiError } from '../errors/apiErrors.js';
import { cancelTypedData } from './intentTypedData.js';

/** The signer of EIP-712 typed data, or 401 naming the signature. */
async function recoverSigner(typedData: Parameters<typeof recoverTypedDataAddress>[0]): Promise<Hex> {
  try {
    return await recoverTypedDataAddress(typedData);
  } catch {
    throw new ApiError('UNAUTHORIZED', 'the signature does not recover to an address', 'signature');
  }
}

/**
 * The intake of a keeper-signed intent: known tokens, a deadline within bounds, a signature that
 * recovers to a keeper of the vault (401, 403), idempotent per (vault, nonce) (the identical
 * intent answers with the first id; another intent on the nonce is 409), then a routing
 * decision: 503 when no venue could quote (nothing stored: the keeper may resend), 422 when the
 * limit cannot be met. The intent is stored with the decision it was accepted on, which the
 * worker executes.
 */
export async function acceptIntent(
  deps: Pick<AppDeps, 'ledger' | 'chain' | 'config' | 'venues' | 'clock'>,
  body: { intent: HedgeIntent; signature: Hex },
): Promise<{ id: string; status: IntentStatus; duplicate: boolean }> {
  const { ledger, chain, config } = deps;
  const { intent, signature } = body;
  const nowSeconds = Math.floor(deps.clock().getTime() / 1000);
  if (!knownToken(chain, intent.sellToken))
    throw new ApiError('UNPROCESSABLE', 'unknown token on this chain', 'intent.sellToken');
  if (!knownToken(chain, intent.buyToken))
    throw new ApiError('UNPROCESSABLE', 'unknown token on this chain', 'intent.buyToken');
  if (intent.deadline > nowSeconds + config.MAX_DEADLINE_SECONDS)
    throw new ApiError(
      'UNPROCESSABLE',
      `must be within ${config.MAX_DEADLINE_SECONDS} s from now`,
      'intent.deadline',
    );
  const typedData = hedgeIntentTypedData({ intent, chainId: chain.chainId });
  const signer = await recoverSigner({ ...typedData, signature });
  if (!(await ledger.isKeeper(intent.vault, signer)))
    throw new ApiError(
      'FORBIDDEN',
      `signer ${signer} is not a keeper of vault ${intent.vault} (the signature is checked over the EIP-712 domain HedgeRouter v1 on chain ${chain.chainId}: one made for another chain, or over other intent fields, recovers to another address)`,
      'signature',
    );
  const intentHash = hashTypedData(typedData);
  const nonceTaken = () =>
    new ApiError(
      'CONFLICT',
      `nonce ${intent.nonce} was already used by another intent of this vault`,
      'intent.nonce',
    );
  // Idempotency first: the identical intent again answers with the first id, whatever the market did since.
  const existing = await ledger.findIntentByNonce(intent.vault, intent.nonce);
  if (existing) {
    if (existing.intentHash !== intentHash) throw nonceTaken();
    return { id: existing.id, status: existing.status, duplicate: true };
  }
  if (intent.deadline <= nowSeconds)
    throw new ApiError('UNPROCESSABLE', 'the deadline has passed', 'intent.deadline');
  // What the vault cannot pay can only revert: refused before anything is stored or sent.
  await checkVaultFunds(chain, intent);
  const decision = await planRoute(deps, {
    intent,
    intentHash,
    nowSeconds,
    riskAversionPerUsd: config.DEFAULT_RISK_AVERSION_PER_USD,
    annualVolatility: config.DEFAULT_ANNUAL_VOLATILITY,
  });
  if (!decision.plan && decision.routeCandidates.length === 0 && decision.failures.length > 0) {
    // No venue answered (timeouts, a relay or RPC down): says nothing about the limit, and
    // nothing was stored, so the keeper can send the same signed intent again.
    throw new ApiError(
      'UNAVAILABLE',
      `no venue could quote right now, retry: ${decision.failures.map((f) => `${f.venue}: ${f.reason}`).join('; ')}`,
    );
  }
  if (!decision.plan) {
    throw new ApiError(
      'UNPROCESSABLE',
      `the limit cannot be met at current prices: ${decision.error?.message ?? 'no route'}`,
      'intent.minBuyAmount',
    );
  }
  const stored = await ledger.insertIntent({ chainId: chain.chainId, intent, intentHash, signature, signer });
  if (!stored.created && stored.duplicate === 'conflict') throw nonceTaken();
  // The intake keeps the decision it made: the worker executes this plan (re-planning only if
  // netting changed the size to route), so what the keeper was accepted on is what runs.
  if (stored.created) await ledger.recordDecision(stored.id, recordedRouteDecision(decision));
  const record = await ledger.getIntent(stored.id);
  return { id: stored.id, status: record?.status ?? 'received', duplicate: !stored.created };
}

/**
 * A keeper's cancellation (EIP-712 CancelHedgeIntent over the intent's hash): only while the
 * intent is still received (409 once it executes); cancelling twice answers the same.
 */
export async function cancelIntent(
  deps: Pick<AppDeps, 'ledger' | 'metrics'>,
  params: { id: string; signature: Hex },
): Promise<{ id: string; status: 'cancelled' }> {
  const { ledger } = deps;
  const row = await ledger.getIntent(params.id);
  if (!row) throw new ApiError('NOT_FOUND', 'no such intent', 'id');
  const signer = await recoverSigner({
    ...cancelTypedData({ intentHash: row.intentHash, chainId: row.chainId }),
    signature: params.signature,
  });
  if (!(await ledger.isKeeper(row.vault, signer)))
    throw new ApiError('FORBIDDEN', `signer ${signer} is not a keeper of vault ${row.vault}`, 'signature');
  const cancelled = await ledger.transition(row.id, 'cancelled', {
    reason: 'cancelled by keeper',
    from: ['received'],
  });
  if (!cancelled) {
    const now = await ledger.getIntent(row.id);
    if (now?.status === 'cancelled') return { id: row.id, status: 'cancelled' };
    throw new ApiError('CONFLICT', `the intent is ${now?.status}: it can no longer be cancelled`, 'id');
  }
  deps.metrics.intentTransitions.inc({ status: 'cancelled' });
  return { id: row.id, status: 'cancelled' };
}
