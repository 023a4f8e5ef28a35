/** The value a key had at an earlier block, if the memo still holds it. */
export type BlockMemoPrevious<T> = { blockNumber: bigint; value: T };

/**
 * A client that keeps values computed from reads at a fixed block (the api's block-cached
 * client): one computation per (block, key), shared by every caller that asks while it is in
 * flight or after, dropped with the block and cleared whenever the chain is rewound. `compute`
 * receives the newest settled value of the same key at a lower block still held (on the same
 * chain: a rewind clears them all), so a reader can refresh it instead of reading it all again.
 */
export type BlockMemo = {
  memoAtBlock<T>(
    blockNumber: bigint,
    key: string,
    compute: (previous: BlockMemoPrevious<T> | undefined) => Promise<T>,
  ): Promise<T>;
};

/** The client's block memo, or undefined for a plain viem client (every read is then done afresh). */
export function blockMemoOf(client: object): BlockMemo | undefined {
  return typeof (client as Partial<BlockMemo>).memoAtBlock === 'function' ? (client as BlockMemo) : undefined;
}
