import type { GetTxpoolContentReturnType, TestClient } from 'viem';

export type BlockMode =
  /** Every transaction is mined in its own block as it arrives: fast tests. */
  | { mode: 'auto' }
  /**
   * Transactions wait in the public mempool (visible through `txpool_content`) until a block
   * is mined, on demand (`mine`) or every `intervalMs`. Needed for MEV simulations: anvil runs
   * with `--order fees`, so within a block a higher maxFeePerGas goes first.
   */
  | { mode: 'manual'; intervalMs?: number };

/**
 * A block producer that may take over one block (the local relay's builder). It runs inside
 * BlockControl's serialised section, so no other block, mempool read through `txpoolContent`
 * or `exclusive` section interleaves with it. Resolves `true` if it mined the next block
 * itself, `false` to let BlockControl mine it as usual (`evm_mine`).
 */
export type BlockBuilder = () => Promise<boolean>;

export type BlockControl = {
  setMode: (mode: BlockMode) => Promise<void>;
  mode: () => BlockMode;
  /** Mines `blocks` blocks now (default 1), each offered to the builder first if one is set. */
  mine: (blocks?: number) => Promise<void>;
  /** Stops a block schedule, if one runs. */
  stop: () => void;
  /** Installs (or with `undefined` removes) the builder offered every block mined through here. */
  setBuilder: (builder: BlockBuilder | undefined) => void;
  /**
   * The public mempool (`txpool_content`), read in turn with block production: a reader never
   * sees a builder's block half-built (a private bundle's transactions sit in anvil's pool for
   * the few milliseconds between submission and `evm_mine`). Mempool watchers such as a
   * searcher should read here rather than call `txpool_content` on anvil directly.
   */
  txpoolContent: () => Promise<GetTxpoolContentReturnType>;
  /** Runs `fn` in turn with block production and mempool reads (nothing interleaves with it). */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
};

/** Block production control for one anvil chain. */
export function createBlockControl(test: TestClient<'anvil'>): BlockControl {
  let current: BlockMode = { mode: 'auto' };
  let timer: NodeJS.Timeout | undefined;
  let builder: BlockBuilder | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const stopSchedule = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  // One queue for mining, builder blocks, guarded mempool reads and exclusive sections, so a
  // scheduled block, an on-demand one and a reader never interleave.
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn);
    queue = next.catch(() => undefined);
    return next;
  };
  const mineNow = async (blocks: number) => {
    if (!builder) return void (await test.mine({ blocks }));
    for (let i = 0; i < blocks; i++) if (!(await builder())) await test.mine({ blocks: 1 });
  };
  const mine = (blocks = 1) => exclusive(() => mineNow(blocks));

  return {
    mode: () => current,
    mine,
    stop: stopSchedule,
    setBuilder: (next) => {
      builder = next;
    },
    txpoolContent: () => exclusive(() => test.getTxpoolContent()),
    exclusive,
    async setMode(mode) {
      stopSchedule();
      await test.setAutomine(mode.mode === 'auto');
      current = mode;
      if (mode.mode === 'manual' && mode.intervalMs !== undefined) {
        // A scheduled block that fails (the chain is stopping) is not an error worth surfacing.
        timer = setInterval(() => void mine().catch(() => undefined), mode.intervalMs);
        timer.unref();
      }
    },
  };
}
