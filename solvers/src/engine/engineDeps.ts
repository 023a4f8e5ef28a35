import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from 'viem';
import type { V3PoolRef } from '../venues/shared/v3Market.js';
import type { Submission, Venue } from '../venues/types.js';
import type { LedgerPort } from './ledgerPort.js';

export type KnownToken = { address: Address; symbol: string; decimals: number };

/** The chain the engine routes on: clients, the operator key, the executor, the pair's tokens and pools. */
export type EngineChain = {
  chainId: number;
  rpcUrl: string;
  client: PublicClient;
  /** The router's operator key: the only caller the executor accepts; it chooses how, never what. */
  operator: WalletClient<Transport, Chain, Account>;
  executor: Address;
  tokens: { weth: KnownToken; usd: KnownToken };
  pools: readonly V3PoolRef[];
};

/** The vault's preferences an intent is priced with (per vault later; the service's defaults today). */
export type EnginePricing = {
  /** λ per USD of variance of the unhedged position. */
  riskAversionPerUsd: number;
  /** Forecast volatility of WETH/USD, annualised. */
  annualVolatility: number;
};

export type EngineLog = {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
};

/** What the engine reports as it goes (the service counts these in its metrics). */
export type EngineObserver = {
  transition?: (status: string) => void;
  /** A route decision: its first leg's venue, or the router's error code. */
  decision?: (outcome: string) => void;
};

/**
 * Everything the engine works with, handed in by its driver (the service's worker, the execution
 * benchmark, a test). The engine keeps nothing that matters in memory: the ledger is the truth.
 */
export type EngineDeps = {
  chain: EngineChain;
  venues: readonly Venue[];
  ledger: LedgerPort;
  pricing: EnginePricing;
  /** The clock (chain time in a simulation, the wall clock in the service). */
  clock: () => Date;
  log: EngineLog;
  observer?: EngineObserver;
  /**
   * Failure injection for crash tests: called at named points ('after-begin-submission',
   * 'after-submit', 'after-begin-netting'); the crash test's process kills itself there.
   */
  failpoint?: (name: string) => void;
  /**
   * A simulation's hand around each attempt: it produces the blocks, auctions, searcher reactions
   * and bridge fills a leg of that venue kind needs. The service passes none (the real world
   * produces them).
   */
  legDriver?: LegDriver;
};

/** What a simulation does around one attempt at a leg (see EngineDeps.legDriver). */
export type LegDriver = {
  /** Before the venue is asked to submit (e.g. mine every transaction at once). */
  beforeSubmit?: (venue: Venue) => Promise<void>;
  /** Once the submission is recorded, before it is tracked (e.g. let the searcher look, run an auction). */
  afterSubmit?: (venue: Venue, submission: Submission) => Promise<void>;
  /** Once the attempt's outcome is known, filled or not. */
  afterTrack?: (venue: Venue) => Promise<void>;
};

/** The engine's clock in unix seconds. */
export const nowSecondsOf = (deps: Pick<EngineDeps, 'clock'>) => Math.floor(deps.clock().getTime() / 1000);

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The known token at `address`, or undefined. */
export function knownToken(chain: Pick<EngineChain, 'tokens'>, address: string): KnownToken | undefined {
  return [chain.tokens.weth, chain.tokens.usd].find((t) => same(t.address, address));
}
