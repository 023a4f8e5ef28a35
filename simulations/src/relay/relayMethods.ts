import type { Address, Hex, PublicClient } from 'viem';
import type { BlockControl } from '../world/blocks.js';
import { bundleHash } from './bundleHash.js';
import type { BundlePool } from './bundlePool.js';
import type { BundleRecord } from './bundleRecord.js';
import { type DecodedTransaction, decodeRawTransaction } from './decodeRawTransaction.js';
import {
  bundleStatsParams,
  callBundleParams,
  cancelBundleParams,
  parseRelayParams,
  sendBundleParams,
  userStatsParams,
} from './relayParams.js';
import { RELAY_ERROR_CODE, RelayRpcError } from './relayRpcError.js';
import type { RelayStats } from './relayStats.js';
import { simulateBundle } from './simulateBundle.js';

export type RelayMethodContext = {
  client: PublicClient;
  blocks: BlockControl;
  pool: BundlePool;
  stats: RelayStats;
  clockMs: () => number;
  /** Errors from background work (a bundle's arrival simulation) that must not crash the relay. */
  onBackgroundError: (error: unknown) => void;
};

/** A relay method: the verified signer and the raw params in, the JSON-RPC result out. */
export type RelayMethod = (ctx: RelayMethodContext, signer: Address, params: unknown) => Promise<unknown>;

/** The identity this builder reports in bundle stats (a fixed, obviously local BLS key). */
export const LOCAL_BUILDER_PUBKEY = `0x${'10ca1'.padEnd(96, '0')}`;

const decodeAll = (txs: readonly string[]): Promise<DecodedTransaction[]> =>
  Promise.all(txs.map((raw, i) => decodeRawTransaction(raw as Hex, `params[0].txs[${i}]`)));

const iso = (ms: number) => new Date(ms).toISOString();

const sendBundle: RelayMethod = async (ctx, signer, raw) => {
  const [params] = parseRelayParams(sendBundleParams, raw);
  const txs = await decodeAll(params.txs);
  const head = await ctx.client.getBlockNumber();
  if (params.blockNumber <= head)
    throw new RelayRpcError(
      RELAY_ERROR_CODE.bundleRejected,
      `params[0].blockNumber: target block ${params.blockNumber} is not after the current block ${head}`,
    );
  const reverting = new Set((params.revertingTxHashes ?? []).map((h) => h.toLowerCase() as Hex));
  const hash = bundleHash(txs.map((tx) => tx.hash));
  const record: BundleRecord = {
    bundleHash: hash,
    targetBlock: params.blockNumber,
    signer,
    txHashes: txs.map((tx) => tx.hash),
    replacementUuid: params.replacementUuid ?? undefined,
    receivedAtMs: ctx.clockMs(),
    simulation: undefined,
    outcome: { status: 'pending' },
    events: [],
  };
  const stored = ctx.pool.add({
    record,
    txs,
    minTimestampSeconds: params.minTimestamp != null ? BigInt(params.minTimestamp) : undefined,
    maxTimestampSeconds: params.maxTimestamp != null ? BigInt(params.maxTimestamp) : undefined,
    revertingTxHashes: reverting,
  });
  if (stored === record) {
    ctx.stats.bundlesReceived++;
    ctx.pool.note(record, 'received', `for block ${params.blockNumber} from ${signer}, ${txs.length} tx(s)`);
    // Like the real relay, simulate on arrival (for the record and bundle stats) without
    // holding up the answer; the builder simulates again against the target block's parent.
    void ctx.blocks
      .exclusive(() =>
        simulateBundle(ctx.client, { txs, targetBlock: params.blockNumber, revertingTxHashes: reverting }),
      )
      .then(
        (sim) => {
          ctx.stats.bundlesSimulated++;
          record.simulation = sim.failure
            ? { atMs: ctx.clockMs(), ok: false, error: `${sim.failure.txHash}: ${sim.failure.reason}` }
            : {
                atMs: ctx.clockMs(),
                ok: true,
                totalGasUsed: sim.totalGasUsed,
                coinbaseDiffWei: sim.coinbaseDiffWei,
              };
          ctx.pool.note(
            record,
            'simulated',
            sim.failure ? `fails: ${sim.failure.reason}` : `ok, ${sim.totalGasUsed} gas`,
          );
        },
        (error: unknown) => {
          ctx.stats.bundlesSimulated++;
          const message = error instanceof Error ? error.message : String(error);
          record.simulation = { atMs: ctx.clockMs(), ok: false, error: message };
          ctx.pool.note(record, 'simulated', `fails: ${message}`);
          if (!(error instanceof RelayRpcError)) ctx.onBackgroundError(error);
        },
      );
  }
  return { bundleHash: hash };
};

const callBundle: RelayMethod = async (ctx, _signer, raw) => {
  const [params] = parseRelayParams(callBundleParams, raw);
  const txs = await decodeAll(params.txs);
  const sim = await ctx.blocks.exclusive(() =>
    simulateBundle(ctx.client, {
      txs,
      targetBlock: params.blockNumber,
      stateBlock: params.stateBlockNumber,
      ...(params.timestamp != null ? { timestampSeconds: BigInt(params.timestamp) } : {}),
      ...(params.coinbase != null ? { coinbase: params.coinbase as Address } : {}),
    }),
  );
  ctx.stats.bundlesSimulated++;
  return sim.result;
};

const cancelBundle: RelayMethod = async (ctx, signer, raw) => {
  const [params] = parseRelayParams(cancelBundleParams, raw);
  return ctx.pool.cancel(signer, params.replacementUuid);
};

const getBundleStatsV2: RelayMethod = async (ctx, _signer, raw) => {
  const [params] = parseRelayParams(bundleStatsParams, raw);
  const record = ctx.pool.records.find(
    (r) =>
      r.bundleHash.toLowerCase() === params.bundleHash.toLowerCase() && r.targetBlock === params.blockNumber,
  );
  if (!record)
    throw new RelayRpcError(
      RELAY_ERROR_CODE.bundleRejected,
      `bundle ${params.bundleHash} for block ${params.blockNumber} not found`,
    );
  const considered = record.events.find((e) => e.kind === 'considered');
  const included =
    record.outcome.status === 'included' ? record.events.find((e) => e.kind === 'resolved') : undefined;
  return {
    isHighPriority: true,
    isSimulated: record.simulation !== undefined,
    simulatedAt: record.simulation ? iso(record.simulation.atMs) : null,
    receivedAt: iso(record.receivedAtMs),
    consideredByBuildersAt: considered
      ? [{ pubkey: LOCAL_BUILDER_PUBKEY, timestamp: iso(considered.atMs) }]
      : [],
    sealedByBuildersAt: included ? [{ pubkey: LOCAL_BUILDER_PUBKEY, timestamp: iso(included.atMs) }] : [],
  };
};

const getUserStatsV2: RelayMethod = async (ctx, signer, raw) => {
  parseRelayParams(userStatsParams, raw);
  const mine = ctx.pool.records.filter((r) => r.signer === signer);
  const paid = mine
    .filter((r) => r.outcome.status === 'included' && r.simulation?.ok)
    .reduce((sum, r) => sum + (r.simulation?.ok ? r.simulation.coinbaseDiffWei : 0n), 0n);
  const gas = mine.reduce((sum, r) => sum + (r.simulation?.ok ? r.simulation.totalGasUsed : 0n), 0n);
  // The local relay lives for one run: all-time, 7-day and 1-day figures are the same.
  return {
    isHighPriority: true,
    allTimeValidatorPayments: paid.toString(),
    allTimeGasSimulated: gas.toString(),
    last7dValidatorPayments: paid.toString(),
    last7dGasSimulated: gas.toString(),
    last1dValidatorPayments: paid.toString(),
    last1dGasSimulated: gas.toString(),
  };
};

/** The methods this relay serves; anything else is answered "method not found". */
export const RELAY_METHODS: Readonly<Record<string, RelayMethod>> = {
  eth_sendBundle: sendBundle,
  eth_callBundle: callBundle,
  eth_cancelBundle: cancelBundle,
  flashbots_getBundleStatsV2: getBundleStatsV2,
  flashbots_getUserStatsV2: getUserStatsV2,
};
