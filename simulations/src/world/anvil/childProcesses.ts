import type { ChildProcess } from 'node:child_process';

// Every child process the local world starts is registered here, so that whatever way this
// process ends (normal exit, an uncaught error, SIGINT/SIGTERM/SIGHUP) they end with it.
// A SIGKILL of this process cannot be caught: for that case each anvil runs under a watchdog
// that ends it when our end of its stdin pipe closes (see spawnAnvil.ts).
const children = new Set<ChildProcess>();
// How long a CLI's own shutdown may take before the children are ended regardless.
const SHUTDOWN_GRACE_MS = 20_000;
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
  const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) {
        // A CLI with its own graceful shutdown (npm start) stops its processes in order (the API
        // before the chains it calls) and exits; the children still end with this process
        // ('exit' above), or after a grace period if that shutdown hangs.
        setTimeout(() => killAll(), SHUTDOWN_GRACE_MS).unref();
        return;
      }
      // Nobody else listens: act as the default handler would.
      killAll();
      process.exit(128 + signalNumbers[signal]);
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
