import { createHedgeDecision, HedgeReason, type HedgeState } from '@hedge-router/router';
import type { BacktestContext } from './backtestContext.js';
import { type BookGreeks, bookValueAt } from './bookValueAt.js';
import { backtestCostStages } from './costModel.js';
import type { PathResults } from './pathResults.js';

const STAGES = backtestCostStages.length;

/**
 * The reference loop: any book, any policy, any cost model. Runs paths `from`..`from +
 * out.count − 1` and writes path `from + j` at index j of `out`. Each step at t_i: the book's
 * Greeks (BSM at the hedge vol, for the attribution), `policy.decide` on one reused state, the
 * trade at S_i paid from cash with its cost, then cash earns `rate` and the hedge its yield over
 * δt while the spot moves to S_(i+1). At the horizon the book is valued at BSM (its payoff if
 * it expires then): P&L = cash + hedge·S_T + book value, having bought the book at its BSM
 * value at t = 0 (selling it when short).
 */
export function runPathsGeneric(ctx: BacktestContext, from: number, out: PathResults): void {
  const { book, policy, market, costs, steps, timesYears, cashGrowth, hedgeYield, vol, rate, dividendYield } =
    ctx;
  const spots = new Float64Array(steps + 1);
  const greeks: BookGreeks = { value: 0, delta: 0, gamma: 0, theta: 0 };
  const decision = createHedgeDecision();
  const stageSums = new Float64Array(STAGES);
  const state: HedgeState = {
    spot: 0,
    hedge: 0,
    timeYears: 0,
    lastRebalanceYears: Number.NEGATIVE_INFINITY,
    vol,
    forecastVol: ctx.forecastVol,
    rate,
    dividendYield,
    costPerUnit: 0,
  };
  const dt = ctx.dtYears;
  for (let j = 0; j < out.count; j++) {
    market.fillPath(from + j, spots);
    state.hedge = 0;
    state.lastRebalanceYears = Number.NEGATIVE_INFINITY;
    stageSums.fill(0);
    bookValueAt(greeks, book, spots[0]!, 0, vol, rate, dividendYield);
    const premium = greeks.value;
    let cash = -premium;
    let hedge = 0;
    let paid = 0;
    let trades = 0;
    let units = 0;
    let deltaPnl = 0;
    let gammaPnl = 0;
    let thetaPnl = 0;
    let carryPnl = 0;
    for (let i = 0; i < steps; i++) {
      const spot = spots[i]!;
      const t = timesYears[i]!;
      if (i > 0) bookValueAt(greeks, book, spot, t, vol, rate, dividendYield);
      state.spot = spot;
      state.timeYears = t;
      state.hedge = hedge;
      state.costPerUnit = costs.costPerUnit(spot);
      policy.decide(state, decision);
      const trade = decision.trade;
      if (trade !== 0) {
        const cost = costs.costUsd(trade, spot);
        cash -= trade * spot + cost;
        paid += cost;
        trades++;
        units += trade < 0 ? -trade : trade;
        costs.addStages(trade, spot, stageSums);
      }
      if (trade !== 0 || decision.reason === HedgeReason.scheduled) state.lastRebalanceYears = t;
      hedge = decision.target;
      const carry = cash * cashGrowth + hedge * spot * hedgeYield;
      cash += carry;
      carryPnl += carry;
      const dS = spots[i + 1]! - spot;
      deltaPnl += (greeks.delta + hedge) * dS;
      gammaPnl += 0.5 * greeks.gamma * dS * dS;
      thetaPnl += greeks.theta * dt;
    }
    bookValueAt(greeks, book, spots[steps]!, timesYears[steps]!, vol, rate, dividendYield);
    const pnl = cash + hedge * spots[steps]! + greeks.value;
    out.pnl[j] = pnl;
    out.costs[j] = paid;
    out.trades[j] = trades;
    out.unitsTraded[j] = units;
    out.delta[j] = deltaPnl;
    out.gamma[j] = gammaPnl;
    out.theta[j] = thetaPnl;
    out.carry[j] = carryPnl;
    out.residual[j] = pnl - (deltaPnl + gammaPnl + thetaPnl + carryPnl - paid);
    out.premium[j] = premium;
    out.stages.set(stageSums, j * STAGES);
  }
}
