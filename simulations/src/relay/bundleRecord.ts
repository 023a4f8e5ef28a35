import type { Address, Hex } from 'viem';

/** Why a bundle did not land in its target block. */
export type NotIncludedReason =
  | { kind: 'builder-lost-block'; detail: string }
  | { kind: 'simulation-failed'; detail: string }
  | { kind: 'reordered-by-fees'; detail: string }
  | { kind: 'timestamp-out-of-range'; detail: string }
  | { kind: 'mined-block-mismatch'; detail: string }
  | { kind: 'target-block-passed'; detail: string };

/** The final state of one bundle for one target block. */
export type BundleOutcome =
  | { status: 'pending' }
  | { status: 'included'; blockNumber: bigint; blockHash: Hex; firstTransactionIndex: number }
  | { status: 'not-included'; blockNumber: bigint; reason: NotIncludedReason }
  | { status: 'cancelled'; atMs: number }
  | { status: 'replaced'; atMs: number; byBundleHash: Hex };

/** One step in a bundle's life, for tests and audits. */
export type BundleEvent = {
  atMs: number;
  kind: 'received' | 'simulated' | 'considered' | 'resolved';
  detail: string;
};

/**
 * What the relay knows about one bundle submission (one bundle for one target block): who sent
 * it, what it holds, its simulation, and whether it was included and where, or why not.
 */
export type BundleRecord = {
  bundleHash: Hex;
  targetBlock: bigint;
  /** The X-Flashbots-Signature signer (the searcher's reputation key, not a tx sender). */
  signer: Address;
  txHashes: Hex[];
  replacementUuid: string | undefined;
  receivedAtMs: number;
  simulation:
    | { atMs: number; ok: true; totalGasUsed: bigint; coinbaseDiffWei: bigint }
    | { atMs: number; ok: false; error: string }
    | undefined;
  outcome: BundleOutcome;
  events: BundleEvent[];
};
