import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HedgeRouterError } from '@hedge-router/router';
import type { Address, Hex } from 'viem';
import { z } from 'zod';
import { ACCOUNT_NAMES } from './accounts.js';

const address = z.custom<Address>(
  (v) => typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v),
  'expected an address: 0x and 40 hex digits',
);
const hex32 = z.custom<Hex>(
  (v) => typeof v === 'string' && /^0x[0-9a-fA-F]{64}$/.test(v),
  'expected 32 bytes of hex',
);

const token = z.object({ address, symbol: z.string(), decimals: z.number().int() });

const pool = z.object({
  label: z.string(),
  address,
  fee: z.number().int(),
  tickSpacing: z.number().int(),
  token0: address,
  token1: address,
  positions: z.array(
    z.object({ tickLower: z.number().int(), tickUpper: z.number().int(), valueUsd: z.number() }),
  ),
});

const chain = z.object({
  name: z.enum(['main', 'remote']),
  chainId: z.number().int(),
  rpcUrl: z.url(),
  tokens: z.object({ weth: token, usd: token }),
  uniswapV3: z.object({ factory: address, swapRouter: address, quoterV2: address, positionManager: address }),
  /** Hedge Router's executor contract and the operator key allowed to call it. */
  executor: z.object({ address, operator: address }),
  cow: z
    .object({ settlement: address, vaultRelayer: address, authenticator: address, balancerVault: address })
    .nullable(),
  pools: z.array(pool),
  /** The local intent bridge on this chain: its spoke pool and the attester key both chains trust. */
  bridge: z.object({ spokePool: address, attester: address }),
});

/**
 * Where everything in a running local world is: chain ids, RPC URLs, contract addresses, named
 * accounts (devnet keys, public by design) and pools. Written as JSON at boot so that other
 * processes (the API, a keeper script, a test) find the world; read back through this schema.
 */
export const worldDescriptorSchema = z.object({
  version: z.literal(1),
  startedAt: z.iso.datetime(),
  bootMs: z.number(),
  mnemonic: z.string(),
  wethPriceUsd: z.number(),
  accounts: z.object(
    Object.fromEntries(
      ACCOUNT_NAMES.map((name) => [name, z.object({ address, privateKey: hex32 })]),
    ) as Record<
      (typeof ACCOUNT_NAMES)[number],
      z.ZodObject<{ address: typeof address; privateKey: typeof hex32 }>
    >,
  ),
  chains: z.object({ main: chain, remote: chain }),
});

export type WorldDescriptor = z.infer<typeof worldDescriptorSchema>;
export type ChainDescriptor = WorldDescriptor['chains']['main'];
export type PoolDescriptor = ChainDescriptor['pools'][number];

/** The default descriptor file: `<repo>/.world/world.json`, or HEDGE_ROUTER_WORLD_FILE. */
export function defaultDescriptorPath(): string {
  return (
    process.env.HEDGE_ROUTER_WORLD_FILE ?? join(import.meta.dirname, '..', '..', '..', '.world', 'world.json')
  );
}

/** Writes the descriptor atomically (a reader never sees half a file). */
export function writeWorldDescriptor(path: string, descriptor: WorldDescriptor): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(descriptor, null, 2)}\n`);
  renameSync(tmp, path);
}

/** Reads and validates a descriptor file; throws naming the bad field. */
export function readWorldDescriptor(path = defaultDescriptorPath()): WorldDescriptor {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const parsed = worldDescriptorSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HedgeRouterError('CONFIG_INVALID', {
      shortMessage: `invalid world descriptor ${path}: ${issue?.path.join('.')}: ${issue?.message}`,
      details: { path, field: issue?.path.join('.') },
    });
  }
  return parsed.data;
}
