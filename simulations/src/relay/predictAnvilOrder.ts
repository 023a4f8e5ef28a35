import type { Address, Hex } from 'viem';

/** What anvil's block ordering looks at in one pooled transaction. */
export type OrderedTransaction = { hash: Hex; from: Address; nonce: number; priorityWei: bigint };

/**
 * The order in which anvil (`--order fees`) puts `txs` into one block when they are submitted
 * in the given order: among each sender's next-nonce transactions, the highest priority
 * (maxFeePerGas, or gasPrice) first, earliest submission on a tie; a sender's later nonce
 * becomes eligible once the one before it is placed. Measured on anvil 1.7.1: fees 10 (A,n0),
 * 20 (B,n0), 30 (A,n1) are mined B, A0, A1. The builder uses this to refuse a bundle whose
 * order anvil would not keep, rather than mine it and find out.
 */
export function predictAnvilOrder(txs: readonly OrderedTransaction[]): Hex[] {
  const bySender = new Map<string, { tx: OrderedTransaction; submission: number }[]>();
  txs.forEach((tx, submission) => {
    const key = tx.from.toLowerCase();
    const list = bySender.get(key) ?? [];
    list.push({ tx, submission });
    bySender.set(key, list);
  });
  for (const list of bySender.values()) list.sort((a, b) => a.tx.nonce - b.tx.nonce);

  const order: Hex[] = [];
  for (;;) {
    let best: { key: string; tx: OrderedTransaction; submission: number } | undefined;
    for (const [key, list] of bySender) {
      const head = list[0];
      if (!head) continue;
      const better =
        !best ||
        head.tx.priorityWei > best.tx.priorityWei ||
        (head.tx.priorityWei === best.tx.priorityWei && head.submission < best.submission);
      if (better) best = { key, ...head };
    }
    if (!best) return order;
    order.push(best.tx.hash);
    bySender.get(best.key)?.shift();
  }
}
