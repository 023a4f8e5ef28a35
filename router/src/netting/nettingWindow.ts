/** An intent waiting in the netting window: which way it trades, and when it arrived. */
export type NettingEntry<T> = {
  item: T;
  sellToken: string;
  buyToken: string;
  /** Arrival, milliseconds on the caller's clock. */
  arrivedAtMs: number;
};

/** What the window releases: opposite pairs to cross, and singles whose wait is over. */
export type NettingRelease<T> = { pairs: [T, T][]; singles: T[] };

/** The netting window: a small state machine with time as a parameter (no timers, no I/O). */
export type NettingWindow<T> = {
  /** Adds an arriving intent; if an opposite one is waiting, both are released as a pair now. */
  add: (entry: NettingEntry<T>) => NettingRelease<T>;
  /** Releases the entries whose wait (`windowMs`) is over at `nowMs`, unmatched. */
  due: (nowMs: number) => NettingRelease<T>;
  /** When the next entry's wait ends (ms), or undefined if nothing waits: when to call `due`. */
  nextDueMs: () => number | undefined;
  /** Entries waiting now. */
  size: () => number;
};

const key = (a: string, b: string) => `${a.toLowerCase()}>${b.toLowerCase()}`;

/**
 * Holds each intent up to `windowMs` (e.g. 1,000–2,000 ms) so that an opposite one arriving in
 * that time is crossed with it before any venue sees either. First come, first matched: an
 * arriving intent pairs with the oldest waiting opposite one. The caller owns the clock (the
 * API's worker schedules `due` at `nextDueMs`; a backtest replays time exactly).
 */
export function createNettingWindow<T>(params: { windowMs: number }): NettingWindow<T> {
  if (!(params.windowMs >= 0)) throw new Error(`windowMs: must be ≥ 0, got ${params.windowMs}`);
  let waiting: NettingEntry<T>[] = [];
  return {
    add(entry) {
      const opposite = waiting.find(
        (w) => key(w.sellToken, w.buyToken) === key(entry.buyToken, entry.sellToken),
      );
      if (opposite) {
        waiting = waiting.filter((w) => w !== opposite);
        return { pairs: [[opposite.item, entry.item]], singles: [] };
      }
      waiting.push(entry);
      return { pairs: [], singles: [] };
    },
    due(nowMs) {
      const over = waiting.filter((w) => nowMs - w.arrivedAtMs >= params.windowMs);
      waiting = waiting.filter((w) => !over.includes(w));
      return { pairs: [], singles: over.map((w) => w.item) };
    },
    nextDueMs() {
      return waiting.length === 0
        ? undefined
        : Math.min(...waiting.map((w) => w.arrivedAtMs)) + params.windowMs;
    },
    size: () => waiting.length,
  };
}
