// The public surface of @hedge-router/router. Pure TypeScript: no I/O, no chain, no HTTP.
// biome-ignore-all assist/source/organizeImports: exports are grouped in owner sections (routing core, gamma engine), each sorted by hand.

export * from './errors/index.js';
export { bigintJson, jsonSafe, toJson } from './codec/bigintJson.js';
// One year length for every seconds/days ↔ years conversion (why 365: units/time.ts).
export { DAYS_PER_YEAR, SECONDS_PER_YEAR } from './units/time.js';

// --- routing core: intents, exact AMM math, MEV model, cost model, route selection ---
export { type HedgeIntent, type HedgeIntentWire, hedgeIntentCodec } from './intent/hedgeIntentSchema.js';
export {
  HEDGE_INTENT_PRIMARY_TYPE,
  hedgeIntentDomain,
  hedgeIntentTypedData,
  hedgeIntentTypes,
} from './intent/hedgeIntentTypedData.js';
export { keccak256 } from './intent/keccak256.js';
export { parseHedgeIntent } from './intent/parseHedgeIntent.js';
export { serializeHedgeIntent } from './intent/serializeHedgeIntent.js';
export { type Address, toChecksumAddress } from './intent/toChecksumAddress.js';
export type { AmmPool, AmmSwap } from './amm/pool.js';
export { poolMidPrice } from './amm/poolMidPrice.js';
export { type SwapExactInParameters, swapExactIn } from './amm/swapExactIn.js';
export { swapExactInCached } from './amm/swapExactInCached.js';
export { type GetAmountInV2Parameters, getAmountInV2 } from './amm/v2/getAmountInV2.js';
export { type GetAmountOutV2Parameters, getAmountOutV2 } from './amm/v2/getAmountOutV2.js';
export type { V2PoolState } from './amm/v2/types.js';
export { type ComputeSwapStepReturnType, computeSwapStep } from './amm/v3/computeSwapStep.js';
export {
  FEE_DENOMINATOR_PIPS,
  MAX_SQRT_RATIO,
  MAX_TICK,
  MAX_UINT128,
  MAX_UINT160,
  MAX_UINT256,
  MIN_SQRT_RATIO,
  MIN_TICK,
  Q96,
} from './amm/v3/constants.js';
export { encodeSqrtRatioX96, sqrtBigInt } from './amm/v3/encodeSqrtRatioX96.js';
export { divRoundingUp, mulDiv, mulDivRoundingUp } from './amm/v3/fullMath.js';
export { type QuoteV3ExactInParameters, quoteV3ExactIn } from './amm/v3/quoteV3ExactIn.js';
export { type QuoteV3ExactOutParameters, quoteV3ExactOut } from './amm/v3/quoteV3ExactOut.js';
export {
  getAmount0Delta,
  getAmount1Delta,
  getNextSqrtPriceFromAmount0RoundingUp,
  getNextSqrtPriceFromAmount1RoundingDown,
  getNextSqrtPriceFromInput,
  getNextSqrtPriceFromOutput,
} from './amm/v3/sqrtPriceMath.js';
export { type SwapV3Parameters, swapV3 } from './amm/v3/swapV3.js';
export { getSqrtRatioAtTick, getTickAtSqrtRatio } from './amm/v3/tickMath.js';
export type { V3PoolState, V3SwapResult, V3Tick } from './amm/v3/types.js';
export { v3PoolAfterSwap } from './amm/v3/v3PoolAfterSwap.js';
export { validateV3PoolState } from './amm/v3/validateV3PoolState.js';
export {
  type BreakEvenMinAmountOutParameters,
  type BreakEvenMinAmountOutReturnType,
  breakEvenMinAmountOut,
} from './mev/breakEvenMinAmountOut.js';
export {
  type ChooseSlippageBoundParameters,
  type ChooseSlippageBoundReturnType,
  chooseSlippageBound,
} from './mev/chooseSlippageBound.js';
export { type ExpectedMevLeakageParameters, expectedMevLeakage } from './mev/expectedMevLeakage.js';
export {
  type OptimalSandwichParameters,
  type OptimalSandwichReturnType,
  optimalSandwich,
} from './mev/optimalSandwich.js';
export {
  type SimulatedSandwich,
  type SimulateSandwichParameters,
  simulateSandwich,
} from './mev/simulateSandwich.js';
export { buildRouteCost } from './cost/buildRouteCost.js';
export { delayRiskCost, probabilityWithinTolerance } from './cost/delayRiskCost.js';
export { type TimingFromAttemptsParameters, timingFromAttempts } from './cost/timingFromAttempts.js';
export {
  type CostBreakdown,
  type CostContext,
  type CostStage,
  costStageNames,
  type RouteQuote,
  type RouteTiming,
} from './cost/types.js';
export { type AmmRouteCandidateParameters, ammRouteCandidate } from './route/ammRouteCandidate.js';
export { type CostAtParameters, type CostAtReturnType, costAt, legLimitBuyAmount } from './route/costAt.js';
export {
  type FixedRateRouteCandidateParameters,
  fixedRateRouteCandidate,
} from './route/fixedRateRouteCandidate.js';
export { type SelectRouteContext, type SelectRouteParameters, selectRoute } from './route/selectRoute.js';
export type { QuoteRouteParameters, RouteCandidate, RouteLeg, RoutePlan } from './route/types.js';

// --- gamma engine: pricing, Greeks, implied vol, hedge policies, vol forecasts, P&L ---
export { blackScholesInto, createOptionGreeks, type OptionGreeks } from './options/blackScholesInto.js';
export {
  type BookDeltaGamma,
  bookDeltaGammaInto,
  createBookDeltaGamma,
} from './options/bookDeltaGammaInto.js';
export {
  type CreateBookParameters,
  createBook,
  type OptionBook,
  type OptionPosition,
} from './options/createBook.js';
export { erfc } from './options/erfc.js';
export { type ImpliedVolParameters, impliedVol } from './options/impliedVol.js';
export { inverseNormalCdf } from './options/inverseNormalCdf.js';
export { normalCdf } from './options/normalCdf.js';
export { normalCdfGivenExp } from './options/normalCdfGivenExp.js';
export { normalPdf, ONE_OVER_SQRT_TWO_PI } from './options/normalPdf.js';
export {
  type PortfolioGreeks,
  type PortfolioGreeksParameters,
  portfolioGreeks,
} from './options/portfolioGreeks.js';
export {
  type OptionKind,
  type PriceOptionParameters,
  type PriceOptionReturnType,
  priceOption,
} from './options/priceOption.js';
export { type CreateAdaptivePolicyParameters, createAdaptivePolicy } from './hedge/createAdaptivePolicy.js';
export { type CreateBandPolicyParameters, createBandPolicy } from './hedge/createBandPolicy.js';
export { type CreateHedgePolicyParameters, createHedgePolicy } from './hedge/createHedgePolicy.js';
export { type CreateIntervalPolicyParameters, createIntervalPolicy } from './hedge/createIntervalPolicy.js';
export { type CreateLelandPolicyParameters, createLelandPolicy } from './hedge/createLelandPolicy.js';
export {
  type CreateWhalleyWilmottPolicyParameters,
  createWhalleyWilmottPolicy,
} from './hedge/createWhalleyWilmottPolicy.js';
export {
  type CreateZakamoulinePolicyParameters,
  createZakamoulinePolicy,
} from './hedge/createZakamoulinePolicy.js';
export { type HedgePolicyConfig, hedgePolicyConfigSchema } from './hedge/hedgePolicyConfigSchema.js';
export { type LelandVolParameters, lelandAdjustedVol, lelandVol } from './hedge/lelandVol.js';
export { type HedgePlan, hedgeReasonText, type PlanHedgeParameters, planHedge } from './hedge/planHedge.js';
export {
  createHedgeDecision,
  type HedgeDecision,
  type HedgePolicy,
  type HedgePolicyKind,
  HedgeReason,
  type HedgeState,
} from './hedge/types.js';
export {
  type WhalleyWilmottBandParameters,
  whalleyWilmottBand,
  whalleyWilmottHalfWidth,
} from './hedge/whalleyWilmottBand.js';
export {
  type ZakamoulineBand,
  type ZakamoulineBandParameters,
  zakamoulineBand,
  zakamoulineBandInto,
} from './hedge/zakamoulineBand.js';
export {
  type EwmaVariance,
  type EwmaVarianceParameters,
  ewmaUpdate,
  ewmaVariance,
} from './vol/ewmaVariance.js';
export { type FitGarchParameters, type FitGarchResult, fitGarch } from './vol/fitGarch.js';
export { type FitHarParameters, type FitHarResult, fitHar, type HarModel } from './vol/fitHar.js';
export { type GarchForecast, type GarchForecastParameters, garchForecast } from './vol/garchForecast.js';
export type { GarchModel } from './vol/garchTypes.js';
export { type HarForecastParameters, harForecast } from './vol/harForecast.js';
export { type LogReturnsParameters, logReturns } from './vol/logReturns.js';
export { minimizeNelderMead, type NelderMeadResult } from './vol/minimizeNelderMead.js';
export { type RealisedVolParameters, realisedVol } from './vol/realisedVol.js';
export { type SimulateGarchParameters, simulateGarch } from './vol/simulateGarch.js';
export { type AttributePnlParameters, attributePnl, type PnlAttribution } from './pnl/attributePnl.js';
export { type CreateRngParameters, createRng, type Rng } from './random/createRng.js';
export * from './netting/index.js';
