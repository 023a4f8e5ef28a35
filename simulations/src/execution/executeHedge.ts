import {
  costAt,
  type HedgeIntent,
  hedgeIntentTypedData,
  type RouteCandidate,
  type RoutePlan,
  type SelectRouteContext,
  selectRoute,
  serializeHedgeIntent,
} from '@hedge-router/router';
import {
  quoteVenues,
  readV3PoolState,
  type TrackOutcome,
  type Venue,
  type VenueLeg,
  venueOfCandidate,
} from '@hedge-router/solvers';
import { hashTypedData, parseGwei } from 'viem';
import type { Arbitrageur } from '../adversaries/arbitrageur.js';
import type { AuditRecordWire } from '../audit/auditRecordSchema.js';
import type { Orderbook } from '../cow/startOrderbook.js';
import type { World } from '../world/startWorld.js';
import type { ExecutionVault, ScheduledHedge } from './hedgeSchedule.js';

/** Cost stages of a hedge, bps of its notional at the reference price. */
export type CostStagesBps = {
  impact: number;
  fees: number;
  gas: number;
  mev: number;
  delay: number;
  total: number;
};

/** One hedge as a strategy executed it. Costs in bps of the hedge's notional at the reference price. */
export type ExecutedHedge = {
  step: number;
  units: number;
  notionalUsd: number;
  status: TrackOutcome['status'] | 'no-route' | 'failed';
  /** The first decision as an audit record (`hedge-router audit` input), realised over every attempt. */
  audit?: AuditRecord;
  /** Why the last attempt did not fill (a venue's error or outcome), if the hedge did not fill in full. */
  error?: string;
  /** Venues that failed to quote (their candidates were missing from the decision). */
  quoteFailures?: string[];
  /** Candidates of every leg of every attempt, in order. */
  venues: string[];
  /** Every leg that filled: its candidate and its notional at the reference price (USD). */
  legs: { candidateId: string; notionalUsd: number }[];
  /** Plans tried: 1 when the first one filled; more when a leg reverted or was not included and the rest was re-routed. */
  attempts: number;
  /** Share of the hedge's size that filled, in [0, 1]. */
  filledShare: number;
  sandwiched: boolean;
  /** Realised stages: impact (beyond fees and MEV), fees, gas (reverted attempts too), MEV lost, delay risk; and their total. */
  costBps: CostStagesBps;
  /** The router's expected total cost at the first decision, bps. */
  predictedTotalBps: number;
  /** The first decision's expected stages, bps (the audit's prediction). */
  predictedBps: CostStagesBps;
  blocksToFill: number;
  secondsToFill: number;
  costUsd: number;
};

type AuditRecord = AuditRecordWire;

/** The local services a hedge may need while it executes. */
export type HedgeServices = {
  world: World;
  venues: Venue[];
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

export const BLOCK_SECONDS = 12;
/** Plans per hedge: the first, and re-routes of what did not fill (a revert, a bundle not included). */
export const MAX_ATTEMPTS = 3;
const SECONDS_PER_YEAR = 365 * 24 * 3600;

let intentNonce = 0n;

const kindOf = (venue: string) =>
  venue.startsWith('public')
    ? 'public'
    : venue.startsWith('batch')
      ? 'batch'
      : venue.startsWith('cross')
        ? 'cross'
        : 'bundle';

/**
 * Executes one scheduled hedge with the strategy's venues: the arbitrageurs bring the pools to
 * the reference price, every venue quotes, `selectRoute` plans, each leg is submitted, tracked
 * and reconciled. What did not fill (a reverted leg, a bundle not included) is re-routed, up
 * to MAX_ATTEMPTS plans, as the API's worker falls back. Realised stages, against the hedge's
 * arrival mid (the reference price): fees as quoted; MEV lost = quoted output − realised output
 * of a leg found sandwiched; impact = the rest of the shortfall, measured the same way for
 * every venue; gas of every transaction the operator paid (reverted ones included); delay risk
 * λ·(leg notional·σ)²·τ at each leg's realised τ counted from the first submission.
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
  // Prices in base units: buy units per sell unit, and per wei of gas.
  const midPrice = Number(totalArrival) / Number(totalSell);
  const usdRawPerWei = (hedge.priceUsd * 1e6) / 1e18;
  const buyPerUsd = sellWeth ? 1e6 : 1e18 / hedge.priceUsd;
  const toBps = (buyUnits: number) => (buyUnits / Number(totalArrival)) * 10_000;
  const cost: CostStagesBps = { impact: 0, fees: 0, gas: 0, mev: 0, delay: 0, total: 0 };
  const venues: string[] = [];
  const filledLegs: ExecutedHedge['legs'] = [];
  let remaining = totalSell;
  let sandwiched = false;
  let status: ExecutedHedge['status'] = 'filled';
  let failure: string | undefined;
  let elapsedSeconds = 0;
  let blocks = 0;
  let first: { plan: RoutePlan; record: Omit<AuditRecord, 'realised'> } | undefined;
  let attempts = 0;
  const quoteFailures: string[] = [];

  while (remaining > 0n && attempts < MAX_ATTEMPTS) {
    attempts++;
    for (const chain of [main, s.world.chains.remote]) {
      await chain.clients.test.setNextBlockBaseFeePerGas({ baseFeePerGas: BASE_FEE_WEI });
      await chain.clients.test.mine({ blocks: 1 });
    }
    for (const a of s.arbitrageurs) await a.alignTo(hedge.priceUsd);
    await s.clock.sync();
    const nowSeconds = s.clock.now();
    // This plan's size: legs are priced against it even as `remaining` goes down leg by leg.
    const planSell = remaining;
    const arrival = (totalArrival * planSell) / totalSell;
    const intent: HedgeIntent = {
      vault: s.world.accounts.vault.address,
      sellToken: sellWeth ? tokens.weth.address : tokens.usd.address,
      buyToken: sellWeth ? tokens.usd.address : tokens.weth.address,
      sellAmount: planSell,
      minBuyAmount: (arrival * 9_700n) / 10_000n, // limit 3% below the mid
      deadline: nowSeconds + 120,
      nonce: intentNonce++,
      partialFill: false,
    };
    const intentHash = hashTypedData(hedgeIntentTypedData({ intent, chainId: main.descriptor.chainId }));
    const ctx: SelectRouteContext = {
      midPrice,
      riskAversionPerBuyUnit: lambda / buyPerUsd,
      annualVolatility: vault.vol,
      gasPriceWei: parseGwei('2'),
      nativePriceInBuyPerWei: sellWeth ? usdRawPerWei : 1,
      fallbackDelaySeconds: 24,
      nowSeconds,
    };
    const market = first ? undefined : await recordedPools(s.world);
    let plan: RoutePlan;
    let candidates: RouteCandidate[];
    try {
      const quoted = await quoteVenues(
        s.venues,
        { intent, intentHash, nowSeconds },
        { perVenueTimeoutMs: 30_000 },
      );
      candidates = quoted.candidates;
      for (const f of quoted.failures) quoteFailures.push(`${f.venue}: ${f.reason}`);
      plan = selectRoute(ctx, { intent, candidates });
    } catch (error) {
      status = 'no-route';
      failure = error instanceof Error ? error.message : String(error);
      break;
    }
    if (!first && market)
      first = { plan, record: auditDecision(intent, intentHash, nowSeconds, ctx, market, plan, candidates) };

    // Legs in plan order; each attempt's clock starts where the previous one ended.
    let attemptSeconds = 0;
    for (const [legIndex, leg] of plan.legs.entries()) {
      venues.push(leg.candidateId);
      const venue = venueOfCandidate(s.venues, leg.candidateId);
      const legArrival = (arrival * leg.sellAmount) / planSell;
      const venueLeg: VenueLeg = { intent, intentHash, legIndex, leg, arrivalMidBuyAmount: legArrival };
      const kind = kindOf(leg.venue);
      const r = await runLeg(s, venue, venueLeg, kind);
      if (r.error !== undefined) {
        status = 'failed';
        failure = r.error;
        continue;
      }
      const { outcome, legBlocks } = r;
      const legSeconds =
        kind === 'cross' ? leg.quote.timing.expectedSecondsToFill : legBlocks * BLOCK_SECONDS;
      attemptSeconds = Math.max(attemptSeconds, legSeconds);
      if (outcome.status !== 'filled') {
        status = outcome.status;
        failure =
          outcome.status === 'not-included' ? outcome.reason : `reverted in ${outcome.reconciliation.txHash}`;
        if (outcome.status === 'reverted')
          cost.gas += toBps(Number(outcome.reconciliation.gasCostWei) * (sellWeth ? usdRawPerWei : 1));
        continue;
      }
      const rec = outcome.reconciliation;
      remaining -= leg.sellAmount;
      blocks = Math.max(blocks, legBlocks);
      const mevLost = rec.sandwich.detected ? Number(leg.quote.expectedBuyAmount - rec.buyAmount) : 0;
      sandwiched ||= rec.sandwich.detected;
      const shortfall = Number(legArrival - rec.buyAmount);
      const fees = Number(leg.quote.feesInBuy);
      const legNotionalUsd = (notionalUsd * Number(leg.sellAmount)) / Number(totalSell);
      filledLegs.push({ candidateId: leg.candidateId, notionalUsd: legNotionalUsd });
      const tau = (elapsedSeconds + legSeconds) / SECONDS_PER_YEAR;
      cost.fees += toBps(fees);
      cost.mev += toBps(mevLost);
      cost.impact += toBps(shortfall - fees - mevLost);
      cost.gas += toBps(Number(rec.gasCostWei) * (sellWeth ? usdRawPerWei : 1));
      cost.delay += ((lambda * (legNotionalUsd * vault.vol) ** 2 * tau) / notionalUsd) * 10_000;
    }
    elapsedSeconds += attemptSeconds;
  }
  if (remaining === 0n) {
    status = 'filled';
    failure = undefined;
  }
  cost.total = cost.impact + cost.fees + cost.gas + cost.mev + cost.delay;
  const filledShare = Number(totalSell - remaining) / Number(totalSell);
  const predicted = first?.plan.cost;
  const predictedBps: CostStagesBps = predicted
    ? {
        impact: predicted.priceImpact.bps,
        fees: predicted.fees.bps,
        gas: predicted.gas.bps,
        mev: predicted.mevLeakage.bps,
        delay: predicted.delayRisk.bps + predicted.fillRisk.bps,
        total: predicted.total.bps,
      }
    : {
        impact: Number.NaN,
        fees: Number.NaN,
        gas: Number.NaN,
        mev: Number.NaN,
        delay: Number.NaN,
        total: Number.NaN,
      };
  const audit: AuditRecord | undefined = first && {
    ...first.record,
    realised: {
      status: status === 'failed' ? 'not-included' : status,
      costBps: { impact: cost.impact, fees: cost.fees, gas: cost.gas, mev: cost.mev, delay: cost.delay },
      sandwiched,
    },
  };
  return {
    ...(audit ? { audit } : {}),
    step: hedge.step,
    units: hedge.units,
    notionalUsd,
    status,
    venues,
    legs: filledLegs,
    attempts,
    filledShare,
    sandwiched,
    costBps: cost,
    predictedTotalBps: predictedBps.total,
    predictedBps,
    blocksToFill: blocks,
    secondsToFill: elapsedSeconds,
    costUsd: (cost.total / 10_000) * notionalUsd,
    ...(failure ? { error: failure } : {}),
    ...(quoteFailures.length ? { quoteFailures } : {}),
  };
}

type LegRun = { outcome: TrackOutcome; legBlocks: number; error?: undefined } | { error: string };

/**
 * Submits and tracks one leg with the block production its venue needs: a public swap waits in
 * the mempool for the searcher's look, then its block is mined; a bundle is tracked while a
 * block is mined every 50 ms (the relay's builder includes it or not, per block); a batch-auction
 * placement and a cross-chain leg run in automine (the placement, the settlement, the bridge
 * deposit and the relayer's fills each land in the next block), with one auction run right
 * after the placement.
 */
async function runLeg(
  s: HedgeServices,
  venue: Venue,
  venueLeg: VenueLeg,
  kind: ReturnType<typeof kindOf>,
): Promise<LegRun> {
  const blocks = s.world.chains.main.blocks;
  const automine = kind === 'batch' || kind === 'cross';
  if (automine) await blocks.setMode({ mode: 'auto' });
  let skipReason: string | undefined;
  try {
    let submission: Awaited<ReturnType<Venue['submit']>>;
    try {
      submission = await venue.submit(venueLeg);
    } catch (error) {
      // A venue refusing the leg (a bundle that would revert, a relay error) is a failed leg, not a crash.
      return { error: error instanceof Error ? error.message : String(error) };
    }
    if (kind === 'public') {
      await s.searcherDecision(submission.txHash).catch(() => undefined);
      await blocks.mine();
    }
    if (kind === 'batch') {
      if (!s.orderbook) return { error: 'no orderbook runs for the batch-auction venue' };
      skipReason = await driveAuctions(s, submission);
    }
    if (!automine) await blocks.setMode({ mode: 'manual', intervalMs: 50 });
    let outcome = await venue.track(submission, venueLeg);
    if (outcome.status === 'not-included' && skipReason)
      outcome = { ...outcome, reason: `${outcome.reason}; last auction: ${skipReason}` };
    const at =
      outcome.status === 'not-included'
        ? await s.world.chains.main.clients.public.getBlockNumber({ cacheTime: 0 })
        : outcome.reconciliation.blockNumber;
    return { outcome, legBlocks: Number(at - BigInt(submission.submittedAtBlock)) };
  } finally {
    await blocks.setMode({ mode: 'manual' });
  }
}

/**
 * One auction per block until the order trades or its validity ends: each auction settles in
 * the next block (automine), an unsettled order waits one more block (12 s of chain time) for
 * the next auction. Past validTo the venue's `track` reclaims it and reports it not included.
 */
async function driveAuctions(
  s: HedgeServices,
  submission: { order?: { uid: string; validTo: number } },
): Promise<string | undefined> {
  const { orderbook } = s;
  const order = submission.order;
  if (!orderbook || !order) return undefined;
  const main = s.world.chains.main;
  for (;;) {
    await orderbook.runAuction();
    const stored = orderbook.orders.get(order.uid.toLowerCase() as `0x${string}`);
    if (stored?.status !== 'open') return undefined;
    const head = await main.clients.public.getBlock({ blockTag: 'latest' });
    if (Number(head.timestamp) > order.validTo) return stored.lastSkipReason;
    await main.clients.test.setNextBlockTimestamp({ timestamp: head.timestamp + BigInt(BLOCK_SECONDS) });
    await main.blocks.mine();
  }
}

/** The main chain's pools as the audit records them (full state, amounts as decimal strings). */
async function recordedPools(world: World) {
  const main = world.chains.main;
  return Promise.all(
    main.descriptor.pools.map(async (p) => {
      const state = await readV3PoolState(main.clients.public, p.address);
      return {
        address: p.address,
        token0: p.token0,
        token1: p.token1,
        fee: p.fee,
        state: {
          sqrtPriceX96: state.sqrtPriceX96.toString(),
          tick: state.tick,
          liquidity: state.liquidity.toString(),
          fee: state.fee,
          tickSpacing: state.tickSpacing,
          ticks: state.ticks.map((t) => ({ index: t.index, liquidityNet: t.liquidityNet.toString() })),
        },
      };
    }),
  );
}

/** The first decision as an audit record, less what was realised (filled in at the end). */
function auditDecision(
  intent: HedgeIntent,
  intentHash: string,
  nowSeconds: number,
  ctx: SelectRouteContext,
  pools: Awaited<ReturnType<typeof recordedPools>>,
  plan: RoutePlan,
  candidates: RouteCandidate[],
): Omit<AuditRecord, 'realised'> {
  const c = plan.cost;
  return {
    intentId: intentHash,
    intent: serializeHedgeIntent(intent),
    decidedAt: nowSeconds,
    market: {
      midPrice: ctx.midPrice,
      gasPriceWei: ctx.gasPriceWei.toString(),
      nativePriceInBuyPerWei: ctx.nativePriceInBuyPerWei,
      annualVolatility: ctx.annualVolatility,
      riskAversionPerBuyUnit: ctx.riskAversionPerBuyUnit,
      fallbackDelaySeconds: ctx.fallbackDelaySeconds,
      blockSeconds: BLOCK_SECONDS,
      pools,
    },
    candidates: recordedCandidates(ctx, intent, candidates),
    chosen: {
      candidateIds: plan.legs.map((l) => l.candidateId),
      predictedBps: {
        impact: c.priceImpact.bps,
        fees: c.fees.bps,
        gas: c.gas.bps,
        mev: c.mevLeakage.bps,
        delay: c.delayRisk.bps + c.fillRisk.bps,
        total: c.total.bps,
      },
    },
  };
}

/**
 * Every venue's candidate as quoted at the decision, for the full size: venues the audit cannot
 * rebuild from pool states (the batch auction's orderbook quote, the cross-chain route's remote
 * pool and bridge terms) are audited from this recorded quote.
 */
function recordedCandidates(ctx: SelectRouteContext, intent: HedgeIntent, candidates: RouteCandidate[]) {
  return candidates.map((candidate) => {
    const q = costAt(ctx, {
      candidate,
      sellAmount: intent.sellAmount,
      intentSellAmount: intent.sellAmount,
      intentMinBuyAmount: intent.minBuyAmount,
    });
    return { id: candidate.id, venue: candidate.venue, expectedTotalBps: q.quote ? q.cost.total.bps : null };
  });
}
