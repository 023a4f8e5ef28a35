import type { Hex, PublicClient, TestClient } from 'viem';
import type { BlockBuilder } from '../world/blocks.js';
import type { BundlePool, PendingBundle } from './bundlePool.js';
import type { NotIncludedReason } from './bundleRecord.js';
import { predictAnvilOrder } from './predictAnvilOrder.js';
import type { RelayStats } from './relayStats.js';
import { simulateBundle } from './simulateBundle.js';

/*
 * How the local builder puts bundles at the top of a block on anvil, and the limits.
 *
 * anvil cannot mine a block from an explicit transaction list (anvil_reorg can, but only by
 * replacing a block observers have already seen), so the builder takes over block production:
 * BlockControl offers it every block it mines (manual mode, on demand or on a schedule), inside
 * BlockControl's serialised section. For target block N = head + 1 the builder
 *   1. draws once from the seeded RNG: with probability `inclusionProbability` "its builder
 *      wins" block N; otherwise (or with no bundle for N) BlockControl mines N as usual;
 *   2. picks bundles greedily, oldest first: each is simulated with eth_simulateV1 on top of
 *      those already picked, and is dropped if a transaction reverts (unless listed in its
 *      revertingTxHashes), a nonce or fee is wrong, its timestamps exclude N, or anvil's fee
 *      ordering would not keep its order (predictAnvilOrder);
 *   3. reads the public mempool, keeps beside the bundles only public transactions that anvil
 *      orders after every bundle transaction (lower maxFeePerGas, sender not in a bundle),
 *      drops the others from the pool (anvil_dropTransaction) to re-send them after the block;
 *   4. takes an evm_snapshot, sends the bundles' raw transactions in order, evm_mine, and
 *      checks the mined block: bundle transactions first, in order, none reverted unless
 *      allowed, timestamps in range. On a mismatch it reverts to the snapshot, re-sends the
 *      public transactions, records why, and lets BlockControl mine N normally;
 *   5. re-sends the held-back public transactions, which then wait for block N + 1.
 *
 * Limits: (a) bundle transactions sit in anvil's pool between step 4's first send and
 * evm_mine's answer (measured per block in stats.poolExposureMs, a few ms): a reader of
 * BlockControl.txpoolContent never sees them (it queues behind the build), but a client calling
 * `txpool_content` on anvil directly could. (b) A public transaction with a higher
 * maxFeePerGas than a bundle's waits one block when the builder wins, where a real builder
 * would put it after the bundle in the same block. (c) A public transaction sent straight to
 * anvil during step 4 with a higher fee would land above the bundle: step 4's check then
 * reverts the block, so the bundle is not included (never included out of place). (d) Only
 * blocks mined through BlockControl are offered: a block mined directly (or automine in auto
 * mode) passes its bundles by. (e) After a failed step 4 the reverted block was briefly
 * visible; step 2's simulation makes that rare (only when the simulation and the mined block
 * disagree).
 */

export type CreateBundleBuilderParameters = {
  client: PublicClient;
  test: TestClient<'anvil'>;
  pool: BundlePool;
  stats: RelayStats;
  /** Probability in [0, 1] that the builder wins a block offered to it. */
  inclusionProbability: number;
  random: () => number;
  /** Whether the chain automines (the builder then turns it off around its own block). */
  isAutomine: () => boolean;
};

type PoolTx = { hash: Hex; from: Hex; nonce: number; priorityWei: bigint; pending: boolean };

function notIncluded(
  pool: BundlePool,
  stats: RelayStats,
  bundle: PendingBundle,
  blockNumber: bigint,
  reason: NotIncludedReason,
) {
  stats.bundlesNotIncluded++;
  pool.resolve(
    bundle.record,
    { status: 'not-included', blockNumber, reason },
    `not included in ${blockNumber}: ${reason.kind}: ${reason.detail}`,
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The relay's block builder, to install with `BlockControl.setBuilder` (see the comment above). */
export function createBundleBuilder(params: CreateBundleBuilderParameters): BlockBuilder {
  const { client, test, pool, stats } = params;

  async function pick(
    candidates: PendingBundle[],
    target: bigint,
    parentTimestamp: bigint,
  ): Promise<PendingBundle[]> {
    // anvil stamps a block with the wall clock, at least one second after its parent.
    const nowSeconds = BigInt(Math.floor(Date.now() / 1000));
    const estimatedTimestamp = nowSeconds > parentTimestamp ? nowSeconds : parentTimestamp + 1n;
    const picked: PendingBundle[] = [];
    for (const bundle of candidates) {
      pool.note(bundle.record, 'considered', `offered block ${target}`);
      const { minTimestampSeconds: min, maxTimestampSeconds: max } = bundle;
      if (
        (min !== undefined && min > 0n && estimatedTimestamp < min) ||
        (max !== undefined && max > 0n && estimatedTimestamp > max)
      ) {
        notIncluded(pool, stats, bundle, target, {
          kind: 'timestamp-out-of-range',
          detail: `block ${target} at about ${estimatedTimestamp} s is outside [${min ?? '-'}, ${max ?? '-'}]`,
        });
        continue;
      }
      const txs = [...picked.flatMap((b) => b.txs), ...bundle.txs];
      const predicted = predictAnvilOrder(txs);
      if (predicted.some((hash, i) => hash !== txs[i]?.hash)) {
        notIncluded(pool, stats, bundle, target, {
          kind: 'reordered-by-fees',
          detail: 'anvil orders a block by maxFeePerGas and would not keep this bundle in order at the top',
        });
        continue;
      }
      const allowed = new Set(
        picked.flatMap((b) => [...b.revertingTxHashes]).concat([...bundle.revertingTxHashes]),
      );
      try {
        const sim = await simulateBundle(client, { txs, targetBlock: target, revertingTxHashes: allowed });
        if (sim.failure) {
          notIncluded(pool, stats, bundle, target, {
            kind: 'simulation-failed',
            detail: `${sim.failure.txHash}: ${sim.failure.reason}`,
          });
          continue;
        }
      } catch (error) {
        notIncluded(pool, stats, bundle, target, { kind: 'simulation-failed', detail: errorText(error) });
        continue;
      }
      picked.push(bundle);
    }
    return picked;
  }

  async function readPublicPool(): Promise<PoolTx[]> {
    const content = await test.getTxpoolContent();
    const flatten = (group: typeof content.pending, pending: boolean) =>
      Object.values(group).flatMap((byNonce) =>
        Object.values(byNonce).map((tx) => ({
          hash: tx.hash,
          from: tx.from,
          nonce: Number(tx.nonce),
          priorityWei: BigInt(tx.maxFeePerGas ?? tx.gasPrice ?? 0n),
          pending,
        })),
      );
    return [...flatten(content.pending, true), ...flatten(content.queued, false)];
  }

  const rawOf = (hash: Hex) =>
    client.request({ method: 'eth_getRawTransactionByHash', params: [hash] }) as Promise<Hex>;
  const sendRaw = (raw: Hex) => client.request({ method: 'eth_sendRawTransaction', params: [raw] });
  // Re-sending a public transaction can fail when a bundle used its nonce: it is then gone, as
  // it would be from a real mempool.
  const resend = async (raws: Hex[]) => {
    for (const raw of raws) await sendRaw(raw).catch(() => undefined);
  };

  /** Steps 3 to 5: mines `picked` at the top of block `target`; false if the block was reverted. */
  async function mineBundles(picked: PendingBundle[], target: bigint): Promise<boolean> {
    const bundleTxs = picked.flatMap((b) => b.txs);
    const allowed = new Set(picked.flatMap((b) => [...b.revertingTxHashes]));
    const bundleSenders = new Set(bundleTxs.map((tx) => tx.from.toLowerCase()));
    const lowestBundlePriority = bundleTxs.reduce(
      (min, tx) => (tx.priorityWei < min ? tx.priorityWei : min),
      bundleTxs[0]?.priorityWei ?? 0n,
    );
    const publicTxs = await readPublicPool();
    const stays = (tx: PoolTx) =>
      tx.pending && tx.priorityWei < lowestBundlePriority && !bundleSenders.has(tx.from.toLowerCase());
    const publicRaw = new Map<Hex, Hex>();
    for (const tx of publicTxs) publicRaw.set(tx.hash, await rawOf(tx.hash));
    const heldBack = publicTxs.filter((tx) => !stays(tx));

    const snapshot = await test.snapshot();
    for (const tx of heldBack) await test.dropTransaction({ hash: tx.hash });
    const automine = params.isAutomine();
    if (automine) await test.setAutomine(false);
    let failure: string | undefined;
    try {
      const sentAt = performance.now();
      try {
        for (const tx of bundleTxs) await sendRaw(tx.raw);
      } catch (error) {
        failure = `anvil refused a bundle transaction: ${errorText(error)}`;
      }
      if (!failure) {
        await test.mine({ blocks: 1 });
        stats.poolExposureMs.push(performance.now() - sentAt);
        failure = await checkMinedBlock(
          target,
          bundleTxs.map((tx) => tx.hash),
          allowed,
          picked,
        );
      }
      if (failure) {
        await test.revert({ id: snapshot });
        for (const tx of bundleTxs) await test.dropTransaction({ hash: tx.hash }).catch(() => undefined);
        // The revert took back the public transactions mined beside the bundles, and the pool
        // does not get them back by itself.
        const pooled = new Set((await readPublicPool()).map((tx) => tx.hash));
        await resend(
          publicTxs.filter((tx) => !pooled.has(tx.hash)).map((tx) => publicRaw.get(tx.hash) as Hex),
        );
        for (const bundle of picked)
          notIncluded(pool, stats, bundle, target, { kind: 'mined-block-mismatch', detail: failure });
        return false;
      }
    } finally {
      if (automine) await test.setAutomine(true);
    }
    await resend(heldBack.map((tx) => publicRaw.get(tx.hash) as Hex));
    return true;
  }

  /** Step 4's check; resolves the bundles as included when it passes, else says what is wrong. */
  async function checkMinedBlock(
    target: bigint,
    hashes: Hex[],
    allowed: ReadonlySet<Hex>,
    picked: PendingBundle[],
  ): Promise<string | undefined> {
    const block = await client.getBlock({ blockTag: 'latest' });
    if (block.number !== target) return `mined block ${block.number}, expected ${target}`;
    const top = block.transactions.slice(0, hashes.length);
    if (top.some((hash, i) => hash !== hashes[i]))
      return `block ${target} does not start with the bundle transactions in order`;
    for (const hash of hashes) {
      const receipt = await client.getTransactionReceipt({ hash });
      if (receipt.status !== 'success' && !allowed.has(hash)) return `${hash} reverted in block ${target}`;
    }
    for (const bundle of picked) {
      const { minTimestampSeconds: min, maxTimestampSeconds: max } = bundle;
      if ((min && min > 0n && block.timestamp < min) || (max && max > 0n && block.timestamp > max))
        return `block ${target} timestamp ${block.timestamp} is outside a bundle's range`;
    }
    let index = 0;
    for (const bundle of picked) {
      stats.bundlesIncluded++;
      pool.resolve(
        bundle.record,
        { status: 'included', blockNumber: target, blockHash: block.hash, firstTransactionIndex: index },
        `included in block ${target} at index ${index}`,
      );
      index += bundle.txs.length;
    }
    return undefined;
  }

  return async () => {
    const parent = await client.getBlock({ blockTag: 'latest' });
    const target = parent.number + 1n;
    const candidates = pool.takeForBlock(target);
    stats.blocksOffered++;
    // One draw per offered block, bundles or not, so which blocks are won depends only on the
    // seed and the block sequence.
    const wins = params.random() < params.inclusionProbability;
    if (wins) stats.blocksWon++;
    if (candidates.length === 0) return false;
    if (!wins) {
      for (const bundle of candidates)
        notIncluded(pool, stats, bundle, target, {
          kind: 'builder-lost-block',
          detail: `another builder won block ${target}`,
        });
      return false;
    }
    const picked = await pick(candidates, target, parent.timestamp);
    if (picked.length === 0) return false;
    const built = await mineBundles(picked, target);
    if (built) stats.blocksBuilt++;
    return built;
  };
}
