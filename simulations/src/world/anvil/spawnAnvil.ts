import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { HedgeRouterError } from '@hedge-router/router';
import { registerChild } from './childProcesses.js';

export type SpawnAnvilParameters = {
  chainId: number;
  mnemonic: string;
  /** How many dev accounts anvil derives from the mnemonic and funds. */
  accounts: number;
  /** Start with automine off: transactions wait in the mempool until a block is mined. */
  noMining?: boolean;
  /** ETH balance of every dev account. */
  balanceEth?: number;
  /** Genesis timestamp (unix seconds); default: now. */
  genesisTimestampSeconds?: number;
  startTimeoutMs?: number;
};

export type AnvilProcess = {
  rpcUrl: string;
  /** The anvil process itself (its watchdog is `process`). */
  pid: number;
  port: number;
  chainId: number;
  /** Ends anvil and waits until it has exited. */
  stop: () => Promise<void>;
  process: ChildProcess;
};

const require = createRequire(import.meta.url);

/**
 * The real anvil binary shipped inside @foundry-rs/anvil's platform package. We start the
 * binary directly rather than the package's node wrapper, so there is one process to end.
 */
export function anvilBinaryPath(): string {
  const platformPackage = `@foundry-rs/anvil-${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
  const path = join(dirname(require.resolve(`${platformPackage}/package.json`)), 'bin', 'anvil');
  if (!existsSync(path))
    throw new HedgeRouterError('SIMULATION_FAILED', { shortMessage: `anvil binary not found at ${path}` });
  return path;
}

// The watchdog: bash starts anvil in the background and blocks reading its stdin, a pipe whose
// other end only we hold. When we exit for any reason, including SIGKILL, the pipe closes, the
// read returns, and bash ends anvil. If anvil dies first, bash exits too, so we see it.
const WATCHDOG = [
  'exec 3<&0',
  '"$0" "$@" & anvil_pid=$!',
  'echo "anvil-pid $anvil_pid"',
  'cat <&3 >/dev/null & watch_pid=$!',
  "trap 'kill $anvil_pid $watch_pid 2>/dev/null; wait $anvil_pid; exit 0' TERM INT HUP",
  'wait -n $anvil_pid $watch_pid; status=$?',
  'kill $anvil_pid $watch_pid 2>/dev/null; wait $anvil_pid',
  'exit $status',
].join('\n');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

/**
 * Starts anvil on a free loopback port (port 0, read back from its "Listening on" line) with a
 * fixed mnemonic and chain id, always with `--order fees` so that a manual-block mempool orders
 * by fee as a searcher expects. Resolves once the RPC is up.
 */
export async function spawnAnvil(params: SpawnAnvilParameters): Promise<AnvilProcess> {
  const args = [
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--chain-id',
    String(params.chainId),
    '--mnemonic',
    params.mnemonic,
    '--accounts',
    String(params.accounts),
    '--balance',
    String(params.balanceEth ?? 10_000),
    '--order',
    'fees',
  ];
  if (params.noMining) args.push('--no-mining');
  if (params.genesisTimestampSeconds !== undefined)
    args.push('--timestamp', String(params.genesisTimestampSeconds));

  // --norc --noprofile: with SHLVL unset (cron, systemd, env -i) bash reads ~/.bashrc, which on
  // some machines starts slow tools (pyenv) and made anvil miss its start-up limit.
  const child = spawn('bash', ['--norc', '--noprofile', '-c', WATCHDOG, anvilBinaryPath(), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  registerChild(child);

  let settled = () => {};
  let anvilPid = 0;
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () =>
        fail(
          new HedgeRouterError('SIMULATION_FAILED', {
            shortMessage: `anvil did not start within ${params.startTimeoutMs ?? 10_000} ms:\n${output}`,
          }),
        ),
      params.startTimeoutMs ?? 10_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      anvilPid ||= Number(/anvil-pid (\d+)/.exec(output)?.[1] ?? 0);
      const match = /Listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining anvil's output so its pipe never fills and blocks it.
        child.stdout?.resume();
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(
        new HedgeRouterError('SIMULATION_FAILED', {
          shortMessage: `anvil exited early (${code ?? signal}):\n${output}`,
        }),
      );
    child.once('exit', onEarlyExit);
    settled = () => child.off('exit', onEarlyExit);
  });
  settled();

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    rpcUrl: `http://127.0.0.1:${port}`,
    port,
    chainId: params.chainId,
    process: child,
    pid: anvilPid,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      // The watchdog waits for anvil, but a signal to the whole process group (Ctrl-C in a
      // terminal) can race its trap: make sure anvil itself is gone before we say stopped.
      if (!(await waitForExit(anvilPid, 3000))) process.kill(anvilPid, 'SIGKILL');
    },
  };
}
