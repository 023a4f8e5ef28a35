import { HedgeRouterError } from '../errors/index.js';
import { requireFinite, requireOptionKind, requirePositive } from './assertInputs.js';
import { solveNormalisedVol } from './normalisedBlack.js';
import type { OptionKind } from './priceOption.js';

export type ImpliedVolParameters = {
  kind: OptionKind;
  /** Spot price of the underlying, USD per unit, > 0. */
  spot: number;
  /** Strike, USD per unit, > 0. */
  strike: number;
  /** Time to expiry in years, > 0. */
  expiry: number;
  /** Risk-free (funding) rate, continuously compounded, per year. */
  rate: number;
  /** Continuous dividend / funding yield, per year. */
  dividendYield: number;
  /** Option premium, USD per unit of the underlying. */
  price: number;
};

/**
 * The Black-Scholes-Merton volatility (annualised) that reprices a European option to
 * `price`. Method: the price is mapped to Jäckel's normalised Black, reduced to an
 * out-of-the-money call by put-call parity, and solved with a safeguarded third-order
 * Householder iteration on log-transformed objectives with a bracketing fallback (see
 * `solveNormalisedVol`); not Jäckel's "Let's be rational" itself. Accurate to about 1e-12 in
 * vol wherever the price determines the vol to that precision (see the round-trip test);
 * deep in the money the time value is the price minus intrinsic, so its rounding bounds what
 * any method can recover. A price exactly at intrinsic value gives 0. Throws
 * PRICE_OUTSIDE_NO_ARBITRAGE_BOUNDS for a price below intrinsic or at/above the cap (the
 * discounted spot for a call, the discounted strike for a put), with the bounds in `details`;
 * NON_FINITE_INPUT / INVALID_INPUT for bad inputs. Never NaN.
 */
export function impliedVol(params: ImpliedVolParameters): number {
  const kind = requireOptionKind(params.kind, 'kind');
  const spot = requirePositive(params.spot, 'spot');
  const strike = requirePositive(params.strike, 'strike');
  const expiry = requirePositive(params.expiry, 'expiry');
  const rate = requireFinite(params.rate, 'rate');
  const dividendYield = requireFinite(params.dividendYield, 'dividendYield');
  const price = requireFinite(params.price, 'price');

  const spotPv = spot * Math.exp(-dividendYield * expiry);
  const strikePv = strike * Math.exp(-rate * expiry);
  const isCall = kind === 'call';
  const intrinsic = Math.max(isCall ? spotPv - strikePv : strikePv - spotPv, 0);
  const cap = isCall ? spotPv : strikePv;
  // The intrinsic value is itself a rounded difference: a price a few ulps below it is "at
  // intrinsic" (vol 0), not an arbitrage.
  const roundingSlack = 4 * Number.EPSILON * Math.max(spotPv, strikePv);
  if (!(price >= intrinsic - roundingSlack && price < cap)) {
    throw new HedgeRouterError('PRICE_OUTSIDE_NO_ARBITRAGE_BOUNDS', {
      shortMessage:
        price < intrinsic
          ? `price ${price} is below the intrinsic value ${intrinsic}: no volatility gives it`
          : `price ${price} is at or above the ${isCall ? 'discounted spot' : 'discounted strike'} ${cap}: no finite volatility gives it`,
      field: 'price',
      details: { price, lowerBound: intrinsic, upperBound: cap, kind },
    });
  }
  // Time value = the out-of-the-money option's price (parity), normalised by D√(FK).
  const timeValue = price - intrinsic;
  if (!(timeValue > 0)) return 0;
  const x = Math.log(spotPv / strikePv);
  const beta = timeValue / Math.sqrt(spotPv * strikePv);
  const xOtm = -Math.abs(x);
  if (!(beta < Math.exp(0.5 * xOtm))) {
    // Within rounding of the cap: the vol is beyond anything a double can resolve.
    throw new HedgeRouterError('PRICE_OUTSIDE_NO_ARBITRAGE_BOUNDS', {
      shortMessage: `price ${price} is within rounding of its upper bound ${cap}: the volatility is unbounded`,
      field: 'price',
      details: { price, lowerBound: intrinsic, upperBound: cap, kind },
    });
  }
  return solveNormalisedVol(beta, xOtm) / Math.sqrt(expiry);
}
