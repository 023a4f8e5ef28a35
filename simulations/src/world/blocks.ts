import type { TestClient } from 'viem';

export type BlockMode =
  /** Every transaction is mined in its own block as it arrives: fast tests. */
  | { mode: 'auto' }
  /**
   * Transactions wait in the public mempool (visible through `txpool_content`) until a block
   * is mined, on demand (`mine`) or every `intervalMs`. Needed for MEV simulations: anvil runs
   * with `--order fees`, so within a block a higher maxFeePerGas goes first.
   */
  | { mode: 'manual'; intervalMs?: number };

export type BlockControl = {
  setMode: (mode: BlockMode) => Promise<void>;
  mode: () => BlockMode;
  /** Mines `blocks` blocks now (default 1). */
  mine: (blocks?: number) => Promise<void>;
  /** Stops a block schedule, if one runs. */
  stop: () => void;
};

/** Block production control for one anvil chain. */
export function createBlockControl(test: TestClient<'anvil'>): BlockControl {
  let current: BlockMode = { mode: 'auto' };
  let timer: NodeJS.Timeout | undefined;
  let mining: Promise<void> = Promise.resolve();

  const stopSchedule = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const mine = (blocks = 1) => {
    // Serialise mining so a scheduled block and an on-demand one never interleave.
    const next = mining.then(() => test.mine({ blocks }));
    mining = next.catch(() => undefined);
    return next;
  };

  return {
    mode: () => current,
    mine,
    stop: stopSchedule,
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
