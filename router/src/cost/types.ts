/**
 * The market and the vault's preferences a route is priced against. Every amount is in base
 * units of the intent's buy token ("buy units"); prices and statistics are floats.
 */
export type CostContext = {
  /** Arrival mid price: buy-token base units per one sell-token base unit (e.g. 2e-9 for 2,000 USDC(6) per WETH(18)). */
  midPrice: number;
  /**
   * The vault's risk aversion λ per buy-token base unit (1 / buy unit): a variance V (buy
   * units²) of the unhedged position costs λ·V. λ = 1e-6 per USD is λ = 1e-12 per USDC base unit.
   */
  riskAversionPerBuyUnit: number;
  /** Forecast volatility σ of the sell token priced in the buy token, annualised (0.6 = 60 %). */
  annualVolatility: number;
  /** Expected gas price, wei per gas unit. */
  gasPriceWei: bigint;
  /** Price of the native (gas) token: buy-token base units per wei. */
  nativePriceInBuyPerWei: number;
  /** Seconds the fallback route needs to fill if a route does not fill (used for fill risk). */
  fallbackDelaySeconds: number;
};

/** When a route fills, and what happens when it does not. */
export type RouteTiming = {
  /** Expected seconds from submission to fill, given it fills, counting retries (e.g. blocks until inclusion). */
  expectedSecondsToFill: number;
  /** Probability in [0, 1] that the route fills at all before it gives up (inclusion probability over its attempts). */
  fillProbability: number;
  /** Seconds spent before a non-fill is known (after which the fallback starts). */
  secondsLostOnNonFill: number;
};

/** A venue's plan for selling `sellAmount`, before it is priced into cost stages. */
export type RouteQuote = {
  /** Sell-token base units this leg sells. */
  sellAmount: bigint;
  /** Buy-token base units expected if the leg fills (after venue fees, before gas). */
  expectedBuyAmount: bigint;
  /** The leg's on-chain minimum output, buy-token base units. */
  minBuyAmount: bigint;
  /** Venue fees already deducted from expectedBuyAmount (LP, protocol, bridge fee, relay tip), buy-token base units. */
  feesInBuy: bigint;
  /** Gas the vault pays for this leg (0n when the venue covers it inside its fee). */
  gasUnits: bigint;
  /** Expected loss to searchers, buy-token base units. */
  mevLeakageInBuy: bigint;
  timing: RouteTiming;
  /**
   * For legs that revert if the price moves past their bound before inclusion: the room between
   * expected and minimum output, as a fraction of expected (e.g. 0.005). Undefined for venues
   * that do not revert on price moves.
   */
  revertTolerance?: number | undefined;
  /** Venue-specific facts for audits (e.g. the sandwich analysis). */
  details?: Record<string, unknown> | undefined;
};

/** One cost stage: buy-token base units and bps of the arrival mid value of the leg. */
export type CostStage = {
  /** Buy-token base units (may be negative for price impact when the venue beats the mid). */
  amount: bigint;
  /** The same, in bps of sellAmount × arrival mid. */
  bps: number;
};

/** The expected cost of a route as named stages (DESIGN.md "The cost model"); total = the sum. */
export type CostBreakdown = {
  priceImpact: CostStage;
  fees: CostStage;
  gas: CostStage;
  mevLeakage: CostStage;
  delayRisk: CostStage;
  fillRisk: CostStage;
  total: CostStage;
};

export const costStageNames = ['priceImpact', 'fees', 'gas', 'mevLeakage', 'delayRisk', 'fillRisk'] as const;
