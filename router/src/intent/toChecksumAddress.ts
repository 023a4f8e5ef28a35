import { HedgeRouterError } from '../errors/index.js';
import { keccak256 } from './keccak256.js';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** An EVM address as a 0x-prefixed, EIP-55 checksummed string. */
export type Address = `0x${string}`;

/**
 * Validates an EVM address and returns its EIP-55 checksummed form. All-lowercase and
 * all-uppercase inputs carry no checksum and are accepted; mixed case must match EIP-55
 * exactly (a typo guard). Throws INVALID_INPUT naming `field`.
 */
export function toChecksumAddress(value: string, field = 'address'): Address {
  if (typeof value !== 'string' || !ADDRESS.test(value)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      field,
      shortMessage: 'must be a 0x-prefixed 20-byte hex address',
      details: { value },
    });
  }
  const lower = value.slice(2).toLowerCase();
  const hash = keccak256(new TextEncoder().encode(lower));
  let checksummed = '0x';
  for (let i = 0; i < 40; i++) {
    const nibble = (hash[i >> 1]! >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    checksummed += nibble >= 8 ? lower[i]!.toUpperCase() : lower[i]!;
  }
  const body = value.slice(2);
  const mixedCase = body !== body.toLowerCase() && body !== body.toUpperCase();
  if (mixedCase && value !== checksummed) {
    throw new HedgeRouterError('INVALID_INPUT', {
      field,
      shortMessage: 'mixed-case address fails its EIP-55 checksum (a typo?)',
      details: { value, expected: checksummed },
    });
  }
  return checksummed as Address;
}
