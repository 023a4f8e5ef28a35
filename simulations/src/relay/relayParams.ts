import { z } from 'zod';
import { RELAY_ERROR_CODE, RelayRpcError } from './relayRpcError.js';

// The wire format of the Flashbots relay methods this relay serves (params are a one-element
// array holding an object). Optional fields may come as null from some clients: accepted.

const hexQuantity = z
  .string()
  .regex(/^0x(0|[1-9a-f][0-9a-f]*)$/i, 'expected a 0x-hex quantity such as "0x1a"')
  .transform((s) => BigInt(s));
const hexData = z.string().regex(/^0x([0-9a-f]{2})+$/i, 'expected 0x-hex bytes of a signed transaction');
const hash32 = z.string().regex(/^0x[0-9a-f]{64}$/i, 'expected a 32-byte 0x-hex hash');
const address = z.string().regex(/^0x[0-9a-f]{40}$/i, 'expected a 20-byte 0x-hex address');
const unixSeconds = z.number().int('expected whole seconds').nonnegative('expected unix seconds');
const blockTag = z.union([hexQuantity, z.enum(['latest', 'pending', 'earliest'])], {
  error: 'expected a 0x-hex block number or "latest"',
});

/** `eth_sendBundle` params. */
export const sendBundleParams = z.tuple([
  z.object({
    txs: z.array(hexData).min(1, 'a bundle needs at least one transaction'),
    blockNumber: hexQuantity,
    minTimestamp: unixSeconds.nullish(),
    maxTimestamp: unixSeconds.nullish(),
    revertingTxHashes: z.array(hash32).nullish(),
    replacementUuid: z.string().min(1, 'expected a non-empty string').nullish(),
  }),
]);

/** `eth_callBundle` params (`timestamp` and `coinbase` are optional overrides). */
export const callBundleParams = z.tuple([
  z.object({
    txs: z.array(hexData).min(1, 'a bundle needs at least one transaction'),
    blockNumber: hexQuantity,
    stateBlockNumber: blockTag,
    timestamp: unixSeconds.nullish(),
    coinbase: address.nullish(),
  }),
]);

/** `eth_cancelBundle` params. */
export const cancelBundleParams = z.tuple([
  z.object({ replacementUuid: z.string().min(1, 'expected a non-empty string') }),
]);

/** `flashbots_getBundleStatsV2` params. */
export const bundleStatsParams = z.tuple([z.object({ bundleHash: hash32, blockNumber: hexQuantity })]);

/** `flashbots_getUserStatsV2` params. */
export const userStatsParams = z.tuple([z.object({ blockNumber: hexQuantity })]);

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`),
    'params',
  );
}

/**
 * Validates a method's params against its schema; a failure becomes an invalid-params
 * JSON-RPC error naming the first bad field, e.g. `params[0].blockNumber: expected a 0x-hex
 * quantity such as "0x1a"`.
 */
export function parseRelayParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  if (!Array.isArray(params) || params.length !== 1)
    throw new RelayRpcError(
      RELAY_ERROR_CODE.invalidParams,
      'params: expected an array holding one request object',
    );
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? fieldPath(issue.path) : 'params';
  throw new RelayRpcError(RELAY_ERROR_CODE.invalidParams, `${where}: ${issue?.message ?? 'invalid'}`);
}
