// The repo's one JSON convention for exact amounts: a bigint is written as its decimal string
// (JSON has no integer type, and a double loses wei past 2^53), and read back by the zod schema
// of the record it belongs to, so no reader revives bigints by a list of key names.
import { z } from 'zod';

const replacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/** JSON text of `value` with every bigint as a decimal string. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, replacer);
}

/** A deep copy of `value` as plain JSON data (bigints as decimal strings), for HTTP answers. */
export function jsonSafe(value: unknown): unknown {
  return JSON.parse(toJson(value));
}

/**
 * A signed integer: a decimal string in JSON, a bigint in code. Decoding also accepts a bigint
 * (a record built in memory and never serialised) so one schema reads both.
 */
export const bigintJson = z.codec(
  z.union([z.string().regex(/^-?(0|[1-9][0-9]*)$/, 'must be a base-10 integer string'), z.bigint()]),
  z.bigint(),
  {
    decode: (value) => BigInt(value),
    encode: (value) => value.toString(),
  },
);
