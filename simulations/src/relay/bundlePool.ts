import type { Address, Hex } from 'viem';
import type { BundleEvent, BundleOutcome, BundleRecord } from './bundleRecord.js';
import type { DecodedTransaction } from './decodeRawTransaction.js';

/** A bundle waiting for its target block, with what the builder needs to place it. */
export type PendingBundle = {
  record: BundleRecord;
  txs: DecodedTransaction[];
  minTimestampSeconds: bigint | undefined;
  maxTimestampSeconds: bigint | undefined;
  revertingTxHashes: ReadonlySet<Hex>;
};

export type BundlePool = {
  /** Every bundle ever received, in arrival order (the audit trail). */
  records: BundleRecord[];
  /**
   * Queues a bundle for its target block. Sending the same bundle for the same block again
   * keeps the first; a bundle with a signer's existing replacementUuid replaces the older one.
   */
  add: (bundle: PendingBundle) => BundleRecord;
  /** Cancels the signer's pending bundles with this replacementUuid; returns their hashes. */
  cancel: (signer: Address, replacementUuid: string) => Hex[];
  /**
   * Removes and returns the bundles targeting `blockNumber`, oldest first; bundles for earlier
   * blocks that were never offered (blocks mined outside BlockControl) are resolved as passed.
   */
  takeForBlock: (blockNumber: bigint) => PendingBundle[];
  note: (record: BundleRecord, kind: BundleEvent['kind'], detail: string) => void;
  resolve: (
    record: BundleRecord,
    outcome: Exclude<BundleOutcome, { status: 'pending' }>,
    detail: string,
  ) => void;
};

/** The relay's in-memory bundle store. `clockMs` stamps events (a parameter for replays). */
export function createBundlePool(clockMs: () => number): BundlePool {
  const pending = new Map<string, PendingBundle>();
  const records: BundleRecord[] = [];
  const keyOf = (record: BundleRecord) => `${record.bundleHash}@${record.targetBlock}`;

  const note: BundlePool['note'] = (record, kind, detail) => {
    record.events.push({ atMs: clockMs(), kind, detail });
  };
  const resolve: BundlePool['resolve'] = (record, outcome, detail) => {
    record.outcome = outcome;
    note(record, 'resolved', detail);
  };

  return {
    records,
    note,
    resolve,
    add(bundle) {
      const existing = pending.get(keyOf(bundle.record));
      if (existing) return existing.record;
      const uuid = bundle.record.replacementUuid;
      if (uuid !== undefined) {
        for (const [key, old] of pending) {
          if (old.record.replacementUuid !== uuid || old.record.signer !== bundle.record.signer) continue;
          pending.delete(key);
          resolve(
            old.record,
            { status: 'replaced', atMs: clockMs(), byBundleHash: bundle.record.bundleHash },
            `replaced by ${bundle.record.bundleHash} (replacementUuid ${uuid})`,
          );
        }
      }
      pending.set(keyOf(bundle.record), bundle);
      records.push(bundle.record);
      return bundle.record;
    },
    cancel(signer, replacementUuid) {
      const cancelled: Hex[] = [];
      for (const [key, bundle] of pending) {
        if (bundle.record.replacementUuid !== replacementUuid || bundle.record.signer !== signer) continue;
        pending.delete(key);
        resolve(
          bundle.record,
          { status: 'cancelled', atMs: clockMs() },
          `cancelled (replacementUuid ${replacementUuid})`,
        );
        cancelled.push(bundle.record.bundleHash);
      }
      return cancelled;
    },
    takeForBlock(blockNumber) {
      const taken: PendingBundle[] = [];
      for (const [key, bundle] of pending) {
        const target = bundle.record.targetBlock;
        if (target > blockNumber) continue;
        pending.delete(key);
        if (target === blockNumber) taken.push(bundle);
        else
          resolve(
            bundle.record,
            {
              status: 'not-included',
              blockNumber: target,
              reason: {
                kind: 'target-block-passed',
                detail: `block ${target} was mined without being offered to the builder`,
              },
            },
            'target block passed',
          );
      }
      return taken.sort((a, b) => a.record.receivedAtMs - b.record.receivedAtMs);
    },
  };
}
