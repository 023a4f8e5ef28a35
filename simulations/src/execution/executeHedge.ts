import { type HedgeIntent, hedgeIntentTypedData } from '@hedge-router/router';
import {
  type EngineChain,
  type LegDriver,
  type MemoryLedger,
  runIntent,
  type Submission,
  type TrackOutcome,
  type Venue,
} from '@hedge-router/solvers';
import { hashTypedData } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Arbitrageur } from '../adversaries/arbitrageur.js';
import type { AuditRecordWire } from '../audit/auditRecordSchema.js';
import { ledgerAuditRecords } from '../audit/ledgerAuditRecords.js';
import type { Orderbook } from '../cow/startOrderbook.js';
import type { World } from '../world/startWorld.js';
import type { ExecutionVault, ScheduledHedge } from './hedgeSchedule.js';

/** Cost stages of a hedge, bps of its notional at the decision's arrival mid. */
export type CostStagesBps = {
  impact: number;
  fees: number;
  gas: number;
  mev: number;
  delay: number;
  total: number;
};

/** One hedge as a strategy executed it, read back from the engine's ledger. */
export type ExecutedHedge = {
  step: number;
  units: number;
  notionalUsd: number;
  status: TrackOutcome['status'] | 'no-route' | 'failed';
  /** The decision as an audit record (`hedge-router audit` input), with what was realised. */
  audit?: AuditRecordWire;
  /** Why the intent did not fill in full (the engine's last status reason). */
  error?: string;
  /** Venues that failed to quote (their candidates were missing from a decision). */
  quoteFailures?: string[];
  /** Candidates of every attempt at every leg, in order. */
  venues: string[];
  /** Every leg that filled: its candidate and its notional at the reference price (USD). */
  legs: { candidateId: string; notionalUsd: number }[];
  /** Attempts at legs: one per leg when every first choice filled; more after fallbacks. */
  attempts: number;
  /** Share of the hedge's size that filled, in [0, 1]. */
  filledShare: number;
  sandwiched: boolean;
  /** Realised stages (the audit's definition: ledgerAuditRecords) and their total. */
  costBps: CostStagesBps;
  /** The router's expected total cost at the decision, bps. */
  predictedTotalBps: number;
  /** The decision's expected stages, bps (the audit's prediction). */
  predictedBps: CostStagesBps;
  blocksToFill: number;
  secondsToFill: number;
  costUsd: number;
};

/** The local services a hedge may need while it executes, and the engine it runs on. */
export type HedgeServices = {
  world: World;
  venues: Venue[];
  /** The engine's ledger for this strategy's run. */
  ledger: MemoryLedger;
  /** Trade the main (and, with the bridge, the remote) pools back to the reference price. */
  arbitrageurs: Arbitrageur[];
  searcherDecision: (tx: `0x${string}`, timeoutMs?: number) => Promise<unknown>;
  /** Runs one batch auction (the benchmark drives the book: an auction right after each placement). */
  orderbook?: Orderbook;
  /** The main chain's clock (its latest block's timestamp, advancing with the wall clock between reads). */
  clock: ChainClock;
};

/** Chain time for deadlines: auctions move the main chain's clock ahead of the wall clock. */
export type ChainClock = { now: () => number; sync: () => Promise<void> };

export function createChainClock(world: World): ChainClock {
  let offsetSeconds = 0;
  return {
    now: () => Math.floor(Date.now() / 1000 + offsetSeconds),
    async sync() {
      const head = await world.chains.main.clients.public.getBlock({ blockTag: 'latest' });
      offsetSeconds = Math.max(0, Number(head.timestamp) - Date.now() / 1000);
    },
  };
}

/**
 * The base fee both chains start every hedge at. The benchmark mines many empty blocks (a block
 * every 50 ms while a bundle is tracked), and an empty block cuts the base fee by 1/8: left
 * alone the main chain's fell to a few wei within a run, which made a sandwich free to run (the
 * protected bound then had no room) and the cross-chain quote's destination/origin gas-price
 * ratio absurd (the cross-chain route quoted at 228 to 7,464 bps). On mainnet blocks are about
 * half full and the base fee stays put; 1 gwei is a quiet mainnet's.
 */
export const BASE_FEE_WEI = 1_000_000_000n;

/** Seconds per block of the simulated chain (the audit's delay clock). */
export const BLOCK_SECONDS = 12;

/**
 * What the benchmark's keeper signs: a limit 3% below the arrival value (a hedge that must trade,
 * with room for the largest hedges' impact) and five minutes to fill, fallbacks included.
 */
export const KEEPER_LIMIT_BPS = 300;
export const KEEPER_DEADLINE_SECONDS = 300;

let intentNonce = 0n;

/** The main chain as the engine sees it: the world's clients, operator key, executor, tokens, pools. */
export function engineChainOf(world: World): EngineChain {
  const main = world.chains.main;
  const d = main.descriptor;
  return {
    chainId: d.chainId,
    rpcUrl: d.rpcUrl,
    client: main.clients.public,
    operator: main.clients.wallet(privateKeyToAccount(world.accounts.executor.privateKey)),
    executor: d.executor.address,
    tokens: d.tokens,
    pools: d.pools.map((p) => ({ address: p.address, fee: p.fee, token0: p.token0, token1: p.token1 })),
  };
}

/**
 * Executes one scheduled hedge through the engine: the arbitrageurs bring the pools to the
 * reference price, the vault's keeper signs the intent, and the engine's `runIntent` (the
 * service worker's lifecycle) plans it over the strategy's venues, submits, tracks, falls back
 * and reconciles, recording everything in the strategy's ledger. The benchmark only produces the
 * blocks each venue kind needs (`legDriver`). Realised costs are read back from that ledger with
 * the audit's definition (ledgerAuditRecords).
 */
export async function executeHedge(
  s: HedgeServices,
  hedge: ScheduledHedge,
  vault: ExecutionVault,
  lambda: number,
): Promise<ExecutedHedge> {
  const main = s.world.chains.main;
  const { tokens } = main.descriptor;
  const sellWeth = hedge.units < 0;
  const units = Math.abs(hedge.units);
  const notionalUsd = units * hedge.priceUsd;
  const wethWei = BigInt(Math.round(units * 1e6)) * 10n ** 12n;
  const usdRaw = BigInt(Math.round(notionalUsd * 1e6));
  const totalSell = sellWeth ? wethWei : usdRaw;
  const totalArrival = sellWeth ? usdRaw : wethWei;

  for (const chain of [main, s.world.chains.remote]) {
    await chain.clients.test.setNextBlockBaseFeePerGas({ baseFeePerGas: BASE_FEE_WEI });
    await chain.clients.test.mine({ blocks: 1 });
  }
  for (const a of s.arbitrageurs) await a.alignTo(hedge.priceUsd);
  await s.clock.sync();
  const intent: HedgeIntent = {
    vault: s.world.accounts.vault.address,
    sellToken: sellWeth ? tokens.weth.address : tokens.usd.address,
    buyToken: sellWeth ? tokens.usd.address : tokens.weth.address,
    sellAmount: totalSell,
    minBuyAmount: (totalArrival * BigInt(10_000 - KEEPER_LIMIT_BPS)) / 10_000n,
    deadline: s.clock.now() + KEEPER_DEADLINE_SECONDS,
    nonce: intentNonce++,
    partialFill: false,
  };
  const typedData = hedgeIntentTypedData({ intent, chainId: main.descriptor.chainId });
  const keeper = privateKeyToAccount(s.world.accounts.keeper.privateKey);
  const record = s.ledger.insertIntent({
    chainId: main.descriptor.chainId,
    intentHash: hashTypedData(typedData),
    intent,
    signature: await keeper.signTypedData(typedData),
    signer: keeper.address,
  });
  const startBlock = await main.clients.public.getBlockNumber({ cacheTime: 0 });
  try {
    await runIntent(
      {
        chain: engineChainOf(s.world),
        venues: s.venues,
        ledger: s.ledger,
        pricing: { riskAversionPerUsd: lambda, annualVolatility: vault.vol },
        clock: () => new Date(s.clock.now() * 1000),
        log: { info: () => undefined, warn: () => undefined },
        legDriver: legDriver(s),
        keepLease: async () => true,
      },
      record,
    );
  } finally {
    await main.blocks.setMode({ mode: 'manual' });
  }

  const final = s.ledger.getIntent(record.id);
  const decisions = await s.ledger.listDecisions(record.id);
  const submissions = await s.ledger.listSubmissions(record.id);
  const audit =
    final &&
    ledgerAuditRecords([{ intent: final, decisions, submissions }], { blockSeconds: BLOCK_SECONDS })
      .records[0];
  const filled = submissions.flatMap((a) =>
    a.outcome?.status === 'filled' ? [{ attempt: a, reconciliation: a.outcome.reconciliation }] : [],
  );
  const sold = filled.reduce((sum, f) => sum + f.reconciliation.sellAmount, 0n);
  const blocksToFill = filled.reduce(
    (m, f) => Math.max(m, Number(f.reconciliation.blockNumber - startBlock)),
    0,
  );
  const nan = {
    impact: Number.NaN,
    fees: Number.NaN,
    gas: Number.NaN,
    mev: Number.NaN,
    delay: Number.NaN,
    total: Number.NaN,
  };
  const realised = audit?.realised.costBps;
  const costBps = realised
    ? { ...realised, total: realised.impact + realised.fees + realised.gas + realised.mev + realised.delay }
    : nan;
  const predictedBps = audit?.chosen.predictedBps ?? nan;
  const status: ExecutedHedge['status'] =
    sold === totalSell
      ? 'filled'
      : !audit
        ? 'no-route'
        : audit.realised.status === 'no-route'
          ? 'failed'
          : audit.realised.status;
  const quoteFailures = decisions.flatMap((d) =>
    d.decision.kind === 'route' ? d.decision.failures.map((f) => `${f.venue}: ${f.reason}`) : [],
  );
  const error = sold === totalSell ? undefined : (final?.statusReason ?? 'no route');
  return {
    ...(audit ? { audit } : {}),
    step: hedge.step,
    units: hedge.units,
    notionalUsd,
    status,
    venues: submissions.map((a) => a.candidateId),
    legs: filled.map((f) => ({
      candidateId: f.attempt.candidateId,
      notionalUsd: (notionalUsd * Number(f.reconciliation.sellAmount)) / Number(totalSell),
    })),
    attempts: submissions.length,
    filledShare: Number(sold) / Number(totalSell),
    sandwiched: audit?.realised.sandwiched ?? false,
    costBps,
    predictedTotalBps: predictedBps.total,
    predictedBps,
    blocksToFill,
    secondsToFill: blocksToFill * BLOCK_SECONDS,
    costUsd: realised ? (costBps.total / 10_000) * notionalUsd : 0,
    ...(error ? { error } : {}),
    ...(quoteFailures.length ? { quoteFailures } : {}),
  };
}

/**
 * The blocks each venue kind needs, produced around every attempt the engine makes: a public swap
 * waits in the mempool for the searcher's look, then its block is mined; a bundle is tracked while
 * a block is mined every 50 ms (the relay's builder includes it or not, per block); a
 * batch-auction placement and a cross-chain leg run in automine (the placement, the settlement,
 * the bridge deposit and the relayer's fills each land in the next block), with the book's
 * auctions run right after the placement.
 */
function legDriver(s: HedgeServices): LegDriver {
  const blocks = s.world.chains.main.blocks;
  return {
    async beforeSubmit(venue) {
      const automine = venue.kind === 'batch-auction' || venue.kind === 'cross-chain';
      await blocks.setMode({ mode: automine ? 'auto' : 'manual' });
    },
    async afterSubmit(venue, submission) {
      switch (venue.kind) {
        case 'public-amm':
          await s.searcherDecision(submission.txHash).catch(() => undefined);
          await blocks.mine();
          await blocks.setMode({ mode: 'manual', intervalMs: 50 });
          return;
        case 'private-bundle':
          await blocks.setMode({ mode: 'manual', intervalMs: 50 });
          return;
        case 'batch-auction':
          await driveAuctions(s, submission);
          return;
        case 'cross-chain':
          return;
      }
    },
    async afterTrack() {
      await blocks.setMode({ mode: 'manual' });
      await s.clock.sync();
    },
  };
}

/**
 * One auction per block until the order trades or its validity ends: each auction settles in
 * the next block (automine), an unsettled order waits one more block (12 s of chain time) for
 * the next auction. Past validTo the venue's `track` reclaims it and reports it not included.
 */
async function driveAuctions(s: HedgeServices, submission: Submission): Promise<void> {
  const { orderbook } = s;
  const order = submission.order;
  if (!orderbook || !order) return;
  const main = s.world.chains.main;
  for (;;) {
    await orderbook.runAuction();
    const stored = orderbook.orders.get(order.uid.toLowerCase() as `0x${string}`);
    if (stored?.status !== 'open') return;
    const head = await main.clients.public.getBlock({ blockTag: 'latest' });
    if (Number(head.timestamp) > order.validTo) return;
    await main.clients.test.setNextBlockTimestamp({ timestamp: head.timestamp + BigInt(BLOCK_SECONDS) });
    await main.blocks.mine();
  }
}
