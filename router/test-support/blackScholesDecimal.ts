import { Decimal } from 'decimal.js';

// High-precision reference for tests and benchmarks only (decimal.js is a dev dependency and
// this file is not exported from the package): Black-Scholes-Merton evaluated in decimal
// arithmetic with at least 50 significant digits, so double-precision results can be
// measured against values whose own error is far below 1e-30.

/**
 * The exact value of a double as a Decimal (`new Decimal(0.1)` would read the shortest
 * decimal string "0.1", not the double 0.1000000000000000055511...). 100 digits hold the
 * exact expansion of every double of magnitude above about 1e-30.
 */
export function exactDecimal(x: number): Decimal {
  return new Decimal(x.toPrecision(100));
}

/** N(x) to `digits` significant digits: ½ + n(x)·Σ x^(2k+1)/(2k+1)!!, precision raised for the cancellation at large |x|. */
export function normalCdfDecimal(x: number | Decimal, digits = 50): Decimal {
  const xd = typeof x === 'number' ? exactDecimal(x) : x;
  // Beyond |x| = 40 the tail is below 1e-349: 0 and 1 are exact to far more than `digits`.
  if (xd.gt(40)) return new Decimal(1);
  if (xd.lt(-40)) return new Decimal(0);
  if (xd.lt(-6)) return lowerTailDecimal(xd.neg(), digits);
  const x2 = xd.mul(xd).toNumber();
  const D = Decimal.clone({ precision: Math.ceil(digits + 10 + 0.45 * x2) });
  const z = new D(xd);
  const zz = z.mul(z);
  let term = z;
  let sum = z;
  if (z.isZero()) return new Decimal(0.5);
  const tiny = new D(10).pow(-(digits + 10 + Math.ceil(0.45 * x2)));
  for (let k = 1; ; k++) {
    term = term.mul(zz).div(2 * k + 1);
    sum = sum.add(term);
    if (term.abs().lt(tiny.mul(sum.abs()))) break;
  }
  const pdf = zz
    .div(-2)
    .exp()
    .div(D.sqrt(D.acos(-1).mul(2)));
  return new Decimal(pdf.mul(sum).add(0.5).toSignificantDigits(digits));
}

/**
 * N(−y) for y > 6 by the continued fraction of the Mills ratio,
 * N(−y) = n(y) / (y + 1/(y + 2/(y + 3/(y + ...)))), evaluated bottom-up with enough terms
 * that doubling them changes nothing at `digits` digits (checked in normalCdf.test.ts).
 */
function lowerTailDecimal(y: Decimal, digits: number): Decimal {
  const D = Decimal.clone({ precision: digits + 20 });
  const yd = new D(y);
  const terms = Math.ceil((4 * digits * digits) / yd.toNumber() ** 2) + 40;
  let t = new D(0);
  for (let k = terms; k >= 1; k--) t = new D(k).div(yd.add(t));
  const pdf = yd
    .mul(yd)
    .div(-2)
    .exp()
    .div(D.sqrt(D.acos(-1).mul(2)));
  return new Decimal(pdf.div(yd.add(t)).toSignificantDigits(digits));
}

export type DecimalOptionInput = {
  kind: 'call' | 'put';
  spot: number;
  strike: number;
  expiry: number;
  rate: number;
  dividendYield: number;
  vol: number;
};

/** BSM price and delta of the exact double inputs, in `digits`-digit arithmetic, as Decimals. */
export function blackScholesDecimal(
  input: DecimalOptionInput,
  digits = 50,
): { price: Decimal; delta: Decimal } {
  const D = Decimal.clone({ precision: digits + 20 });
  const S = new D(exactDecimal(input.spot));
  const K = new D(exactDecimal(input.strike));
  const T = new D(exactDecimal(input.expiry));
  const r = new D(exactDecimal(input.rate));
  const q = new D(exactDecimal(input.dividendYield));
  const sigma = new D(exactDecimal(input.vol));
  const sd = sigma.mul(T.sqrt());
  const carry = q.neg().mul(T).exp();
  const discount = r.neg().mul(T).exp();
  const d1 = S.div(K).ln().add(r.sub(q).mul(T)).div(sd).add(sd.div(2));
  const d2 = d1.sub(sd);
  const sign = input.kind === 'call' ? 1 : -1;
  const n1 = new D(normalCdfDecimal(d1.mul(sign), digits + 10));
  const n2 = new D(normalCdfDecimal(d2.mul(sign), digits + 10));
  const price = S.mul(carry).mul(n1).sub(K.mul(discount).mul(n2)).mul(sign);
  return { price: new Decimal(price), delta: new Decimal(carry.mul(n1).mul(sign)) };
}
