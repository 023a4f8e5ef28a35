// The hedge intent on the wire (JSON: amounts as decimal strings) and in code (bigint), as one
// zod codec, so the API decodes requests and encodes responses with the same definition.
import { z } from 'zod';
import { type Address, toChecksumAddress } from './toChecksumAddress.js';

const MAX_UINT256 = (1n << 256n) - 1n;
const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

const addressString = z.string().superRefine((value, ctx) => {
  try {
    if (toChecksumAddress(value) === ZERO_ADDRESS)
      ctx.addIssue({ code: 'custom', message: 'must not be the zero address' });
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: (error as { shortMessage?: string }).shortMessage ?? 'invalid address',
    });
  }
});

/** An address: any valid spelling on the wire, EIP-55 checksummed in code (and when encoded). */
const address = z.codec(
  addressString,
  z.custom<Address>((value) => typeof value === 'string'),
  {
    decode: (value) => toChecksumAddress(value),
    encode: (value) => value,
  },
);

const decimal = (max: bigint, label: string) =>
  z
    .string()
    .superRefine((value, ctx) => {
      if (value.startsWith('-')) ctx.addIssue({ code: 'custom', message: 'must not be negative' });
      else if (!/^(0|[1-9][0-9]*)$/.test(value))
        ctx.addIssue({
          code: 'custom',
          message: 'must be a base-10 integer string without sign, point or leading zeros',
        });
      else if (BigInt(value) > max) ctx.addIssue({ code: 'custom', message: `must fit in ${label}` });
    })
    .describe(`${label} as a decimal string`);

/** A uint256 amount: a decimal string on the wire, a bigint in code. */
const uint256 = z.codec(decimal(MAX_UINT256, 'uint256'), z.bigint().min(0n).max(MAX_UINT256), {
  decode: (value) => BigInt(value),
  encode: (value) => value.toString(),
});

/**
 * The hedge intent codec: `z.decode(hedgeIntentCodec, wire)` gives the in-code form (bigint
 * amounts, checksummed addresses), `z.encode(hedgeIntentCodec, intent)` the wire form. Checks
 * every field (negative, above uint256, zero or mistyped addresses) and the cross-field rules:
 * sellAmount > 0 and sellToken ≠ buyToken.
 */
export const hedgeIntentCodec = z
  .object({
    /** The vault (or trader) whose hedge this is and who signs it. */
    vault: address,
    /** Token sold. */
    sellToken: address,
    /** Token bought. */
    buyToken: address,
    /** Amount sold, sell-token base units, > 0. */
    sellAmount: uint256,
    /** Least total amount bought, buy-token base units (the limit). */
    minBuyAmount: uint256,
    /** Last unix second (uint64) at which any part may execute. */
    deadline: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    /** Replay protection: each (vault, nonce) is used once. */
    nonce: uint256,
    /** Whether the router may fill part of sellAmount (each part still at the limit price). */
    partialFill: z.boolean(),
  })
  .strict()
  .superRefine((intent, ctx) => {
    if (intent.sellAmount === 0n)
      ctx.addIssue({ code: 'custom', path: ['sellAmount'], message: 'must be greater than zero' });
    if (intent.sellToken === intent.buyToken) {
      ctx.addIssue({ code: 'custom', path: ['buyToken'], message: 'must differ from sellToken' });
    }
  });

/** A hedge intent in code: amounts in base units as bigint, addresses EIP-55 checksummed. */
export type HedgeIntent = z.output<typeof hedgeIntentCodec>;
/** A hedge intent on the wire: amounts as decimal strings. */
export type HedgeIntentWire = z.input<typeof hedgeIntentCodec>;
