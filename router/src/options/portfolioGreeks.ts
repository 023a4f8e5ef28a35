import { requireFinite, requireNonNegative, requirePositive } from './assertInputs.js';
import { blackScholesInto, createOptionGreeks } from './blackScholesInto.js';
import { createBook, type OptionBook, type OptionPosition } from './createBook.js';

export type PortfolioGreeksParameters = {
  /** The options (or an already compiled book). */
  book: OptionBook | readonly OptionPosition[];
  /** Current hedge: units of the underlying held (negative = short). */
  hedge: number;
  /** Spot, USD per unit of the underlying. */
  spot: number;
  /** Valuation time on the book's clock, years (0 when expiries are times to expiry). Default 0. */
  timeYears?: number;
  /** Annualised vol used for every option. */
  vol: number;
  /** Continuously compounded rate, per year. */
  rate: number;
  /** Continuous dividend / funding yield of the underlying, per year. */
  dividendYield: number;
};

/**
 * Net Greeks of a book plus its hedge. Names carry units: "Units" are units of the
 * underlying, "Usd" US dollars. Vega is per 1.00 of vol, theta per year of calendar time.
 */
export type PortfolioGreeks = {
  /** Mark-to-market of the options, USD (the hedge itself is not included). */
  optionsValueUsd: number;
  /** Options' delta, units of the underlying. */
  optionsDeltaUnits: number;
  /** The hedge, units of the underlying (its delta is 1 per unit). */
  hedgeUnits: number;
  /** Net delta = options + hedge, units of the underlying; × spot in USD. */
  deltaUnits: number;
  deltaUsd: number;
  /** Net gamma: change of the net delta (units) per USD move of spot. */
  gammaUnitsPerUsd: number;
  /** Dollar gamma: change of the USD delta for a 1% move of spot, Γ·S²/100. */
  gammaUsdPerPct: number;
  /** Vega in USD per 1.00 of vol, and in units of the underlying (÷ spot). */
  vegaUsd: number;
  vegaUnits: number;
  /** Theta in USD per year, and in units of the underlying per year (÷ spot). */
  thetaUsdPerYear: number;
  thetaUnitsPerYear: number;
};

/**
 * The net delta, gamma, vega and theta of a vault's book and its current hedge, in units of
 * the underlying and in USD (see `PortfolioGreeks`). Expired positions are ignored. Throws
 * INVALID_INPUT / NON_FINITE_INPUT naming the bad field.
 */
export function portfolioGreeks(params: PortfolioGreeksParameters): PortfolioGreeks {
  const book = 'size' in params.book ? params.book : createBook({ positions: params.book });
  const hedge = requireFinite(params.hedge, 'hedge');
  const spot = requirePositive(params.spot, 'spot');
  const timeYears = requireFinite(params.timeYears ?? 0, 'timeYears');
  const vol = requireNonNegative(params.vol, 'vol');
  const rate = requireFinite(params.rate, 'rate');
  const dividendYield = requireFinite(params.dividendYield, 'dividendYield');
  const g = createOptionGreeks();
  let value = 0;
  let delta = 0;
  let gamma = 0;
  let vega = 0;
  let theta = 0;
  for (let i = 0; i < book.size; i++) {
    const tau = book.expiry[i]! - timeYears;
    if (!(tau > 0)) continue;
    blackScholesInto(g, book.isCall[i] === 1, spot, book.strike[i]!, tau, rate, dividendYield, vol);
    const q = book.quantity[i]!;
    value += q * g.price;
    delta += q * g.delta;
    gamma += q * g.gamma;
    vega += q * g.vega;
    theta += q * g.theta;
  }
  const net = delta + hedge;
  return {
    optionsValueUsd: value,
    optionsDeltaUnits: delta,
    hedgeUnits: hedge,
    deltaUnits: net,
    deltaUsd: net * spot,
    gammaUnitsPerUsd: gamma,
    gammaUsdPerPct: (gamma * spot * spot) / 100,
    vegaUsd: vega,
    vegaUnits: vega / spot,
    thetaUsdPerYear: theta,
    thetaUnitsPerYear: theta / spot,
  };
}
