import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readWorldDescriptor } from '@hedge-router/simulations';

const repoRoot = join(import.meta.dirname, '..', '..');

async function rpc(url: string, method: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [] }),
  });
  return ((await response.json()) as { result: unknown }).result;
}

// What a new user does: `npm start`, wait for "ready", use the world, Ctrl-C.
describe('npm start (the local world CLI)', () => {
  it('behavior: boots, says ready, writes the descriptor, and on SIGINT exits 0 leaving no anvil', async () => {
    const descriptorPath = join(mkdtempSync(join(tmpdir(), 'hedge-e2e-')), 'world.json');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'simulations', 'src', 'cli', 'world.ts'),
        '--descriptor',
        descriptorPath,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "ready" within 60 s:\n${output}`)), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (/Local world ready in \d+ ms/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`exited (${code}) before ready:\n${output}`)));
    });

    const descriptor = readWorldDescriptor(descriptorPath);
    assert.equal(await rpc(descriptor.chains.main.rpcUrl, 'eth_chainId'), '0x7a69');
    assert.equal(await rpc(descriptor.chains.remote.rpcUrl, 'eth_chainId'), '0x7a6a');
    const code = (await rpc(descriptor.chains.main.rpcUrl, 'eth_blockNumber')) as string;
    assert.ok(Number(code) > 10, 'the boot transactions were mined');
    assert.match(output, /vault\s+0x70997970C51812dc3A010C7d01b50e0d17dc79C8\s+1000 WETH/);

    const ports = [descriptor.chains.main.rpcUrl, descriptor.chains.remote.rpcUrl];
    const exit = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    child.kill('SIGINT');
    assert.equal(await exit, 0);
    assert.match(output, /stopped/);
    for (const url of ports) await assert.rejects(rpc(url, 'eth_chainId'), 'the chain is down');
  });
});
