import { availableParallelism } from 'node:os';
import { HedgeRouterError } from '@hedge-router/router';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);

/**
 * Everything the service reads from its environment, validated once at start-up. A wrong value
 * stops the process with a message naming the variable and the reason.
 */
export const configSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** PostgreSQL connection string; when unset, the embedded SQLite ledger under DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data'),
  /** Bearer token for /v1/admin/*. At least 16 characters. */
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  /** The local world's descriptor (chains, contracts, accounts): see simulations. */
  WORLD_FILE: z.string().default('.world/world.json'),
  /** The router operator's key (calls HedgeExecutor). Default: the world's `executor` account. */
  OPERATOR_PRIVATE_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x and 64 hex digits')
    .optional(),
  /** Flashbots-compatible relay URL; the bundle venue is enabled when set. */
  RELAY_URL: z.string().url().optional(),
  /** Key signing X-Flashbots-Signature (reputation only). Default: a key derived by the world. */
  RELAY_AUTH_PRIVATE_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x and 64 hex digits')
    .optional(),
  /**
   * Bound on one relay request (eth_callBundle, eth_sendBundle), ms: a relay that does not answer
   * fails that request instead of holding the operator's lock (ethers' own default is 5 minutes).
   */
  RELAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /** Resubmissions in a row the relay may fail (one per block) before a bundle is given up as not included. */
  RELAY_MAX_FAILURES: z.coerce.number().int().min(1).max(1_000).default(3),
  BLOCK_TIME_SECONDS: z.coerce.number().positive().default(1),
  /**
   * How long a known chain head answers for "the latest block" before it is fetched again (ms).
   * 0: fetched for every request (shared by concurrent ones). Pool states are cached per block
   * either way; a new block is seen within this time.
   */
  CHAIN_HEAD_MAX_AGE_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /**
   * The chain's WebSocket RPC (ws:// or wss://). When set, the quote workers follow the head
   * through `eth_subscribe('newHeads')` instead of reading it for every quote.
   */
  CHAIN_WS_URL: z
    .string()
    .url()
    .regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL')
    .optional(),
  BUNDLE_INCLUSION_PROBABILITY: z.coerce.number().min(0.01).max(1).default(0.9),
  /** CoW Protocol orderbook API URL; the batch-auction venue is enabled when set (needs the deployment's `cow`). */
  COW_ORDERBOOK_URL: z.string().url().optional(),
  /** Seconds between the orderbook's batch auctions, for expected delays (CoW's are ~12 s). */
  COW_AUCTION_INTERVAL_SECONDS: z.coerce.number().positive().max(3_600).default(12),
  /**
   * The cross-chain venue, when the deployment file has a remote chain and bridge spoke pools on
   * both. Off by default: a bridge's spoke pools exist whether or not any relayer fills them.
   */
  CROSS_CHAIN_ENABLED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** The bridge's terms as its relayers quote them: fee per leg (integer bps), seconds per leg, fill window. */
  BRIDGE_FEE_BPS: z.coerce.number().int().min(0).max(9_999).default(4),
  BRIDGE_LEG_SECONDS: z.coerce.number().min(0).max(3_600).default(6),
  BRIDGE_FILL_WINDOW_SECONDS: z.coerce.number().positive().max(86_400).default(60),
  /**
   * Netting window (ms): a new intent waits this long for an opposite one, and pairs are crossed
   * at the mid before any venue sees them. 0 turns netting off.
   */
  NETTING_WINDOW_MS: z.coerce.number().int().min(0).max(60_000).default(1_500),
  /** Requests per minute per client IP. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(65_536),
  /** Longest deadline accepted, seconds from now. */
  MAX_DEADLINE_SECONDS: z.coerce.number().int().positive().default(86_400),
  /** Default risk aversion λ per USD of variance, and forecast vol, for costs. */
  DEFAULT_RISK_AVERSION_PER_USD: z.coerce.number().min(0).default(1e-6),
  DEFAULT_ANNUAL_VOLATILITY: z.coerce.number().positive().default(0.6),
  /**
   * Worker threads that compute quotes (`auto`: one per core, at most 4; 0: on the event loop).
   * Each keeps its own chain clients and per-block caches. One per core, not one fewer: the event
   * loop only parses and writes (~90 µs a quote against ~130 µs in a worker), and on 2 cores two
   * workers gave a median 0.313 of the bare route against 0.288 for one (bench/ratioProbe.ts).
   */
  QUOTE_WORKERS: z
    .string()
    .regex(/^(auto|[0-9]|[1-5][0-9]|6[0-4])$/, "must be 'auto' or a whole number from 0 to 64")
    .default('auto')
    .transform((v) => (v === 'auto' ? Math.min(4, availableParallelism()) : Number(v))),
  WORKER_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  WORKER_ID: z.string().default(`worker-${process.pid}`),
  /**
   * On SIGINT/SIGTERM, how long (ms) the lifecycle worker may finish its intents in flight before
   * the process exits anyway. An intent still in flight resumes from the ledger at the next start,
   * as after a crash (every transition is written before it is acted on), so a fill that takes a
   * batch auction or a bridge does not hold the shutdown.
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).default(4_000),
});

export type Config = z.output<typeof configSchema>;

/**
 * The service's configuration (its environment, its deployment file) is wrong: a
 * HedgeRouterError with code CONFIG_INVALID whose message names the variable (as `field` when
 * there is one) or the file. The service prints the message alone and exits 1.
 */
export class ConfigError extends HedgeRouterError {
  override readonly name: string = 'ConfigError';
  constructor(
    shortMessage: string,
    options: { field?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super('CONFIG_INVALID', { shortMessage, ...options });
  }
}

/** Parses the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    variable: issue.path.join('.'),
    reason: issue.message,
  }));
  const lines = issues.map(({ variable, reason }) => `  ${variable}: ${reason}`);
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`, { details: { issues } });
}
