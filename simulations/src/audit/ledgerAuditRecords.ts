import { jsonSafe, SECONDS_PER_YEAR, serializeHedgeIntent } from '@hedge-router/router';
import type { IntentHistory, RecordedDecision } from '@hedge-router/solvers';
import type { AuditRecordWire } from './auditRecordSchema.js';

/** The ledger's history of one intent (the API's `readLedgerForAudit`, or the engine's memory ledger). */
export type LedgerHistory = IntentHistory;

/** An intent the ledger cannot audit, and why. */
export type SkippedIntent = { intentId: string; reason: string };

type RouteDecision = Extract<RecordedDecision, { kind: 'route' }>;

/**
 * Turns a ledger's intents into audit records: the last decision that produced a plan gives the
 * recorded market state (mid, gas price, λ, σ and every pool's state at the decision's block),
 * every candidate's predicted total and the plan's predicted stages; the attempts give what was
 * realised, priced against the same arrival mid as the plan: impact beyond fees and MEV, fees as
 * quoted, MEV lost where the reconciliation found a sandwich, gas of every mined attempt
 * (reverted ones too), and delay risk over the blocks from a leg's first attempt to its fill (a
 * leg that was not included first pays for the wait). The execution benchmark's realised costs
 * are these records' (one definition). Intents with no plan, or decided before pool states were
 * recorded, are returned in `skipped` with the reason.
 */
export function ledgerAuditRecords(
  histories: LedgerHistory[],
  options: { blockSeconds?: number } = {},
): { records: AuditRecordWire[]; skipped: SkippedIntent[] } {
  const blockSeconds = options.blockSeconds ?? 12;
  const records: AuditRecordWire[] = [];
  const skipped: SkippedIntent[] = [];
  for (const h of histories) {
    const skip = (reason: string) => skipped.push({ intentId: h.intent.id, reason });
    const decision = h.decisions
      .map((d) => d.decision)
      .findLast((d): d is RouteDecision => d.kind === 'route' && d.plan !== null && !d.fallback);
    if (!decision?.plan) {
      skip(h.decisions.length ? 'no decision produced a plan' : 'never routed');
      continue;
    }
    const { market, plan } = decision;
    const ctx = market.context;
    if (!market.pools.length) {
      skip('the decision recorded no pool states (decided before the API recorded them)');
      continue;
    }
    const midValue = Number(h.intent.intent.sellAmount) * market.midPrice;
    const toBps = (buyUnits: number) => (buyUnits / midValue) * 10_000;
    const cost = { impact: 0, fees: 0, gas: 0, mev: 0, delay: 0 };
    let sandwiched = false;
    let filledLegs = 0;
    let reverted = false;
    for (const s of h.submissions) {
      const outcome = s.outcome;
      if (outcome?.status === 'filled' || outcome?.status === 'reverted')
        cost.gas += toBps(Number(outcome.reconciliation.gasCostWei) * ctx.nativePriceInBuyPerWei);
      if (outcome?.status === 'reverted') reverted = true;
      if (outcome?.status !== 'filled') continue;
      const rec = outcome.reconciliation;
      filledLegs++;
      const legMid = Number(s.leg.sellAmount) * market.midPrice;
      const bought = Number(rec.buyAmount);
      const fees = Number(s.leg.quote.feesInBuy);
      const mev = rec.sandwich.detected ? Math.max(0, Number(s.leg.quote.expectedBuyAmount) - bought) : 0;
      sandwiched ||= rec.sandwich.detected;
      cost.fees += toBps(fees);
      cost.mev += toBps(mev);
      cost.impact += toBps(legMid - bought - fees - mev);
      // From the leg's first attempt that reached its venue, so a wait for a non-fill counts.
      const firstBlock = h.submissions
        .filter((a) => a.legIndex === s.legIndex && a.submission && a.submission.submittedAtBlock !== '0')
        .map((a) => BigInt(a.submission?.submittedAtBlock ?? '0'))
        .reduce((a, b) => (b < a ? b : a), rec.blockNumber);
      const blocks = Math.max(0, Number(rec.blockNumber - firstBlock));
      const tauYears = (blocks * blockSeconds) / SECONDS_PER_YEAR;
      cost.delay += toBps(ctx.riskAversionPerBuyUnit * (legMid * ctx.annualVolatility) ** 2 * tauYears);
    }
    const status: AuditRecordWire['realised']['status'] =
      filledLegs > 0 ? 'filled' : reverted ? 'reverted' : h.submissions.length ? 'not-included' : 'no-route';
    const p = plan.cost;
    records.push({
      intentId: h.intent.id,
      intent: serializeHedgeIntent(h.intent.intent),
      decidedAt: ctx.nowSeconds,
      market: {
        chainId: h.intent.chainId,
        midPrice: market.midPrice,
        gasPriceWei: ctx.gasPriceWei.toString(),
        nativePriceInBuyPerWei: ctx.nativePriceInBuyPerWei,
        annualVolatility: ctx.annualVolatility,
        riskAversionPerBuyUnit: ctx.riskAversionPerBuyUnit,
        fallbackDelaySeconds: ctx.fallbackDelaySeconds,
        blockSeconds,
        pools: market.pools.map((pool) => ({
          address: pool.address,
          token0: pool.token0,
          token1: pool.token1,
          fee: pool.fee,
          state: {
            sqrtPriceX96: pool.state.sqrtPriceX96.toString(),
            tick: pool.state.tick,
            liquidity: pool.state.liquidity.toString(),
            fee: pool.state.fee,
            tickSpacing: pool.state.tickSpacing,
            ticks: pool.state.ticks.map((t) => ({ index: t.index, liquidityNet: t.liquidityNet.toString() })),
          },
        })),
      },
      observations: jsonSafe(decision.observations) as AuditRecordWire['observations'],
      candidates: decision.candidates.map((c) => ({
        id: c.id,
        venue: c.venue,
        expectedTotalBps: c.available ? (c.cost?.total.bps ?? null) : null,
      })),
      chosen: {
        candidateIds: plan.legs.map((l) => l.candidateId),
        predictedBps: {
          impact: p.priceImpact.bps,
          fees: p.fees.bps,
          gas: p.gas.bps,
          mev: p.mevLeakage.bps,
          delay: p.delayRisk.bps + p.fillRisk.bps,
          total: p.total.bps,
        },
      },
      realised: { status, costBps: cost, sandwiched },
    });
  }
  return { records, skipped };
}
