import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Address, Hex } from 'viem';
import { nextBaseFee } from './nextBaseFee.js';
import { type OrderedTransaction, predictAnvilOrder } from './predictAnvilOrder.js';

const A = '0x00000000000000000000000000000000000000aa' as Address;
const B = '0x00000000000000000000000000000000000000bb' as Address;
const tx = (hash: string, from: Address, nonce: number, priorityWei: bigint): OrderedTransaction => ({
  hash: hash as Hex,
  from,
  nonce,
  priorityWei,
});

describe('predictAnvilOrder', () => {
  it('behavior: matches what anvil 1.7.1 --order fees mined (10 A0, 20 B0, 30 A1 -> B0, A0, A1)', () => {
    assert.deepEqual(
      predictAnvilOrder([tx('0xa0', A, 0, 10n), tx('0xb0', B, 0, 20n), tx('0xa1', A, 1, 30n)]),
      ['0xb0', '0xa0', '0xa1'],
    );
  });
  it('behavior: equal fees keep submission order, across senders and nonces', () => {
    assert.deepEqual(predictAnvilOrder([tx('0xa0', A, 0, 5n), tx('0xb0', B, 0, 5n), tx('0xa1', A, 1, 5n)]), [
      '0xa0',
      '0xb0',
      '0xa1',
    ]);
  });
  it('behavior: a later nonce never goes before an earlier one of the same sender', () => {
    assert.deepEqual(predictAnvilOrder([tx('0xa1', A, 1, 99n), tx('0xa0', A, 0, 1n)]), ['0xa0', '0xa1']);
  });
});

describe('nextBaseFee', () => {
  it('behavior: an empty block lowers the base fee by 1/8, a full one raises it by 1/8, a half-full one keeps it', () => {
    const parent = { baseFeePerGas: 1_000_000_000n, gasLimit: 30_000_000n };
    assert.equal(nextBaseFee({ ...parent, gasUsed: 0n }), 875_000_000n);
    assert.equal(nextBaseFee({ ...parent, gasUsed: 30_000_000n }), 1_125_000_000n);
    assert.equal(nextBaseFee({ ...parent, gasUsed: 15_000_000n }), 1_000_000_000n);
  });
});
