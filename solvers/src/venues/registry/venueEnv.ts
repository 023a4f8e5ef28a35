import type { Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from 'viem';
import type { V3PoolRef } from '../shared/v3Market.js';

/**
 * What every venue is wired to, given once by the process that builds them (the service from its
 * deployment file, the execution benchmark from its world): the chain, the operator key, the
 * executor and the pair's pools, and what some venues need besides (a relay's auth key, CoW's
 * settlement, the remote chain and bridge). A venue's own terms are its config (see registry).
 */
export type VenueEnv = {
  chainId: number;
  rpcUrl: string;
  client: PublicClient;
  /** The router's operator key, the only caller the executor accepts. */
  operator: WalletClient<Transport, Chain, Account>;
  executor: Address;
  /** The chain's wrapped native token (gas converts to it one for one). */
  wrappedNative: Address;
  pools: readonly V3PoolRef[];
  blockTimeSeconds: number;
  /** Key that signs a relay's X-Flashbots-Signature (reputation only, holds no funds). */
  relayAuthKey?: Hex;
  /** CoW Protocol's GPv2Settlement on this chain. */
  cowSettlement?: Address;
  /** The cross-chain venue's far side: the origin spoke pool and the destination chain. */
  bridge?: {
    originSpokePool: Address;
    destination: {
      chainId: number;
      client: PublicClient;
      executor: Address;
      spokePool: Address;
      pools: readonly V3PoolRef[];
    };
    tokenRoutes: readonly { origin: Address; destination: Address }[];
  };
  /** How often venues poll while tracking (default each venue's own). */
  pollIntervalMs?: number;
  /** The clock for deadlines, unix seconds (default the wall clock; a simulation passes chain time). */
  nowSeconds?: () => number;
};
