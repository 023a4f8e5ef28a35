/**
 * Hands out paths 0..total−1 in consecutive chunks. With `fixedPaths`, every chunk has that many
 * (the last fewer). Otherwise chunks shrink as the work runs out (guided self-scheduling): each
 * takes 1/(4·threads) of what is left, rounded up to a multiple of 32 paths (the fast loop's
 * block), within [~100k, ~1.5M] path-steps. Early chunks are large (few messages, this thread's
 * event loop is not blocked for long: ~0.1 s), and the last ones small, so threads finish
 * within a few ms of each other instead of one waiting out another's big last chunk.
 * The results never depend on the chunking: path i always uses RNG stream i.
 */
export type ChunkQueue = { take(): { from: number; count: number } | undefined; readonly left: number };

export function createChunkQueue(
  total: number,
  steps: number,
  threads: number,
  fixedPaths?: number,
): ChunkQueue {
  const round32 = (n: number) => Math.ceil(n / 32) * 32;
  const minPaths = round32(Math.max(32, 1e5 / steps));
  const maxPaths = Math.max(minPaths, round32(1.5e6 / steps));
  let next = 0;
  return {
    take() {
      if (next >= total) return undefined;
      const left = total - next;
      const size =
        fixedPaths ?? Math.min(maxPaths, Math.max(minPaths, round32(left / (4 * Math.max(1, threads)))));
      const chunk = { from: next, count: Math.min(size, left) };
      next += chunk.count;
      return chunk;
    },
    get left() {
      return total - next;
    },
  };
}
