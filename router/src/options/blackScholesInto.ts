import { normalCdfGivenExp } from './normalCdfGivenExp.js';
import { normalPdf, ONE_OVER_SQRT_TWO_PI } from './normalPdf.js';

/**
 * Black-Scholes-Merton value and Greeks of one European option, per unit of the underlying.
 * `price` USD; `delta` ∂V/∂S (units of the underlying); `gamma` ∂²V/∂S² (per USD); `vega`
 * ∂V/∂σ per 1.00 of vol (USD); `theta` the change of value as calendar time passes, USD per
 * year (∂V/∂t = −∂V/∂T); `rho` ∂V/∂r per 1.00 of rate (USD).
 */
export type OptionGreeks = {
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
};

/** A fresh zeroed `OptionGreeks`, to be reused as the `out` of `blackScholesInto`. */
export function createOptionGreeks(): OptionGreeks {
  return { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
}

/**
 * The unchecked BSM kernel behind `priceOption`, for hot loops: positional numbers in, the
 * Greeks written into `out`, nothing allocated. Callers guarantee finite inputs with spot,
 * strike > 0 and expiry (years), vol ≥ 0; rates are continuously compounded per year.
 * At σ√T = 0 (expiry or zero vol) it returns the limits: the discounted forward payoff, a
 * delta that steps at the forward strike (half the step exactly at it), zero gamma, and the
 * vega limit e^(−qT) S √T n(0) exactly at the forward strike (zero elsewhere).
 */
export function blackScholesInto(
  out: OptionGreeks,
  isCall: boolean,
  spot: number,
  strike: number,
  expiry: number,
  rate: number,
  dividendYield: number,
  vol: number,
): OptionGreeks {
  const sqrtT = Math.sqrt(expiry);
  const sd = vol * sqrtT;
  const carry = Math.exp(-dividendYield * expiry);
  const discount = Math.exp(-rate * expiry);
  const spotPv = spot * carry;
  const strikePv = strike * discount;
  if (!(sd > 0)) {
    // Zero total variance: the option is its discounted forward payoff.
    const moneyness = isCall ? spotPv - strikePv : strikePv - spotPv;
    const step = moneyness > 0 ? 1 : moneyness === 0 ? 0.5 : 0;
    const sign = isCall ? 1 : -1;
    out.price = moneyness > 0 ? moneyness : 0;
    out.delta = sign * carry * step;
    out.gamma = 0;
    out.vega = moneyness === 0 ? spotPv * sqrtT * normalPdf(0) : 0;
    out.theta = sign * step * (dividendYield * spotPv - rate * strikePv);
    out.rho = sign * step * strike * expiry * discount;
    return out;
  }
  const d1 = (Math.log(spot / strike) + (rate - dividendYield) * expiry) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  // One exp for everything: e^(−d1²/2), and e^(−d2²/2) from K e^(−rT) n(d2) = S e^(−qT) n(d1).
  const e1 = Math.exp(-0.5 * d1 * d1);
  const e2 = (e1 * spotPv) / strikePv;
  const pdf = ONE_OVER_SQRT_TWO_PI * e1;
  const decay = (-spotPv * pdf * vol) / (2 * sqrtT);
  // Divided in turn, not by spot·sd: that product underflows to 0 for a tiny spot and σ√T (0/0).
  out.gamma = (carry * pdf) / spot / sd;
  out.vega = spotPv * pdf * sqrtT;
  if (isCall) {
    const n1 = normalCdfGivenExp(d1, e1);
    const n2 = normalCdfGivenExp(d2, e2);
    // Rounding can put a deep in- or out-of-the-money value a hair under its lower bound.
    out.price = Math.max(spotPv * n1 - strikePv * n2, spotPv - strikePv, 0);
    out.delta = carry * n1;
    out.theta = decay - rate * strikePv * n2 + dividendYield * spotPv * n1;
    out.rho = strike * expiry * discount * n2;
  } else {
    const n1 = normalCdfGivenExp(-d1, e1);
    const n2 = normalCdfGivenExp(-d2, e2);
    out.price = Math.max(strikePv * n2 - spotPv * n1, strikePv - spotPv, 0);
    out.delta = -carry * n1;
    out.theta = decay + rate * strikePv * n2 - dividendYield * spotPv * n1;
    out.rho = -strike * expiry * discount * n2;
  }
  return out;
}
