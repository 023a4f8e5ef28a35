import { readFileSync } from 'node:fs';
import type { Address, Hex } from 'viem';
import { z } from 'zod';
import { ConfigError } from './loadConfig.js';

const address = z.custom<Address>(
  (v) => typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v),
  'expected an address',
);
const key = z.custom<Hex>(
  (v) => typeof v === 'string' && /^0x[0-9a-fA-F]{64}$/.test(v),
  'expected a 32-byte key',
);
const token = z.object({ address, symbol: z.string(), decimals: z.number().int() });

/**
 * What the service needs to know about the chain it routes on: RPC, tokens, the executor, the
 * pools, CoW's settlement and the bridge's spoke pool; and, for the cross-chain venue, the same
 * about the remote chain. The local world writes exactly this shape (a subset of its descriptor); against a real
 * chain an operator writes the same file with mainnet addresses.
 */
const pool = z.object({
  label: z.string(),
  address,
  fee: z.number().int(),
  token0: address,
  token1: address,
});
const chain = z.object({
  chainId: z.number().int(),
  rpcUrl: z.url(),
  tokens: z.object({ weth: token, usd: token }),
  executor: z.object({ address, operator: address }),
  pools: z.array(pool),
  /** CoW Protocol's settlement on this chain (the batch-auction venue's orders are signed for it). */
  cow: z.object({ settlement: address }).nullable().optional(),
  /** The intent bridge's spoke pool on this chain (the cross-chain venue). */
  bridge: z.object({ spokePool: address }).optional(),
});

export const deploymentSchema = z.object({
  chains: z.object({
    main: chain,
    /** The chain cross-chain legs are sold on, with its own executor, pools and spoke pool. */
    remote: chain.optional(),
  }),
  /** Keys of the local world's accounts; only read when no key is configured. */
  accounts: z
    .object({
      executor: z.object({ privateKey: key }).optional(),
      relayer: z.object({ privateKey: key }).optional(),
    })
    .partial()
    .optional(),
});

export type Deployment = z.infer<typeof deploymentSchema>;

/** Reads and validates the deployment file; throws a ConfigError naming the file, field and reason. */
export function readDeployment(path: string): Deployment {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read the deployment file ${path}: ${(error as Error).message}`, {
      details: { variable: 'WORLD_FILE', path },
      cause: error,
    });
  }
  const parsed = deploymentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid deployment file ${path}: ${issue?.path.join('.')}: ${issue?.message}`, {
      details: { variable: 'WORLD_FILE', path, field: issue?.path.join('.') },
    });
  }
  return parsed.data;
}
