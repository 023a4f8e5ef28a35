import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnAnvil } from './spawnAnvil.js';

const fixture = join(import.meta.dirname, 'fixtures', 'holdAnvil.ts');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs = 3000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/** Starts the fixture in a child node, returns its anvil pid once printed. */
async function startHolder(how: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, how], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /\{"pid":(\d+)\}/.exec(out);
      if (match?.[1]) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`fixture exited (${code}) before starting anvil: ${out}`)));
  });
  return { child, pid };
}

describe('anvil child processes', () => {
  it('behavior: starts on a free loopback port and answers JSON-RPC', async () => {
    const anvil = await spawnAnvil({
      chainId: 4242,
      mnemonic: 'test test test test test test test test test test test junk',
      accounts: 1,
    });
    try {
      assert.match(anvil.rpcUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(anvil.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      assert.equal(((await response.json()) as { result: string }).result, '0x1092');
    } finally {
      await anvil.stop();
    }
    assert.equal(alive(anvil.pid), false);
  });

  it('robustness: starts in time with SHLVL unset and a slow ~/.bashrc (cron, systemd, env -i: issue 15 #11)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hedge-home-'));
    writeFileSync(join(home, '.bashrc'), 'sleep 20\n');
    writeFileSync(join(home, '.bash_profile'), 'sleep 20\n');
    const saved = { HOME: process.env.HOME, SHLVL: process.env.SHLVL };
    process.env.HOME = home;
    delete process.env.SHLVL;
    try {
      const anvil = await spawnAnvil({
        chainId: 4243,
        mnemonic: 'test test test test test test test test test test test junk',
        accounts: 1,
        startTimeoutMs: 8_000,
      });
      await anvil.stop();
    } finally {
      process.env.HOME = saved.HOME;
      if (saved.SHLVL === undefined) delete process.env.SHLVL;
      else process.env.SHLVL = saved.SHLVL;
    }
  });

  for (const [how, end] of [
    ['kill', 'SIGKILL (uncatchable)'],
    ['term', 'SIGTERM'],
    ['int', 'SIGINT'],
    ['throw', 'an uncaught exception'],
    ['exit', 'process.exit'],
  ] as const) {
    it(`behavior: anvil ends when its parent ends by ${end}`, async () => {
      const { child, pid } = await startHolder(how);
      assert.ok(alive(pid));
      const exited = new Promise((r) => child.once('exit', r));
      if (how === 'kill') child.kill('SIGKILL');
      if (how === 'term') child.kill('SIGTERM');
      if (how === 'int') child.kill('SIGINT');
      await exited;
      assert.ok(await gone(pid), `anvil ${pid} outlived its parent (${end})`);
    });
  }
});
