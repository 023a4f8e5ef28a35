import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BlockRange, latestEventBackwards } from '@hedge-router/solvers';

// Logs of an event the chain says happened are looked up back from the head, a window at a time,
// instead of one eth_getLogs from block 0 (which providers bounding log ranges refuse).
function chainWithEventsAt(blocks: bigint[]) {
  const ranges: BlockRange[] = [];
  const query = async (range: BlockRange) => {
    ranges.push(range);
    return blocks.filter((b) => b >= range.fromBlock && b <= range.toBlock).map((block) => ({ block }));
  };
  return { ranges, query };
}

describe('latestEventBackwards', () => {
  it('behavior: the most recent event, from the first window back from the head that has one', async () => {
    const { ranges, query } = chainWithEventsAt([120n, 13_900n, 14_100n]);
    const found = await latestEventBackwards(20_000n, query, { windowBlocks: 5_000n });
    assert.deepEqual(found, { block: 14_100n });
    assert.deepEqual(ranges, [
      { fromBlock: 15_001n, toBlock: 20_000n },
      { fromBlock: 10_001n, toBlock: 15_000n },
    ]);
  });

  it('behavior: contiguous windows down to the lowest block, and undefined when none has it', async () => {
    const { ranges, query } = chainWithEventsAt([5n]);
    assert.equal(
      await latestEventBackwards(12_345n, query, { windowBlocks: 5_000n, lowestBlock: 10n }),
      undefined,
    );
    assert.deepEqual(ranges, [
      { fromBlock: 7_346n, toBlock: 12_345n },
      { fromBlock: 2_346n, toBlock: 7_345n },
      { fromBlock: 10n, toBlock: 2_345n },
    ]);
    // The default window is one query on a young chain, as the local world's.
    const young = chainWithEventsAt([3n]);
    assert.deepEqual(await latestEventBackwards(400n, young.query), { block: 3n });
    assert.deepEqual(young.ranges, [{ fromBlock: 0n, toBlock: 400n }]);
  });

  it('error: a window of no blocks is refused', async () => {
    await assert.rejects(
      latestEventBackwards(10n, async () => [], { windowBlocks: 0n }),
      RangeError,
    );
  });
});
