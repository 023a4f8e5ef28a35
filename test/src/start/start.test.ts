import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readWorldDescriptor } from '@hedge-router/simulations';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

/** Every live process below `root` (pid → command line), from /proc. */
function descendants(root: number): Map<number, string> {
  const parent = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const entry of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue; // exited, waiting to be reaped
      parent.set(Number(entry), Number(fields[1]));
      cmd.set(
        Number(entry),
        readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 120),
      );
    } catch {}
  }
  const out = new Map<number, string>();
  const walk = (pid: number) => {
    for (const [child, ppid] of parent) {
      if (ppid !== pid || out.has(child)) continue;
      out.set(child, cmd.get(child) ?? '');
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** Which of `pids` are still alive (not zombies). */
function alive(pids: Iterable<number>): number[] {
  return [...pids].filter((pid) => {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  });
}

// What a new user does: `npm start`, wait for "ready", watch hedges flow through the API, Ctrl-C.
describe('npm start (hedge-router start: the whole product)', () => {
  it('behavior: ready, a demo intent filled and reconciled within 60 s through the API; Ctrl-C ends every child', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hedge-start-'));
    const descriptorPath = join(dir, 'world.json');
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'simulations', 'bin', 'hedge-router.mjs'),
        'start',
        '--port',
        '0',
        '--data-dir',
        join(dir, 'data'),
        '--descriptor',
        descriptorPath,
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "ready" within 90 s:\n${output}`)), 90_000);
        child.stdout.on('data', (d: Buffer) => {
          output += d.toString();
          const ready = /ready in \d+ ms: API listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (ready?.[1]) {
            clearTimeout(timer);
            resolve(ready[1]);
          }
        });
        void exited.then((code) => reject(new Error(`exited (${code}) before ready:\n${output}`)));
      });

      // A filled intent, seen through the API as any user would.
      const until = Date.now() + 60_000;
      let filled: { id: string } | undefined;
      while (!filled && Date.now() < until) {
        const page = (await (await fetch(`${url}/v1/intents?status=filled`)).json()) as {
          intents: { id: string }[];
        };
        filled = page.intents[0];
        if (!filled) await new Promise((r) => setTimeout(r, 500));
      }
      assert.ok(filled, `no intent filled within 60 s of ready:\n${output}`);
      const view = (await (await fetch(`${url}/v1/intents/${filled.id}`)).json()) as {
        status: string;
        reconciliation: { balancesMatch: boolean } | null;
        legs: { venue: string; fill?: unknown }[];
      };
      assert.equal(view.status, 'filled');
      assert.equal(view.reconciliation?.balancesMatch, true);
      assert.ok(view.legs.some((l) => l.fill));
      // The keeper's log shows each step, one line each. The keeper learns of the fill by polling
      // the API too, so its last lines may come a moment after the API says filled: wait for them.
      const logUntil = Date.now() + 15_000;
      const lineFor = (step: string) => new RegExp(`^\\d\\d:\\d\\d:\\d\\d ${step} `, 'm');
      // The route line comes from the event stream, which may deliver it after the fill the keeper
      // saw by polling (an intent routed at intake fills fast): wait for every line, not the last.
      const steps = ['decision', 'intent', 'route', 'fill', 'reconcile'];
      while (!steps.every((step) => lineFor(step).test(output)) && Date.now() < logUntil)
        await new Promise((r) => setTimeout(r, 200));
      for (const step of steps) assert.match(output, lineFor(step), `a "${step}" line`);
      // Nothing went wrong on the way: the API's error and fatal log lines, the keeper's stderr
      // and its "error" lines, and any stack trace would be in this output (start.ts forwards
      // them). An intent refused, failed or expired is the product working, not an error.
      const wrong = output
        .split('\n')
        .filter((line) =>
          /^\d\d:\d\d:\d\d (api\s+(error|fatal):|keeper\s+stderr:|error\s)|^\s+at .+:\d+:\d+\)?$/.test(line),
        );
      assert.deepEqual(wrong, [], 'error lines in the output of npm start');

      const descriptor = readWorldDescriptor(descriptorPath);
      const children = descendants(child.pid as number);
      const kinds = [...children.values()].join('\n');
      assert.match(kinds, /anvil/, 'the anvils run under the start command');
      assert.match(kinds, /api\/src\/server\.ts/, 'the API is a child process');
      assert.match(kinds, /api\/src\/demo\/keeper\.ts/, 'the keeper is a child process');

      // Ctrl-C ends it promptly, intents in flight or not: the API drains them for at most
      // SHUTDOWN_DRAIN_MS (4 s) and leaves the rest to resume from the ledger.
      const interrupted = Date.now();
      child.kill('SIGINT');
      assert.equal(await exited, 0, output);
      assert.ok(Date.now() - interrupted < 10_000, `stopped ${Date.now() - interrupted} ms after Ctrl-C`);
      assert.match(output, /stopped/);
      await assert.rejects(fetch(`${url}/health`), 'the API is down');
      for (const chain of [descriptor.chains.main, descriptor.chains.remote])
        await assert.rejects(fetch(chain.rpcUrl, { method: 'POST', body: '{}' }), `${chain.rpcUrl} is down`);
      // Every process it started (anvils, their watchdogs, the API, the keeper) has ended.
      await new Promise((r) => setTimeout(r, 500));
      const left = alive(children.keys());
      assert.deepEqual(
        left.map((pid) => `${pid}: ${children.get(pid)}`),
        [],
        'no child process left',
      );
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
