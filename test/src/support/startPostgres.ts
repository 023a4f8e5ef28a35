import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Postgres = { url: string; stop: () => Promise<void> };

/** The PostgreSQL server binaries of Debian's package, if installed (`apt-get install postgresql`). */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const version = readdirSync(root).sort().at(-1);
  const dir = version ? join(root, version, 'bin') : undefined;
  return dir && existsSync(join(dir, 'initdb')) ? dir : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * A throwaway PostgreSQL server for tests: initdb into a temp dir (as the `postgres` user when
 * run as root, since PostgreSQL refuses root), started on a free loopback port with fsync off,
 * stopped and deleted by `stop()` (and killed with this process).
 */
export async function startPostgres(): Promise<Postgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'hedge-pg-'));
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString().trim()) : undefined;
  const gid = asRoot ? Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) : undefined;
  if (uid !== undefined && gid !== undefined) chownSync(dir, uid, gid);
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args])
      : execFileSync(join(bin, cmd), args);
  run('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const args = [
    '-D',
    join(dir, 'data'),
    '-p',
    String(port),
    '-k',
    dir,
    '-h',
    '127.0.0.1',
    '-F',
    '-c',
    'fsync=off',
  ];
  const child: ChildProcess = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', join(bin, 'postgres'), ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawn(join(bin, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`postgres did not start:\n${log}`)), 20_000);
    child.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`postgres exited (${code}):\n${log}`)));
  });
  child.removeAllListeners('exit');
  // runuser does not pass signals on: signal the postmaster itself (its pid heads postmaster.pid).
  const postmasterPid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.off('exit', killOnExit);
  const killPostmaster = () => {
    try {
      process.kill(postmasterPid, 'SIGKILL');
    } catch {}
  };
  process.once('exit', killPostmaster);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.off('exit', killPostmaster);
      try {
        process.kill(postmasterPid, 'SIGINT'); // fast shutdown
      } catch {}
      const deadline = Date.now() + 10_000;
      for (;;) {
        try {
          process.kill(postmasterPid, 0);
        } catch {
          break;
        }
        if (Date.now() > deadline) {
          killPostmaster();
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
