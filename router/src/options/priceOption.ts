import { HedgeRouterError } from '../errors/index.js';
import { requireFinite, requireNonNegative, requireOptionKind, requirePositive } from './assertInputs.js';
import { blackScholesInto, createOptionGreeks, type OptionGreeks } from './blackScholesInto.js';

export type OptionKind = 'call' | 'put';

export type PriceOptionParameters = {
  kind: OptionKind;
  /** Spot price of the underlying, USD per unit, > 0. */
  spot: number;
  /** Strike, USD per unit, > 0. */
  strike: number;
  /** Time to expiry in years, ≥ 0 (0 gives the payoff and its limits). */
  expiry: number;
  /** Risk-free (funding) rate, continuously compounded, per year. */
  rate: number;
  /** Continuous dividend / funding yield of the underlying, per year. */
  dividendYield: number;
  /** Black-Scholes volatility, annualised (0.2 = 20%), ≥ 0. */
  vol: number;
};

export type PriceOptionReturnType = OptionGreeks;

/**
 * Black-Scholes-Merton price and Greeks of one European option on one unit of the underlying
 * with a continuous dividend/funding yield. Returns `price` (USD), `delta` (units of the
 * underlying), `gamma` (units per USD), `vega` (USD per 1.00 of vol, not per 1%), `theta`
 * (USD per year of calendar time, usually negative for a long option) and `rho` (USD per 1.00
 * of rate). Finite for every valid input, including expiry → 0 and vol → 0 (see
 * `blackScholesInto`). Throws NON_FINITE_INPUT / INVALID_INPUT naming the bad field.
 */
export function priceOption(params: PriceOptionParameters): PriceOptionReturnType {
  const kind = requireOptionKind(params.kind, 'kind');
  const spot = requirePositive(params.spot, 'spot');
  const strike = requirePositive(params.strike, 'strike');
  const expiry = requireNonNegative(params.expiry, 'expiry');
  const rate = requireFinite(params.rate, 'rate');
  const dividendYield = requireFinite(params.dividendYield, 'dividendYield');
  const vol = requireNonNegative(params.vol, 'vol');
  requireRepresentable(vol * Math.sqrt(expiry), 'vol');
  requireRepresentable(Math.exp(-rate * expiry), 'rate', true);
  requireRepresentable(Math.exp(-dividendYield * expiry), 'dividendYield', true);
  return blackScholesInto(
    createOptionGreeks(),
    kind === 'call',
    spot,
    strike,
    expiry,
    rate,
    dividendYield,
    vol,
  );
}

// A finite input can still overflow inside the formula (σ√T or a discount factor beyond
// 1.8e308, or one that underflows to 0); refuse it rather than return Infinity − Infinity.
function requireRepresentable(value: number, field: string, positive = false): void {
  if (!Number.isFinite(value) || (positive && !(value > 0))) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'out of range: the formula overflows double precision',
      field,
    });
  }
}
