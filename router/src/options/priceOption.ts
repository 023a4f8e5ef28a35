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
 * of rate). Every output is finite or it throws: expiry → 0 and vol → 0 give the limits (see
 * `blackScholesInto`); NON_FINITE_INPUT / INVALID_INPUT name a bad field, and INVALID_INPUT
 * ("out of range: … overflows double precision") names the field of a finite input whose
 * formula leaves double precision (e.g. S·e^(−qT) beyond 1.8e308, or a gamma above it when
 * S·σ√T is tiny). Never NaN or ±Infinity.
 */
export function priceOption(params: PriceOptionParameters): PriceOptionReturnType {
  const kind = requireOptionKind(params.kind, 'kind');
  const spot = requirePositive(params.spot, 'spot');
  const strike = requirePositive(params.strike, 'strike');
  const expiry = requireNonNegative(params.expiry, 'expiry');
  const rate = requireFinite(params.rate, 'rate');
  const dividendYield = requireFinite(params.dividendYield, 'dividendYield');
  const vol = requireNonNegative(params.vol, 'vol');
  requireRepresentable(vol * Math.sqrt(expiry), 'vol', false, 'vol·√expiry');
  const carry = requireRepresentable(Math.exp(-dividendYield * expiry), 'dividendYield', true);
  const discount = requireRepresentable(Math.exp(-rate * expiry), 'rate', true);
  requireRepresentable(spot * carry, 'spot', true, 'spot·e^(−q·T)');
  requireRepresentable(strike * discount, 'strike', true, 'strike·e^(−r·T)');
  requireRepresentable(spot / strike, 'strike', true, 'spot/strike');
  const out = blackScholesInto(
    createOptionGreeks(),
    kind === 'call',
    spot,
    strike,
    expiry,
    rate,
    dividendYield,
    vol,
  );
  // The inputs above keep every intermediate finite; a Greek can still be too large for a
  // double (gamma ∝ 1/(S·σ√T), theta ∝ 1/√T, vega ∝ S√T, rho ∝ K·T). Name the input it scales with.
  for (const [greek, field] of OUTPUT_FIELDS) {
    if (!Number.isFinite(out[greek])) {
      throw new HedgeRouterError('INVALID_INPUT', {
        shortMessage: `out of range: ${greek} overflows double precision`,
        field,
        details: { greek, value: String(out[greek]) },
      });
    }
  }
  return out;
}

const OUTPUT_FIELDS: readonly (readonly [keyof PriceOptionReturnType, string])[] = [
  ['price', 'spot'],
  ['delta', 'dividendYield'],
  ['gamma', 'spot'],
  ['vega', 'spot'],
  ['theta', 'expiry'],
  ['rho', 'strike'],
];

// A finite input can still overflow inside the formula (σ√T, a discount factor or S·e^(−qT)
// beyond 1.8e308, or one that underflows to 0); refuse it rather than return Infinity − Infinity.
function requireRepresentable(value: number, field: string, positive = false, what = field): number {
  if (!Number.isFinite(value) || (positive && !(value > 0))) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: `out of range: ${what} ${value > 0 ? 'overflows' : 'underflows'} double precision`,
      field,
      details: { value: String(value) },
    });
  }
  return value;
}
