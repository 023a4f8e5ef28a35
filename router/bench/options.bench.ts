// Option pricing and implied vol: our BSM and solver side by side with the npm packages
// `black-scholes` 1.1.0 and `implied-volatility` 1.0.0 in the same run and on the same inputs
// (q = 0, which is all those packages support), with each one's accuracy against a
// high-precision reference: BSM evaluated in decimal.js with 50+ significant digits on the
// exact double inputs (src/options/blackScholesDecimal.ts).

import { opsPerSecond, report } from '@hedge-router/tools/bench-harness';
import bs from 'black-scholes';
import { Decimal } from 'decimal.js';
import iv from 'implied-volatility';
import { createWhalleyWilmottPolicy } from '../src/hedge/createWhalleyWilmottPolicy.js';
import { createHedgeDecision, type HedgeState } from '../src/hedge/types.js';
import { blackScholesInto, createOptionGreeks } from '../src/options/blackScholesInto.js';
import { createBook } from '../src/options/createBook.js';
import { impliedVol } from '../src/options/impliedVol.js';
import { priceOption } from '../src/options/priceOption.js';
import { createRng } from '../src/random/createRng.js';
import { blackScholesDecimal, exactDecimal, normalCdfDecimal } from '../test-support/blackScholesDecimal.js';

type Input = {
  kind: 'call' | 'put';
  spot: number;
  strike: number;
  expiry: number;
  rate: number;
  dividendYield: 0;
  vol: number;
};

const SAMPLES = 256;

function sampleInputs(): Input[] {
  const rng = createRng({ seed: 4 });
  const out: Input[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    out.push({
      kind: i % 2 === 0 ? 'call' : 'put',
      spot: 100,
      strike: 70 + 60 * rng.nextFloat(),
      expiry: 0.02 + 1.98 * rng.nextFloat(),
      rate: 0.08 * rng.nextFloat(),
      dividendYield: 0,
      vol: 0.1 + 0.9 * rng.nextFloat(),
    });
  }
  return out;
}

/** The vol that reprices `price` to ~1e-20: three secant steps on the 70-digit BSM from our float solver's answer (far below the errors measured). */
function impliedVolDecimal(input: Input, price: number, start: number): Decimal {
  const target = new Decimal(exactDecimal(price));
  let a = new Decimal(start);
  let b = new Decimal(start).mul(1 + 1e-7);
  let fa = atDecimalVol(input, a, target);
  for (let i = 0; i < 3; i++) {
    const fb = atDecimalVol(input, b, target);
    if (fb.isZero() || fb.eq(fa)) break;
    const next = b.sub(fb.mul(b.sub(a)).div(fb.sub(fa)));
    a = b;
    fa = fb;
    b = next;
  }
  return b;
}

/** BSM(vol) − target with vol itself a Decimal (q = 0). */
function atDecimalVol(input: Input, vol: Decimal, target: Decimal): Decimal {
  const D = Decimal.clone({ precision: 70 });
  const S = new D(exactDecimal(input.spot));
  const K = new D(exactDecimal(input.strike));
  const T = new D(exactDecimal(input.expiry));
  const r = new D(exactDecimal(input.rate));
  const sd = new D(vol).mul(T.sqrt());
  const d1 = S.div(K).ln().add(r.mul(T)).div(sd).add(sd.div(2));
  const d2 = d1.sub(sd);
  const sign = input.kind === 'call' ? 1 : -1;
  const n1 = new D(normalCdfDecimal(d1.mul(sign), 60));
  const n2 = new D(normalCdfDecimal(d2.mul(sign), 60));
  const price = S.mul(n1)
    .sub(K.mul(r.neg().mul(T).exp()).mul(n2))
    .mul(sign);
  return new D(price).sub(target);
}

export default async function optionsBench(): Promise<void> {
  const inputs = sampleInputs();
  const reference = inputs.map((input) => blackScholesDecimal(input, 50).price);
  const referencePrices = reference.map((d) => d.toNumber());

  // --- accuracy of prices (relative to the reference price; absolute for tiny prices) ---
  const priceError = (price: (input: Input) => number) => {
    let worstRelative = 0;
    let worstAbsolute = 0;
    inputs.forEach((input, i) => {
      const got = price(input);
      const absolute = reference[i]!.sub(got).abs().toNumber();
      worstAbsolute = Math.max(worstAbsolute, absolute);
      if (referencePrices[i]! > 1e-3) worstRelative = Math.max(worstRelative, absolute / referencePrices[i]!);
    });
    return { worstRelative, worstAbsolute };
  };
  const ours = priceError((input) => priceOption(input).price);
  const theirs = priceError((input) =>
    bs.blackScholes(input.spot, input.strike, input.expiry, input.vol, input.rate, input.kind),
  );

  // --- accuracy of implied vols: solve the reference price (rounded to double) for the vol ---
  // Only where the price determines the vol to 1e-11: a deep in-the-money option whose time
  // value is below the rounding of its premium (ε·price/vega > 1e-11) has no recoverable vol.
  const identifiable = inputs.map((input, i) => {
    const g = priceOption(input);
    return referencePrices[i]! > 1e-6 && (4 * Number.EPSILON * Math.max(g.price, 1)) / g.vega < 1e-11;
  });
  const volError = (solve: (input: Input, price: number) => number) => {
    let worst = 0;
    let sum = 0;
    let counted = 0;
    inputs.forEach((input, i) => {
      if (!identifiable[i]) return;
      const err = Math.abs(solve(input, referencePrices[i]!) - input.vol);
      worst = Math.max(worst, err);
      sum += err;
      counted++;
    });
    return { worst, mean: sum / counted, counted };
  };
  const oursIv = volError((input, price) => impliedVol({ ...input, price }));
  const theirsIv = volError((input, price) =>
    iv.getImpliedVolatility(price, input.spot, input.strike, input.expiry, input.rate, input.kind),
  );

  // --- quoted premiums: the reference price rounded to the cent, as a venue would quote it.
  // The reference vol of each quote is solved in 50-digit arithmetic: three secant steps on
  // the decimal BSM from our double answer (each step gains far more than 16 digits). ---
  const quoted = inputs
    .map((input, i) => ({ input, price: Math.round(referencePrices[i]! * 100) / 100 }))
    .filter(({ input, price }, i) => identifiable[i] && price > 0.05 && i % 4 === 0 && price < input.spot);
  const quotedVols = quoted.map(({ input, price }) =>
    impliedVolDecimal(input, price, impliedVol({ ...input, price })),
  );
  const quotedError = (solve: (input: Input, price: number) => number) => {
    let worst = 0;
    quoted.forEach(({ input, price }, i) => {
      worst = Math.max(worst, quotedVols[i]!.sub(solve(input, price)).abs().toNumber());
    });
    return worst;
  };
  const oursQuoted = quotedError((input, price) => impliedVol({ ...input, price }));
  const theirsQuoted = quotedError((input, price) =>
    iv.getImpliedVolatility(price, input.spot, input.strike, input.expiry, input.rate, input.kind),
  );

  // --- speed: cycle through the same inputs ---
  let k = 0;
  const next = () => inputs[k++ & (SAMPLES - 1)]!;
  let sink = 0;
  const greeks = createOptionGreeks();
  const pricePublic = opsPerSecond(() => {
    sink += priceOption(next()).delta;
  });
  const priceKernel = opsPerSecond(() => {
    const x = next();
    sink += blackScholesInto(greeks, x.kind === 'call', x.spot, x.strike, x.expiry, x.rate, 0, x.vol).delta;
  });
  const pricePackage = opsPerSecond(() => {
    const x = next();
    sink += bs.blackScholes(x.spot, x.strike, x.expiry, x.vol, x.rate, x.kind);
  });
  const withPrice = inputs
    .map((input, i) => ({ input, price: referencePrices[i]! }))
    .filter((x) => x.price > 1e-6);
  let j = 0;
  const nextPriced = () => withPrice[j++ % withPrice.length]!;
  const ivOurs = opsPerSecond(() => {
    const { input, price } = nextPriced();
    sink += impliedVol({ ...input, price });
  });
  const ivPackage = opsPerSecond(
    () => {
      const { input, price } = nextPriced();
      sink += iv.getImpliedVolatility(price, input.spot, input.strike, input.expiry, input.rate, input.kind);
    },
    { minTimeMs: 1000, warmupMs: 200 },
  );

  // --- the backtester's hot path: one policy decision on a one-option book ---
  const book = createBook({ positions: [{ kind: 'call', strike: 100, expiry: 0.25, quantity: -1 }] });
  const policy = createWhalleyWilmottPolicy({ book, riskAversion: 1, oneWayCost: 0.001 });
  const state: HedgeState = {
    spot: 100,
    hedge: 0.5,
    timeYears: 0,
    lastRebalanceYears: 0,
    vol: 0.5,
    forecastVol: 0.5,
    rate: 0.02,
    dividendYield: 0,
    costPerUnit: 0,
  };
  const decision = createHedgeDecision();
  let step = 0;
  const decide = opsPerSecond(() => {
    state.spot = 90 + (step++ & 31);
    sink += policy.decide(state, decision).target;
  });
  const rng = createRng({ seed: 1 });
  const normals = opsPerSecond(() => {
    sink += rng.nextNormal();
  });

  if (Number.isNaN(sink)) console.log('unexpected NaN');
  const fmt = (x: number) => Number(x.toPrecision(3));
  report('options', [
    {
      task: 'price + Greeks',
      implementation: 'priceOption (validated, 6 outputs)',
      opsPerSec: Math.round(pricePublic),
      worstRelativeError: fmt(ours.worstRelative),
      worstAbsoluteError: fmt(ours.worstAbsolute),
    },
    {
      task: 'price + Greeks',
      implementation: 'blackScholesInto (kernel, no allocation)',
      opsPerSec: Math.round(priceKernel),
      worstRelativeError: fmt(ours.worstRelative),
      worstAbsoluteError: fmt(ours.worstAbsolute),
    },
    {
      task: 'price only',
      implementation: 'npm black-scholes 1.1.0',
      opsPerSec: Math.round(pricePackage),
      worstRelativeError: fmt(theirs.worstRelative),
      worstAbsoluteError: fmt(theirs.worstAbsolute),
    },
    {
      task: 'implied vol',
      implementation: 'impliedVol (Householder on normalised Black)',
      opsPerSec: Math.round(ivOurs),
      worstVolError: fmt(oursIv.worst),
      meanVolError: fmt(oursIv.mean),
      worstVolErrorCentQuotes: fmt(oursQuoted),
    },
    {
      task: 'implied vol',
      implementation: 'npm implied-volatility 1.0.0',
      opsPerSec: Math.round(ivPackage),
      worstVolError: fmt(theirsIv.worst),
      meanVolError: fmt(theirsIv.mean),
      worstVolErrorCentQuotes: fmt(theirsQuoted),
    },
    {
      task: 'hedge decision',
      implementation: 'Whalley-Wilmott decide(), 1-option book',
      opsPerSec: Math.round(decide),
    },
    {
      task: 'normal deviate',
      implementation: 'createRng nextNormal (ziggurat)',
      opsPerSec: Math.round(normals),
    },
  ]);
  console.log(`cent-rounded quotes: ${quoted.length} of the options, premium > $0.05`);
  console.log(
    `accuracy over ${SAMPLES} options (S = 100, K 70-130, T 0.02-2 y, σ 10-100%, r 0-8%, q = 0); implied vols over the ${oursIv.counted} whose price determines the vol to 1e-11`,
  );
}
