import {
  createBook,
  createHedgeDecision,
  createHedgePolicy,
  createRng,
  type HedgeState,
  SECONDS_PER_YEAR,
} from '@hedge-router/router';
import { bookValueAt } from '../backtest/bookValueAt.js';

/** The vault every routing strategy hedges: its book, its band, and the reference price path. */
export type ExecutionVault = {
  /** Short calls on WETH (quantity > 0 is the number sold), strike = starting price, years to expiry. */
  shortCalls: number;
  expiryYears: number;
  /** Annualised vol of the reference path and of the deltas. */
  vol: number;
  /** The no-trade band's half-width, WETH. */
  bandWeth: number;
  /** Reference price path: start (USD per WETH), steps, step length, seed. */
  startPriceUsd: number;
  steps: number;
  stepSeconds: number;
  seed: number;
};

/** One hedge the vault's policy asks for: at `step`, trade `units` WETH (> 0 buy, < 0 sell). */
export type ScheduledHedge = { step: number; priceUsd: number; units: number };

export type HedgeSchedule = {
  /** Reference prices at steps 0..steps, USD per WETH. */
  prices: number[];
  /** Book value (negative: the vault is short) at each step, USD. */
  bookValues: number[];
  hedges: ScheduledHedge[];
  /** The delta hedge held at t = 0 (WETH), assumed in place before the benchmark starts. */
  initialHedge: number;
};

/**
 * The reference path (GBM, seeded) and the hedges the router's band policy asks for along it,
 * assuming each hedge fills: the same schedule for every routing strategy, so strategies differ
 * only in how the hedges execute. The vault starts delta-hedged; trades go to the band's edge.
 */
export function hedgeSchedule(v: ExecutionVault): HedgeSchedule {
  const dt = v.stepSeconds / SECONDS_PER_YEAR;
  const rng = createRng({ seed: v.seed, stream: 0 });
  const prices = [v.startPriceUsd];
  for (let i = 1; i <= v.steps; i++)
    prices.push(
      prices[i - 1]! * Math.exp(-0.5 * v.vol * v.vol * dt + v.vol * Math.sqrt(dt) * rng.nextNormal()),
    );
  const book = createBook({
    positions: [{ kind: 'call', strike: v.startPriceUsd, expiry: v.expiryYears, quantity: -v.shortCalls }],
  });
  const policy = createHedgePolicy({ book, config: { policy: 'band', halfWidth: v.bandWeth } });
  const greeks = { value: 0, delta: 0, gamma: 0, theta: 0 };
  const bookValues = prices.map((p, i) => bookValueAt(greeks, book, p, i * dt, v.vol, 0, 0).value);
  const initialHedge = -bookValueAt(greeks, book, prices[0]!, 0, v.vol, 0, 0).delta;
  const state: HedgeState = {
    spot: 0,
    hedge: initialHedge,
    timeYears: 0,
    lastRebalanceYears: 0,
    vol: v.vol,
    forecastVol: v.vol,
    rate: 0,
    dividendYield: 0,
    costPerUnit: 0,
  };
  const d = createHedgeDecision();
  const hedges: ScheduledHedge[] = [];
  for (let i = 1; i < v.steps; i++) {
    state.spot = prices[i]!;
    state.timeYears = i * dt;
    policy.decide(state, d);
    if (d.trade !== 0) hedges.push({ step: i, priceUsd: prices[i]!, units: d.trade });
    state.hedge = d.target;
  }
  return { prices, bookValues, hedges, initialHedge };
}
