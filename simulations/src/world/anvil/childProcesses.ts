import type { ChildProcess } from 'node:child_process';

// Every child process the local world starts is registered here, so that whatever way this
// process ends (normal exit, an uncaught error, SIGINT/SIGTERM/SIGHUP) they end with it.
// A SIGKILL of this process cannot be caught: for that case each anvil runs under a watchdog
// that ends it when our end of its stdin pipe closes (see spawnAnvil.ts).
const children = new Set<ChildProcess>();
let hooked = false;

function killAll(signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
  children.clear();
}

function hookProcessExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => killAll());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAll();
      // Only act as the default handler would when nobody else listens for this signal; a CLI
      // that installs its own handler (graceful shutdown) decides when to exit.
      if (process.listenerCount(signal) === 1) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  }
  process.on('uncaughtException', (error) => {
    killAll();
    console.error(error);
    process.exit(1);
  });
}

/** Registers a child process so that it is ended when this process exits, however it exits. */
export function registerChild(child: ChildProcess): void {
  hookProcessExit();
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** Ends every registered child now (used by tests and by the CLI's shutdown). */
export function killAllChildren(): void {
  killAll();
}
