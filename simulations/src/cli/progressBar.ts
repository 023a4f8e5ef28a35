/** A one-line progress bar on a terminal's stderr; silent when stderr is not a TTY. */
export type ProgressBar = { update: (done: number, total: number) => void; done: () => void };

/**
 * Draws `label [#####-----] 42% 4,200/10,000 paths, 1.2 s` on stderr, at most every 100 ms.
 * On a non-terminal (a pipe, CI, a test) it draws nothing, so stdout JSON stays clean anyway.
 */
export function createProgressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  now = () => Date.now(),
): ProgressBar {
  const started = now();
  let lastDraw = 0;
  const active = stream.isTTY === true;
  const draw = (done: number, total: number) => {
    const width = 30;
    const fraction = total > 0 ? done / total : 1;
    const filled = Math.round(fraction * width);
    const seconds = ((now() - started) / 1000).toFixed(1);
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} paths, ${seconds} s`,
    );
  };
  return {
    update(done, total) {
      if (!active) return;
      const t = now();
      if (t - lastDraw < 100 && done < total) return;
      lastDraw = t;
      draw(done, total);
    },
    done() {
      if (active) stream.write('\n');
    },
  };
}
