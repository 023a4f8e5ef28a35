import type { BlockMemo, BlockMemoPrevious } from '@hedge-router/solvers';
import type { Block, PublicClient } from 'viem';

export type BlockCacheOptions = {
  /** Blocks below the head whose reads stay cached (default 4). */
  keepBlocks?: number;
  /**
   * How old (ms since it arrived) the known head may be and still answer `getBlock()` for the
   * latest block. 0 (default): every caller gets a head fetched after its call began, or joins a
   * fetch in flight. With N > 0, at most one head fetch per N ms: a new block is seen within N ms,
   * and a caller never gets a head older than the newest this client has seen.
   */
  headMaxAgeMs?: number;
  /**
   * Heads pushed by the node (an `eth_subscribe('newHeads')`): while they arrive, `getBlock()`
   * for the latest block answers with the newest one pushed and reads nothing. Returns the
   * unsubscribe. `onLost` says the subscription broke (reads resume until a head arrives again).
   */
  watchHeads?: (onHead: (block: Block) => void, onLost: (error: unknown) => void) => () => void;
  /**
   * How long (ms) a pushed head answers alone when no newer one arrives (default 30,000): past
   * it, the head is read again per request, in case the subscription died silently.
   */
  headSilenceMs?: number;
};

export type BlockCacheStats = {
  /** Reads and memo values served from the cache. */
  hits: number;
  /** Reads at a block that went to the chain. */
  misses: number;
  /** Memo values computed (memoAtBlock: pool states, a venue's candidates, a market). */
  memoBuilds: number;
  headFetches: number;
  resets: number;
  /** True while pushed heads answer for the latest block (a live newHeads subscription). */
  followingHeads: boolean;
};

export type BlockCachedClient = PublicClient & BlockMemo & { blockCacheStats: () => BlockCacheStats };

const abiIds = new WeakMap<object, number>();
let nextAbiId = 1;
/** A number per ABI object: two reads agree only if decoded with the same ABI. */
const abiId = (abi: unknown) => {
  if (typeof abi !== 'object' || abi === null) return -1;
  let id = abiIds.get(abi);
  if (id === undefined) {
    id = nextAbiId++;
    abiIds.set(abi, id);
  }
  return id;
};

const keyOf = (value: unknown) =>
  JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : (v as unknown)));

/**
 * A public client whose reads at a fixed block are cached: `multicall` and `getBlock` with a
 * `blockNumber` (the decoded results, so a pool read at a block is fetched and decoded once per
 * block however many quotes need it), and `getBlock` for the latest block shared by the callers
 * that ask while one fetch is in flight (single flight, no time-to-live: every caller gets a head
 * fetched after its call began or joined an in-flight fetch, never an older one). `memoAtBlock`
 * (solvers' BlockMemo) keeps any value computed from reads at a block the same way: the venues'
 * pool states, built once per block for every quote (single flight), each from the previous
 * block's when it is still held.
 *
 * Correctness: a read at block N never changes, unless the chain is rewound (anvil's evm_revert,
 * a reorg). Every head seen is checked against the hash recorded for its number, and a head lower
 * than one already seen or with another hash clears the whole cache. Reads at `latest` (no block
 * number) are passed through untouched.
 */
export function withBlockCache(client: PublicClient, options: BlockCacheOptions = {}): BlockCachedClient {
  const keepBlocks = BigInt(options.keepBlocks ?? 4);
  const reads = new Map<bigint, Map<string, Promise<unknown>>>();
  // The values of those reads that have arrived, for memoAtBlock's `previous`.
  const settled = new Map<bigint, Map<string, unknown>>();
  const blocks = new Map<bigint, Promise<Block>>();
  const hashes = new Map<bigint, string>();
  let head: bigint | undefined;
  let inFlightHead: Promise<Block> | undefined;
  const headMaxAgeMs = options.headMaxAgeMs ?? 0;
  let latest: { block: Block; atMs: number } | undefined;
  const stats = { hits: 0, misses: 0, memoBuilds: 0, headFetches: 0, resets: 0 };
  const headSilenceMs = options.headSilenceMs ?? 30_000;
  // True from the first pushed head until the subscription reports a loss.
  let following = false;

  const reset = () => {
    reads.clear();
    settled.clear();
    blocks.clear();
    hashes.clear();
    head = undefined;
    latest = undefined;
    stats.resets++;
  };
  /**
   * Records a block seen; clears everything on a rewind (another hash at a known height, a
   * parent hash that is not the block known below it, or a head lower than one seen); drops
   * reads far below the head.
   */
  const observe = (block: Block, isHead: boolean) => {
    if (block.number === null || block.hash === null) return;
    const known = hashes.get(block.number);
    const parent = hashes.get(block.number - 1n);
    if (
      (known !== undefined && known !== block.hash) ||
      (parent !== undefined && parent !== block.parentHash) ||
      (isHead && head !== undefined && block.number < head)
    )
      reset();
    hashes.set(block.number, block.hash);
    if (head === undefined || block.number > head) {
      // The blocks skipped were never seen, so nothing links the values kept at the old head to
      // this chain: a memo must not refresh from them (its `previous`), only read afresh.
      if (head !== undefined && block.number > head + 1n) settled.clear();
      head = block.number;
      latest = { block, atMs: Date.now() };
      for (const n of reads.keys()) if (n + keepBlocks < head) reads.delete(n);
      for (const n of settled.keys()) if (n + keepBlocks < head) settled.delete(n);
      for (const n of blocks.keys()) if (n + keepBlocks < head) blocks.delete(n);
      for (const n of hashes.keys()) if (n + keepBlocks < head) hashes.delete(n);
    }
  };
  const cached = <T>(
    blockNumber: bigint,
    key: string,
    read: () => Promise<T>,
    kind: 'read' | 'memo' = 'read',
  ): Promise<T> => {
    let atBlock = reads.get(blockNumber);
    if (!atBlock) {
      atBlock = new Map();
      reads.set(blockNumber, atBlock);
    }
    const hit = atBlock.get(key);
    if (hit) {
      stats.hits++;
      return hit as Promise<T>;
    }
    if (kind === 'read') stats.misses++;
    else stats.memoBuilds++;
    const promise = read();
    atBlock.set(key, promise);
    promise.then(
      (value) => {
        // Only if still current: a rewind while it was in flight cleared the block.
        if (reads.get(blockNumber)?.get(key) !== promise) return;
        let values = settled.get(blockNumber);
        if (!values) {
          values = new Map();
          settled.set(blockNumber, values);
        }
        values.set(key, value);
      },
      // A failed read is not an answer: the next caller tries again.
      () => {
        if (reads.get(blockNumber)?.get(key) === promise) reads.get(blockNumber)?.delete(key);
      },
    );
    return promise;
  };
  /** The newest arrived value of `key` below `blockNumber` (the memo keeps `keepBlocks` of them). */
  const previousOf = <T>(blockNumber: bigint, key: string): BlockMemoPrevious<T> | undefined => {
    let found: BlockMemoPrevious<T> | undefined;
    for (const [n, values] of settled) {
      if (n < blockNumber && (found === undefined || n > found.blockNumber) && values.has(key))
        found = { blockNumber: n, value: values.get(key) as T };
    }
    return found;
  };
  const memoAtBlock: BlockMemo['memoAtBlock'] = (blockNumber, key, compute) =>
    cached(blockNumber, `memo:${key}`, () => compute(previousOf(blockNumber, `memo:${key}`)), 'memo');

  const getBlock = ((args?: Parameters<PublicClient['getBlock']>[0]) => {
    const a = (args ?? {}) as {
      blockNumber?: bigint;
      blockTag?: string;
      blockHash?: string;
      includeTransactions?: boolean;
    };
    if (a.includeTransactions || a.blockHash !== undefined) return client.getBlock(args as never);
    if (a.blockNumber !== undefined) {
      const number = a.blockNumber;
      let hit = blocks.get(number);
      if (!hit) {
        hit = client.getBlock({ blockNumber: number });
        blocks.set(number, hit);
        hit.then(
          (block) => observe(block, false),
          () => blocks.delete(number),
        );
      }
      return hit;
    }
    if (a.blockTag !== undefined && a.blockTag !== 'latest') return client.getBlock(args as never);
    // The known head answers while it is young enough: pushed heads for headSilenceMs, else
    // for headMaxAgeMs.
    const trustMs = following ? Math.max(headSilenceMs, headMaxAgeMs) : headMaxAgeMs;
    if (trustMs > 0 && latest && Date.now() - latest.atMs < trustMs) {
      stats.hits++;
      return Promise.resolve(latest.block);
    }
    if (!inFlightHead) {
      stats.headFetches++;
      // Callers get the block only once it has been recorded (a rewind clears the cache first)
      // and the fetch is no longer in flight (a call after this one fetches again).
      const fetching: Promise<Block> = client.getBlock({ blockTag: 'latest' }).then(
        (block) => {
          observe(block, true);
          if (head !== undefined && block.number === head) latest = { block, atMs: Date.now() };
          if (inFlightHead === fetching) inFlightHead = undefined;
          return block;
        },
        (error: unknown) => {
          if (inFlightHead === fetching) inFlightHead = undefined;
          throw error;
        },
      );
      inFlightHead = fetching;
    }
    return inFlightHead;
  }) as PublicClient['getBlock'];

  const multicall = ((args: Parameters<PublicClient['multicall']>[0]) => {
    const a = args as {
      blockNumber?: bigint;
      contracts: readonly {
        address: string;
        abi: unknown;
        functionName: string;
        args?: readonly unknown[];
      }[];
      allowFailure?: boolean;
      deployless?: boolean;
    };
    if (a.blockNumber === undefined) return client.multicall(args);
    const key = keyOf([
      a.allowFailure ?? true,
      a.contracts.map((c) => [c.address.toLowerCase(), abiId(c.abi), c.functionName, c.args ?? []]),
    ]);
    return cached(a.blockNumber, key, () => client.multicall(args));
  }) as PublicClient['multicall'];

  options.watchHeads?.(
    (block) => {
      observe(block, true);
      following = true;
    },
    () => {
      following = false;
    },
  );

  return Object.assign(Object.create(null) as object, client, {
    getBlock,
    multicall,
    memoAtBlock,
    blockCacheStats: (): BlockCacheStats => ({ ...stats, followingHeads: following }),
  }) as BlockCachedClient;
}
