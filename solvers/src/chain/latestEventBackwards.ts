/** A block range of one log query, both ends included. */
export type BlockRange = { fromBlock: bigint; toBlock: bigint };

export type LatestEventBackwardsOptions = {
  /** Blocks per query (default 5,000): within the ranges public RPC providers accept for eth_getLogs. */
  windowBlocks?: bigint;
  /** The earliest block the event can be in (default 0): the search ends there. */
  lowestBlock?: bigint;
};

/**
 * The most recent log a query finds, searching back from the head one window at a time: for an
 * event the chain's state already says happened (a leg executed, a relay filled, a deposit
 * refunded), which is recent, so the first window or two hold it. One query from block 0
 * instead would be refused by providers that bound eth_getLogs ranges, or scan a whole chain.
 * Undefined if no window down to `lowestBlock` has it.
 */
export async function latestEventBackwards<T>(
  head: bigint,
  query: (range: BlockRange) => Promise<readonly T[]>,
  options: LatestEventBackwardsOptions = {},
): Promise<T | undefined> {
  const window = options.windowBlocks ?? 5_000n;
  const lowest = options.lowestBlock ?? 0n;
  if (window <= 0n) throw new RangeError('windowBlocks: must be positive');
  for (let toBlock = head; toBlock >= lowest; toBlock -= window) {
    const fromBlock = toBlock - window + 1n > lowest ? toBlock - window + 1n : lowest;
    const logs = await query({ fromBlock, toBlock });
    if (logs.length > 0) return logs[logs.length - 1];
  }
  return undefined;
}
