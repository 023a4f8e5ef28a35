import type { AuditRecordWire } from './auditRecordSchema.js';

/** The ledger rows of one intent, as `readLedgerForAudit` (@hedge-router/api) returns them. */
export type LedgerHistory = {
  intent: { id: string; chain_id: number; intent_json: string; status: string };
  decisions: { context_json: string; candidates_json: string; plan_json: string }[];
  submissions: {
    status: string;
    leg_json: string;
    submission_json: string | null;
    outcome_json: string | null;
  }[];
};

/** An intent the ledger cannot audit, and why. */
export type SkippedIntent = { intentId: string; reason: string };

type Stage = { bps: number };
type ContextJson = {
  midPrice?: number;
  context?: {
    gasPriceWei: string;
    nativePriceInBuyPerWei: number;
    annualVolatility: number;
    riskAversionPerBuyUnit: number;
    fallbackDelaySeconds?: number;
    nowSeconds: number;
  };
  pools?: AuditRecordWire['market']['pools'];
};
type PlanJson = {
  legs: { candidateId: string }[];
  cost: Record<'priceImpact' | 'fees' | 'gas' | 'mevLeakage' | 'delayRisk' | 'fillRisk' | 'total', Stage>;
} | null;
type LegJson = { sellAmount: string; quote: { expectedBuyAmount: string; feesInBuy: string } };
type OutcomeJson = {
  status: string;
  reconciliation?: {
    buyAmount?: string;
    blockNumber?: string;
    gasCostWei?: string;
    sandwich?: { detected?: boolean };
  };
};
type CandidateJson = { id: string; venue: string; available?: boolean; cost?: { total?: Stage } | null };

/**
 * Turns the API ledger's rows into audit records: the last decision that produced a plan gives
 * the recorded market state (mid, gas price, λ, σ and every pool's state at the decision's
 * block, which the API records since the audit needed it), every candidate's predicted total
 * and the plan's predicted stages; the filled submissions give what was realised, priced
 * against the same arrival mid as the plan (impact beyond fees and MEV, fees as quoted, MEV
 * lost where the reconciliation found a sandwich, gas of every mined attempt, delay risk at the
 * blocks each leg took). Intents with no plan, or decided before pool states were recorded,
 * are returned in `skipped` with the reason.
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
    const decision = [...h.decisions].reverse().find((d) => JSON.parse(d.plan_json) !== null);
    if (!decision) {
      skip(h.decisions.length ? 'no decision produced a plan' : 'never routed');
      continue;
    }
    const market = JSON.parse(decision.context_json) as ContextJson;
    const plan = JSON.parse(decision.plan_json) as NonNullable<PlanJson>;
    const ctx = market.context;
    if (!ctx || market.midPrice === undefined) {
      skip('the decision recorded no cost context');
      continue;
    }
    if (!market.pools?.length) {
      skip('the decision recorded no pool states (decided before the API recorded them)');
      continue;
    }
    const intent = JSON.parse(h.intent.intent_json) as AuditRecordWire['intent'] & { sellAmount: string };
    const midValue = Number(intent.sellAmount) * market.midPrice;
    const toBps = (buyUnits: number) => (buyUnits / midValue) * 10_000;
    const cost = { impact: 0, fees: 0, gas: 0, mev: 0, delay: 0 };
    let sandwiched = false;
    let filledLegs = 0;
    let reverted = false;
    for (const s of h.submissions) {
      const outcome = s.outcome_json ? (JSON.parse(s.outcome_json) as OutcomeJson) : null;
      const rec = outcome?.reconciliation;
      if (rec?.gasCostWei) cost.gas += toBps(Number(rec.gasCostWei) * ctx.nativePriceInBuyPerWei);
      if (s.status === 'reverted') reverted = true;
      if (s.status !== 'filled' || !rec?.buyAmount) continue;
      filledLegs++;
      const leg = JSON.parse(s.leg_json) as LegJson;
      const submission = s.submission_json
        ? (JSON.parse(s.submission_json) as { submittedAtBlock?: string })
        : {};
      const legMid = Number(leg.sellAmount) * market.midPrice;
      const bought = Number(rec.buyAmount);
      const fees = Number(leg.quote.feesInBuy);
      const mev = rec.sandwich?.detected ? Math.max(0, Number(leg.quote.expectedBuyAmount) - bought) : 0;
      sandwiched ||= rec.sandwich?.detected === true;
      cost.fees += toBps(fees);
      cost.mev += toBps(mev);
      cost.impact += toBps(legMid - bought - fees - mev);
      const blocks =
        rec.blockNumber && submission.submittedAtBlock
          ? Math.max(0, Number(BigInt(rec.blockNumber) - BigInt(submission.submittedAtBlock)))
          : 0;
      const tauYears = (blocks * blockSeconds) / (365 * 24 * 3600);
      cost.delay += toBps(ctx.riskAversionPerBuyUnit * (legMid * ctx.annualVolatility) ** 2 * tauYears);
    }
    const status: AuditRecordWire['realised']['status'] =
      filledLegs > 0 ? 'filled' : reverted ? 'reverted' : h.submissions.length ? 'not-included' : 'no-route';
    const candidates = (JSON.parse(decision.candidates_json) as CandidateJson[]).map((c) => ({
      id: c.id,
      venue: c.venue,
      expectedTotalBps: c.available === false ? null : (c.cost?.total?.bps ?? null),
    }));
    const p = plan.cost;
    records.push({
      intentId: h.intent.id,
      intent,
      decidedAt: ctx.nowSeconds,
      market: {
        chainId: h.intent.chain_id,
        midPrice: market.midPrice,
        gasPriceWei: ctx.gasPriceWei,
        nativePriceInBuyPerWei: ctx.nativePriceInBuyPerWei,
        annualVolatility: ctx.annualVolatility,
        riskAversionPerBuyUnit: ctx.riskAversionPerBuyUnit,
        fallbackDelaySeconds: ctx.fallbackDelaySeconds ?? 24,
        blockSeconds,
        pools: market.pools.map((pool) => ({
          address: pool.address,
          token0: pool.token0,
          token1: pool.token1,
          fee: pool.fee,
          state: {
            sqrtPriceX96: pool.state.sqrtPriceX96,
            tick: pool.state.tick,
            liquidity: pool.state.liquidity,
            fee: pool.state.fee,
            tickSpacing: pool.state.tickSpacing,
            ticks: pool.state.ticks.map((t) => ({ index: t.index, liquidityNet: t.liquidityNet })),
          },
        })),
      },
      candidates,
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
