import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublicClient } from 'viem';
import { withBlockCache } from './blockCachedClient.js';

/** A fake client: a chain whose head and per-block answers the test sets. */
function fakeClient() {
  const chain: { head: { number: bigint; hash: string; parentHash?: string }; calls: number; heads: number } =
    {
      head: { number: 10n, hash: '0xa' },
      calls: 0,
      heads: 0,
    };
  const client = {
    getBlock: async (args?: { blockNumber?: bigint }) => {
      if (args?.blockNumber !== undefined) return { number: args.blockNumber, hash: `0x${args.blockNumber}` };
      chain.heads++;
      return { ...chain.head };
    },
    multicall: async (args: { blockNumber?: bigint }) => {
      chain.calls++;
      return [`state at ${args.blockNumber} (${chain.head.hash})`];
    },
  } as unknown as PublicClient;
  return { chain, client };
}
const abi: unknown[] = [];
const read = (blockNumber: bigint) => ({
  contracts: [{ address: '0x0000000000000000000000000000000000000001', abi, functionName: 'slot0' }],
  blockNumber,
});

describe('withBlockCache', () => {
  it('behavior: a read at a block is fetched once; concurrent head reads share one fetch', async () => {
    const { chain, client } = fakeClient();
    const cached = withBlockCache(client);
    const heads = await Promise.all([cached.getBlock(), cached.getBlock(), cached.getBlock()]);
    assert.equal(chain.heads, 1);
    assert.equal(heads[0]?.number, 10n);
    const a = await cached.multicall(read(10n) as never);
    const b = await cached.multicall(read(10n) as never);
    assert.equal(chain.calls, 1);
    assert.equal(a, b);
    await cached.multicall(read(11n) as never);
    assert.equal(chain.calls, 2, 'another block is another read');
  });

  it('behavior: without a max age every head read after the last one began fetches again', async () => {
    const { chain, client } = fakeClient();
    const cached = withBlockCache(client);
    await cached.getBlock();
    await cached.getBlock();
    assert.equal(chain.heads, 2);
  });

  it('behavior: pushed heads answer for the latest block with no read, until lost or silent', async () => {
    const { chain, client } = fakeClient();
    let push: ((block: never) => void) | undefined;
    let lose: ((error: unknown) => void) | undefined;
    const cached = withBlockCache(client, {
      watchHeads: (onHead, onLost) => {
        push = onHead as never;
        lose = onLost;
        return () => {};
      },
      headSilenceMs: 200,
    });
    // Nothing pushed yet: the head is read.
    assert.equal((await cached.getBlock()).number, 10n);
    assert.equal(chain.heads, 1);
    assert.equal(cached.blockCacheStats().followingHeads, false);
    push?.({ number: 11n, hash: '0xb', parentHash: '0xa' } as never);
    chain.head = { number: 11n, hash: '0xb', parentHash: '0xa' };
    for (let i = 0; i < 5; i++) assert.equal((await cached.getBlock()).number, 11n);
    assert.equal(chain.heads, 1, 'no read while heads are pushed');
    assert.equal(cached.blockCacheStats().followingHeads, true);
    push?.({ number: 12n, hash: '0xc', parentHash: '0xb' } as never);
    assert.equal((await cached.getBlock()).number, 12n, 'the newest pushed head');
    // A reorg pushed at the same height clears the cache (another hash at a known height).
    const resets = cached.blockCacheStats().resets;
    push?.({ number: 12n, hash: '0xd', parentHash: '0xb' } as never);
    assert.equal(cached.blockCacheStats().resets, resets + 1);
    assert.equal((await cached.getBlock()).hash, '0xd');
    // Lost: read again per request.
    lose?.(new Error('socket closed'));
    chain.head = { number: 13n, hash: '0xe', parentHash: '0xd' };
    assert.equal((await cached.getBlock()).number, 13n);
    assert.equal(chain.heads, 2);
    // Back, then silent for longer than headSilenceMs: read again, in case it died silently.
    push?.({ number: 14n, hash: '0xf', parentHash: '0xe' } as never);
    assert.equal((await cached.getBlock()).number, 14n);
    assert.equal(chain.heads, 2);
    await new Promise((r) => setTimeout(r, 250));
    chain.head = { number: 14n, hash: '0xf', parentHash: '0xe' };
    await cached.getBlock();
    assert.equal(chain.heads, 3, 'a silent subscription is not trusted alone');
  });

  it('behavior: with a max age the known head answers until it is that old', async () => {
    const { chain, client } = fakeClient();
    const cached = withBlockCache(client, { headMaxAgeMs: 60_000 });
    await cached.getBlock();
    chain.head = { number: 11n, hash: '0xb' };
    assert.equal((await cached.getBlock()).number, 10n);
    assert.equal(chain.heads, 1);
  });

  it('behavior: a rewound chain (lower head, or another hash at a known height) clears the cache', async () => {
    const { chain, client } = fakeClient();
    const cached = withBlockCache(client);
    await cached.getBlock();
    const before = await cached.multicall(read(10n) as never);
    chain.head = { number: 10n, hash: '0xother' }; // evm_revert, then a block mined again
    await cached.getBlock();
    const after = await cached.multicall(read(10n) as never);
    assert.notEqual(after, before);
    assert.equal(chain.calls, 2);
    assert.equal(cached.blockCacheStats().resets, 1);
  });

  it('behavior: memoAtBlock computes once per block (concurrent callers share it) and hands the newest earlier value', async () => {
    const { chain, client } = fakeClient();
    const cached = withBlockCache(client);
    await cached.getBlock();
    let computed = 0;
    const seen: (bigint | undefined)[] = [];
    const compute = (n: bigint) => async (previous: { blockNumber: bigint; value: string } | undefined) => {
      computed++;
      seen.push(previous?.blockNumber);
      return `value at ${n} from ${previous?.value ?? 'nothing'}`;
    };
    const [a, b] = await Promise.all([
      cached.memoAtBlock(10n, 'k', compute(10n)),
      cached.memoAtBlock(10n, 'k', compute(10n)),
    ]);
    assert.equal(computed, 1);
    assert.equal(a, b);
    chain.head = { number: 11n, hash: '0xb', parentHash: '0xa' };
    await cached.getBlock();
    const c = await cached.memoAtBlock(11n, 'k', compute(11n));
    assert.equal(c, 'value at 11 from value at 10 from nothing');
    assert.deepEqual(seen, [undefined, 10n]);
    assert.equal(await cached.memoAtBlock(11n, 'other', async (previous) => String(previous)), 'undefined');
    // Memo values are counted apart from chain reads: none of them read the chain.
    const stats = cached.blockCacheStats();
    assert.equal(stats.memoBuilds, 3);
    assert.equal(stats.misses, 0);
    assert.equal(stats.hits, 1);
  });

  it('behavior: a failed memo computation is not kept: the next caller computes again', async () => {
    const { client } = fakeClient();
    const cached = withBlockCache(client);
    await assert.rejects(
      cached.memoAtBlock(10n, 'k', async () => Promise.reject(new Error('rpc down'))),
      /rpc down/,
    );
    assert.equal(
      await cached.memoAtBlock(10n, 'k', async (previous) => `again, previous ${previous}`),
      'again, previous undefined',
    );
  });

  it('behavior: a head whose parent is not the block known below it clears the cache (a reorg one block deep)', async () => {
    const { chain, client } = fakeClient();
    const cached = withBlockCache(client);
    await cached.getBlock();
    await cached.memoAtBlock(10n, 'k', async () => 'old chain');
    chain.head = { number: 11n, hash: '0xc', parentHash: '0xother' };
    await cached.getBlock();
    assert.equal(cached.blockCacheStats().resets, 1);
    assert.equal(
      await cached.memoAtBlock(11n, 'k', async (previous) => `previous ${previous?.value}`),
      'previous undefined',
    );
  });

  it('behavior: after a head that skips blocks, values of older blocks are no longer offered as previous', async () => {
    const { chain, client } = fakeClient();
    const cached = withBlockCache(client);
    await cached.getBlock();
    await cached.memoAtBlock(10n, 'k', async () => 'at 10');
    chain.head = { number: 12n, hash: '0xd', parentHash: '0xunseen' };
    await cached.getBlock();
    assert.equal(cached.blockCacheStats().resets, 0, 'nothing says the chain was rewound');
    assert.equal(
      await cached.memoAtBlock(12n, 'k', async (previous) => `previous ${previous?.value}`),
      'previous undefined',
    );
    // The reads at 10 themselves stay (a read at a block never changes): only the link is unknown.
    assert.equal(await cached.memoAtBlock(10n, 'k', async () => 'again'), 'at 10');
  });
});
