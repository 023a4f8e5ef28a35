import { HedgeRouterError } from '@hedge-router/router';
import { DEPOSIT_STATE, hedgeExecutorAbi, intentSpokePoolAbi, type RelayData } from '@hedge-router/solvers';
import {
  type Account,
  type Address,
  BaseError,
  type Chain,
  ContractFunctionRevertedError,
  erc20Abi,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
  zeroAddress,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { seededRandom } from '../relay/seededRandom.js';
import type { NamedAccount } from '../world/accounts.js';
import type { WorldChain } from '../world/startWorld.js';
import { expiryAttestationDigest, fillAttestationDigest, signAttestation } from './attestations.js';
import { type ObservedDeposit, readDeposits } from './readDeposits.js';

/** A token the relayer fills with: `inputToken` deposited on the origin, `outputToken` paid on the destination. */
export type BridgeRoute = {
  originChainId: number;
  inputToken: Address;
  destinationChainId: number;
  outputToken: Address;
};

export type StartIntentBridgeParameters = {
  /** The two chains the bridge spans (the world's main and remote). */
  chains: readonly [Pick<WorldChain, 'clients' | 'descriptor'>, Pick<WorldChain, 'clients' | 'descriptor'>];
  /** The relayer: fills with its own inventory on the destination, is repaid on the origin. */
  relayer: NamedAccount;
  /** The key both spoke pools trust for proofs of fill and expiry (deriveBridgeAttester). */
  attester: NamedAccount;
  /** The routes the relayer serves. Default: each chain's WETH and USD to the same token on the other. */
  routes?: readonly BridgeRoute[];
  /** Milliseconds between seeing a deposit and filling it. Default 1,000. */
  latencyMs?: number;
  /** The least fee, bps of the input amount, the relayer fills for. Default 5. */
  minFeeBps?: number;
  /** Probability in [0, 1] that the relayer fills a deposit it could fill (seeded). Default 1. */
  fillProbability?: number;
  /** Seed of the fill draws. Default 1. */
  seed?: number;
  /** How often both chains are read. Default 25 ms. */
  pollIntervalMs?: number;
  /** Clock for the latency (ms). Default Date.now. */
  clockMs?: () => number;
};

/** What happened to one deposit, in order; the reasons are for tests and audits. */
export type BridgeEvent =
  | { kind: 'seen'; relayHash: Hex; originChainId: number; depositId: number; atMs: number }
  | { kind: 'filled'; relayHash: Hex; txHash: Hex; atMs: number }
  | { kind: 'declined'; relayHash: Hex; reason: string; atMs: number }
  | { kind: 'repaid'; relayHash: Hex; txHash: Hex; atMs: number }
  | { kind: 'refunded'; relayHash: Hex; txHash: Hex; atMs: number };

export type IntentBridge = {
  /** Every event so far, in order. */
  events: readonly BridgeEvent[];
  /** The last error a polling step hit (it is retried next tick), for diagnostics. */
  lastError: () => unknown;
  /** Resolves once the deposit with this relay hash reached `kind` (or rejects after `timeoutMs`). */
  waitFor: (relayHash: Hex, kind: BridgeEvent['kind'], timeoutMs?: number) => Promise<BridgeEvent>;
  /** Stops polling; waits for the step in progress. Idempotent. */
  stop: () => Promise<void>;
};

type Side = {
  chainId: number;
  client: PublicClient;
  spokePool: Address;
  wallet: WalletClient<Transport, Chain, Account>;
  nextBlock: bigint | undefined;
};

type Tracked = ObservedDeposit & {
  seenAtMs: number;
  state: 'waiting' | 'filled' | 'declined' | 'done';
};

/**
 * The local intent bridge's off-chain side, as Across's relayers and dataworker are: a relayer
 * that watches both spoke pools, fills each deposit on its destination after `latencyMs` with
 * its own inventory when the fee covers `minFeeBps`, the route is one it serves, and a dry run
 * of the fill succeeds (a destination action that would revert, e.g. below its minimum, is not
 * filled); then presents the attester's proof of fill on the origin to be repaid. The attester
 * signs a fill only after reading it on the destination chain, and an expiry only once the
 * destination's latest block is past the deadline with no fill; expired deposits are then
 * refunded to their depositor (sent by the relayer's key: anyone may, the funds only go back).
 */
export function startIntentBridge(p: StartIntentBridgeParameters): IntentBridge {
  const clockMs = p.clockMs ?? Date.now;
  const latencyMs = p.latencyMs ?? 1_000;
  const minFeeBps = p.minFeeBps ?? 5;
  const pollIntervalMs = p.pollIntervalMs ?? 25;
  const random = seededRandom(p.seed ?? 1);
  const fillProbability = p.fillProbability ?? 1;
  if (!(fillProbability >= 0 && fillProbability <= 1)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      field: 'fillProbability',
      shortMessage: `must be in [0, 1], got ${fillProbability}`,
    });
  }
  if (!(latencyMs >= 0))
    throw new HedgeRouterError('INVALID_INPUT', {
      field: 'latencyMs',
      shortMessage: `must be ≥ 0, got ${latencyMs}`,
    });
  const relayerAccount = privateKeyToAccount(p.relayer.privateKey);
  const sides: Side[] = p.chains.map((chain) => ({
    chainId: chain.descriptor.chainId,
    client: chain.clients.public,
    spokePool: chain.descriptor.bridge.spokePool,
    wallet: chain.clients.wallet(relayerAccount),
    nextBlock: undefined,
  }));
  const routes =
    p.routes ??
    p.chains.flatMap((origin) =>
      p.chains
        .filter((d) => d !== origin)
        .flatMap((destination) =>
          (['weth', 'usd'] as const).map((t) => ({
            originChainId: origin.descriptor.chainId,
            inputToken: origin.descriptor.tokens[t].address,
            destinationChainId: destination.descriptor.chainId,
            outputToken: destination.descriptor.tokens[t].address,
          })),
        ),
    );
  const sideOf = (chainId: bigint | number) => {
    const side = sides.find((s) => s.chainId === Number(chainId));
    // Deposits are filled only on the routes served, which span the bridge's own chains.
    if (!side) throw new Error(`the bridge spans no chain ${chainId}`);
    return side;
  };

  const events: BridgeEvent[] = [];
  const waiters = new Set<() => void>();
  const record = (event: BridgeEvent) => {
    events.push(event);
    for (const wake of waiters) wake();
  };
  const tracked = new Map<Hex, Tracked>();

  const send = async (
    side: Side,
    functionName: 'fillRelay' | 'claimRepayment' | 'refundExpired',
    args: never,
  ) => {
    const call = { address: side.spokePool, abi: intentSpokePoolAbi, functionName, args } as never;
    // Half again the estimate: a fill swaps on the remote pool, and a swap landing in a later
    // second than the estimate's block also writes the pool's oracle observation (more gas).
    const estimate = await side.client.estimateContractGas({
      ...(call as object),
      account: side.wallet.account,
    } as never);
    const hash = await side.wallet.writeContract({ ...(call as object), gas: (estimate * 3n) / 2n } as never);
    const receipt = await side.client.waitForTransactionReceipt({ hash, pollingInterval: pollIntervalMs });
    if (receipt.status !== 'success')
      throw new HedgeRouterError('TRANSACTION_REVERTED', {
        shortMessage: `${functionName} reverted in ${hash}`,
      });
    return hash;
  };

  // Why the relayer will not fill this deposit, or undefined if it will.
  const declineReason = async (relay: RelayData): Promise<string | undefined> => {
    const served = routes.some(
      (r) =>
        r.originChainId === Number(relay.originChainId) &&
        r.destinationChainId === Number(relay.destinationChainId) &&
        r.inputToken.toLowerCase() === relay.inputToken.toLowerCase() &&
        r.outputToken.toLowerCase() === relay.outputToken.toLowerCase(),
    );
    if (!served) return `route not served: ${relay.inputToken} → ${relay.outputToken}`;
    const fee = relay.inputAmount - relay.outputAmount;
    if (fee * 10_000n < relay.inputAmount * BigInt(minFeeBps)) {
      return `fee ${fee} is below ${minFeeBps} bps of ${relay.inputAmount}`;
    }
    if (random() >= fillProbability) return 'the relayer chose not to fill (fillProbability)';
    const destination = sideOf(relay.destinationChainId);
    const inventory = await destination.client.readContract({
      address: relay.outputToken,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [relayerAccount.address],
    });
    if (inventory < relay.outputAmount) return `inventory ${inventory} is below ${relay.outputAmount}`;
    try {
      await destination.client.simulateContract({
        account: relayerAccount,
        address: destination.spokePool,
        // The executor's errors too: a destination action that reverts is named in the reason.
        abi: [...intentSpokePoolAbi, ...hedgeExecutorAbi.filter((item) => item.type === 'error')],
        functionName: 'fillRelay',
        args: [relay],
      });
    } catch (error) {
      const revert =
        error instanceof BaseError
          ? error.walk((e) => e instanceof ContractFunctionRevertedError)
          : undefined;
      const name = revert instanceof ContractFunctionRevertedError ? revert.data?.errorName : undefined;
      return `the fill would revert${name ? ` (${name})` : ''}: ${error instanceof BaseError ? error.shortMessage : String(error)}`;
    }
    return undefined;
  };

  const fill = async (t: Tracked) => {
    const reason = await declineReason(t.relay);
    if (reason) {
      t.state = 'declined';
      record({ kind: 'declined', relayHash: t.relayHash, reason, atMs: clockMs() });
      return;
    }
    const txHash = await send(sideOf(t.relay.destinationChainId), 'fillRelay', [t.relay] as never);
    t.state = 'filled';
    record({ kind: 'filled', relayHash: t.relayHash, txHash, atMs: clockMs() });
  };

  // The attester reads the fill on the destination before signing; the relayer presents it.
  const claim = async (t: Tracked) => {
    const origin = sideOf(t.relay.originChainId);
    const filledBy = await sideOf(t.relay.destinationChainId).client.readContract({
      address: sideOf(t.relay.destinationChainId).spokePool,
      abi: intentSpokePoolAbi,
      functionName: 'fillRelayer',
      args: [t.relayHash],
    });
    if (filledBy.toLowerCase() !== relayerAccount.address.toLowerCase()) return;
    const signature = await signAttestation(
      p.attester.privateKey,
      fillAttestationDigest({
        spokePool: origin.spokePool,
        relayHash: t.relayHash,
        relayer: relayerAccount.address,
      }),
    );
    const txHash = await send(origin, 'claimRepayment', [
      t.relay,
      relayerAccount.address,
      signature,
    ] as never);
    t.state = 'done';
    record({ kind: 'repaid', relayHash: t.relayHash, txHash, atMs: clockMs() });
  };

  // The attester signs an expiry only when no fill can ever come: the destination's latest
  // block is past the deadline (fills after it revert) and the relay is unfilled.
  const refundIfExpired = async (t: Tracked) => {
    const destination = sideOf(t.relay.destinationChainId);
    const origin = sideOf(t.relay.originChainId);
    const [head, filledBy, state] = await Promise.all([
      destination.client.getBlock({ blockTag: 'latest' }),
      destination.client.readContract({
        address: destination.spokePool,
        abi: intentSpokePoolAbi,
        functionName: 'fillRelayer',
        args: [t.relayHash],
      }),
      origin.client.readContract({
        address: origin.spokePool,
        abi: intentSpokePoolAbi,
        functionName: 'depositState',
        args: [t.relay.depositId],
      }),
    ]);
    if (state !== DEPOSIT_STATE.escrowed) {
      t.state = 'done';
      return;
    }
    if (filledBy !== zeroAddress || head.timestamp <= BigInt(t.relay.fillDeadline)) return;
    const signature = await signAttestation(
      p.attester.privateKey,
      expiryAttestationDigest({ spokePool: origin.spokePool, relayHash: t.relayHash }),
    );
    const txHash = await send(origin, 'refundExpired', [t.relay, signature] as never);
    t.state = 'done';
    record({ kind: 'refunded', relayHash: t.relayHash, txHash, atMs: clockMs() });
  };

  const step = async () => {
    for (const side of sides) {
      const head = await side.client.getBlockNumber({ cacheTime: 0 });
      // Deposits from the first block the bridge sees on: it starts with the world.
      // After a snapshot revert the head can go back: read from it again.
      const from = side.nextBlock === undefined || side.nextBlock > head + 1n ? head : side.nextBlock;
      for (const deposit of await readDeposits(side.client, {
        spokePool: side.spokePool,
        fromBlock: from,
        toBlock: head,
      })) {
        if (tracked.has(deposit.relayHash)) continue;
        tracked.set(deposit.relayHash, { ...deposit, seenAtMs: clockMs(), state: 'waiting' });
        record({
          kind: 'seen',
          relayHash: deposit.relayHash,
          originChainId: Number(deposit.relay.originChainId),
          depositId: deposit.relay.depositId,
          atMs: clockMs(),
        });
      }
      side.nextBlock = head + 1n;
    }
    for (const t of tracked.values()) {
      if (t.state === 'waiting' && clockMs() >= t.seenAtMs + latencyMs) await fill(t);
      if (t.state === 'filled') await claim(t);
      if (t.state === 'waiting' || t.state === 'declined') await refundIfExpired(t);
    }
    for (const [hash, t] of tracked) if (t.state === 'done') tracked.delete(hash);
  };

  let stopped = false;
  let lastError: unknown;
  let current: Promise<void> = Promise.resolve();
  const loop = async () => {
    while (!stopped) {
      current = step().catch((error: unknown) => {
        // A chain being reset or stopped under us, or an RPC hiccup: kept for `lastError`, and
        // the step is tried again next tick (every step re-reads the chain, so it is idempotent).
        if (!stopped) lastError = error;
      });
      await current;
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
  };
  void loop();

  return {
    events,
    lastError: () => lastError,
    waitFor(relayHash, kind, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const event = events.find((e) => e.relayHash === relayHash && e.kind === kind);
          if (!event) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(event);
          return true;
        };
        const wake = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(
            new HedgeRouterError('SIMULATION_FAILED', {
              shortMessage: `bridge: no ${kind} event for ${relayHash} within ${timeoutMs} ms`,
            }),
          );
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    async stop() {
      stopped = true;
      await current;
    },
  };
}
