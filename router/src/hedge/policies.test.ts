import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testHedgeState } from '../../test-support/testHedgeState.js';
import { createBook } from '../options/createBook.js';
import { priceOption } from '../options/priceOption.js';
import { DAYS_PER_YEAR } from '../units/time.js';
import { createAdaptivePolicy } from './createAdaptivePolicy.js';
import { createBandPolicy } from './createBandPolicy.js';
import { createHedgePolicy } from './createHedgePolicy.js';
import { createLelandPolicy } from './createLelandPolicy.js';
import { createZakamoulinePolicy } from './createZakamoulinePolicy.js';
import { hedgePolicyConfigSchema } from './hedgePolicyConfigSchema.js';
import { lelandVol } from './lelandVol.js';
import { planHedge } from './planHedge.js';
import { createHedgeDecision, HedgeReason } from './types.js';
import { zakamoulineBand } from './zakamoulineBand.js';

const shortCall = createBook({ positions: [{ kind: 'call', strike: 100, expiry: 0.25, quantity: -10 }] });
const callDelta = (vol: number, spot = 100) =>
  priceOption({ kind: 'call', spot, strike: 100, expiry: 0.25, rate: 0, dividendYield: 0, vol }).delta;

describe('createBandPolicy', () => {
  it('behavior: holds inside the band, trades to the nearest edge or to the centre outside', () => {
    const centre = 10 * callDelta(0.5);
    const edge = createBandPolicy({ book: shortCall, halfWidth: 0.5 });
    const toCentre = createBandPolicy({ book: shortCall, halfWidth: 0.5, tradeTo: 'centre' });
    const out = createHedgeDecision();
    edge.decide(testHedgeState({ hedge: centre + 0.3 }), out);
    assert.equal(out.reason, HedgeReason.insideBand);
    assert.equal(out.trade, 0);
    edge.decide(testHedgeState({ hedge: centre + 2 }), out);
    assert.equal(out.reason, HedgeReason.toEdge);
    assert.ok(Math.abs(out.target - (centre + 0.5)) < 1e-12);
    edge.decide(testHedgeState({ hedge: centre - 2 }), out);
    assert.ok(Math.abs(out.target - (centre - 0.5)) < 1e-12);
    toCentre.decide(testHedgeState({ hedge: centre - 2 }), out);
    assert.equal(out.reason, HedgeReason.toCentre);
    assert.ok(Math.abs(out.target - centre) < 1e-12);
  });

  it('behavior: an expired book unwinds the hedge', () => {
    const policy = createBandPolicy({ book: shortCall, halfWidth: 0.5 });
    const out = policy.decide(testHedgeState({ hedge: 3, timeYears: 0.3 }), createHedgeDecision());
    assert.equal(out.centre, 0);
    assert.equal(out.target, 0.5);
  });
});

describe('lelandVol and createLelandPolicy', () => {
  it('behavior: σ_adj² = σ²(1 ± Le), Le = √(2/π)·k/(σ√δt), k the round trip (REFERENCES.md)', () => {
    const le = (Math.sqrt(2 / Math.PI) * 0.002) / (0.2 * Math.sqrt(1 / 252));
    assert.ok(
      Math.abs(
        lelandVol({ vol: 0.2, oneWayCost: 0.001, intervalYears: 1 / 252, side: 'short' }) -
          0.2 * Math.sqrt(1 + le),
      ) < 1e-15,
    );
    assert.ok(
      Math.abs(
        lelandVol({ vol: 0.2, oneWayCost: 0.001, intervalYears: 1 / 252, side: 'long' }) -
          0.2 * Math.sqrt(1 - le),
      ) < 1e-15,
    );
    assert.equal(lelandVol({ vol: 0.2, oneWayCost: 0.05, intervalYears: 1 / 252, side: 'long' }), 0);
  });

  it('behavior: the short book hedges at the widened vol', () => {
    const policy = createLelandPolicy({ book: shortCall, intervalYears: 1 / 52, oneWayCost: 0.002 });
    const out = policy.decide(testHedgeState({ spot: 110 }), createHedgeDecision());
    const adjusted = lelandVol({ vol: 0.5, oneWayCost: 0.002, intervalYears: 1 / 52, side: 'short' });
    assert.ok(adjusted > 0.5);
    assert.ok(Math.abs(out.target - 10 * callDelta(adjusted, 110)) < 1e-12);
    assert.equal(out.reason, HedgeReason.scheduled);
  });
});

describe('zakamoulineBand and createZakamoulinePolicy', () => {
  it('behavior: matches the fitted formulas (REFERENCES.md) term by term', () => {
    const [gamma, spot, vol, cost, ra, rate, tau] = [-0.3, 100, 0.5, 0.002, 0.1, 0.01, 0.25] as const;
    const scale = (Math.exp(-rate * tau) / vol) ** 0.25;
    const h0 = cost / (ra * spot * vol * vol * tau);
    const h1 = 1.12 * cost ** 0.31 * tau ** 0.05 * scale * (Math.abs(gamma) / ra) ** 0.5;
    const k = -4.76 * cost ** 0.78 * tau ** -0.02 * scale * (ra * spot * spot * Math.abs(gamma)) ** 0.15;
    const band = zakamoulineBand({
      gamma,
      spot,
      vol,
      oneWayCost: cost,
      riskAversion: ra,
      rate,
      timeToExpiry: tau,
    });
    assert.ok(Math.abs(band.halfWidth - (h0 + h1)) < 1e-14);
    assert.ok(Math.abs(band.adjustedVol - vol * Math.sqrt(1 - k)) < 1e-14);
    // Short gamma widens the hedging vol (K < 0), long gamma narrows it.
    assert.ok(band.adjustedVol > vol);
    assert.ok(
      zakamoulineBand({ gamma: 0.3, spot, vol, oneWayCost: cost, riskAversion: ra, rate, timeToExpiry: tau })
        .adjustedVol < vol,
    );
  });

  it('behavior: the policy centres on the delta at the adjusted vol', () => {
    const policy = createZakamoulinePolicy({ book: shortCall, riskAversion: 0.1, oneWayCost: 0.002 });
    const out = policy.decide(testHedgeState({ spot: 95 }), createHedgeDecision());
    const gamma =
      -10 *
      priceOption({ kind: 'call', spot: 95, strike: 100, expiry: 0.25, rate: 0, dividendYield: 0, vol: 0.5 })
        .gamma;
    const band = zakamoulineBand({
      gamma,
      spot: 95,
      vol: 0.5,
      oneWayCost: 0.002,
      riskAversion: 0.1,
      rate: 0,
      timeToExpiry: 0.25,
    });
    assert.ok(Math.abs(out.centre - 10 * callDelta(band.adjustedVol, 95)) < 1e-12);
    assert.ok(Math.abs(out.upper - out.lower - 2 * band.halfWidth) < 1e-12);
  });
});

describe('createAdaptivePolicy', () => {
  it('behavior: a cheaper live cost narrows the band as c^(1/3); the forecast vol moves it through gamma', () => {
    const policy = createAdaptivePolicy({ book: shortCall, riskAversion: 0.05 });
    const out = createHedgeDecision();
    const width = (costPerUnit: number, forecastVol = 0.5) => {
      policy.decide(testHedgeState({ costPerUnit, forecastVol }), out);
      return out.upper - out.lower;
    };
    const costly = width(0.4);
    const cheap = width(0.05);
    assert.ok(Math.abs(cheap / costly - 0.5) < 1e-12, `${cheap} vs ${costly}`);
    // At the money gamma falls as vol rises: a higher forecast gives a narrower band here.
    assert.ok(width(0.4, 1) < costly);
    // The centre stays at the hedging vol's delta whatever the forecast.
    policy.decide(testHedgeState({ costPerUnit: 0.4, forecastVol: 1 }), out);
    assert.ok(Math.abs(out.centre - 10 * callDelta(0.5)) < 1e-12);
  });

  it('behavior: the forecast vol moves the width as |Γ_f|^(2/3): narrower near the money, wider in the wing', () => {
    const policy = createAdaptivePolicy({ book: shortCall, riskAversion: 0.05 });
    const out = createHedgeDecision();
    const width = (spot: number, forecastVol: number) => {
      policy.decide(testHedgeState({ spot, costPerUnit: 0.4, vol: 0.5, forecastVol }), out);
      return out.upper - out.lower;
    };
    const gamma = (spot: number, vol: number) =>
      priceOption({ kind: 'call', spot, strike: 100, expiry: 0.25, rate: 0, dividendYield: 0, vol }).gamma;
    // Near the money (d1·d2 < 1): gamma falls as vol rises, so the band narrows.
    const ratioAtm = width(100, 0.8) / width(100, 0.4);
    assert.ok(ratioAtm < 1, `${ratioAtm}`);
    assert.ok(Math.abs(ratioAtm - (gamma(100, 0.8) / gamma(100, 0.4)) ** (2 / 3)) < 1e-12, `${ratioAtm}`);
    // Far out of the money (spot 60, σ 20%: d1·d2 ≈ 26 > 1): gamma rises with vol, so it widens.
    const ratioWing = width(60, 0.3) / width(60, 0.2);
    assert.ok(ratioWing > 1, `${ratioWing}`);
    assert.ok(Math.abs(ratioWing - (gamma(60, 0.3) / gamma(60, 0.2)) ** (2 / 3)) < 1e-9, `${ratioWing}`);
  });

  it('behavior: the half-width is clamped to [min, max]', () => {
    const policy = createAdaptivePolicy({
      book: shortCall,
      riskAversion: 0.05,
      minHalfWidth: 0.2,
      maxHalfWidth: 0.3,
    });
    const out = createHedgeDecision();
    policy.decide(testHedgeState({ costPerUnit: 0 }), out);
    assert.ok(Math.abs(out.upper - out.lower - 0.4) < 1e-12);
    policy.decide(testHedgeState({ costPerUnit: 100 }), out);
    assert.ok(Math.abs(out.upper - out.lower - 0.6) < 1e-12);
  });

  it('error: maxHalfWidth below minHalfWidth', () => {
    assert.throws(
      () => createAdaptivePolicy({ book: shortCall, riskAversion: 1, minHalfWidth: 1, maxHalfWidth: 0.5 }),
      {
        code: 'INVALID_INPUT',
        field: 'maxHalfWidth',
      },
    );
  });
});

describe('hedgePolicyConfigSchema and createHedgePolicy', () => {
  it('behavior: every policy kind parses and builds', () => {
    const configs = [
      { policy: 'interval', intervalYears: 0 },
      { policy: 'band', halfWidth: 0.1, tradeTo: 'centre' },
      { policy: 'whalley-wilmott', riskAversion: 1, oneWayCost: 0.001 },
      { policy: 'zakamouline', riskAversion: 1, oneWayCost: 0.001 },
      { policy: 'leland', intervalYears: 1 / DAYS_PER_YEAR, oneWayCost: 0.001 },
      { policy: 'adaptive', riskAversion: 1, maxHalfWidth: 2 },
    ];
    for (const raw of configs) {
      const config = hedgePolicyConfigSchema.parse(raw);
      const policy = createHedgePolicy({ book: shortCall, config });
      assert.equal(policy.kind, raw.policy);
      const out = policy.decide(testHedgeState({ costPerUnit: 0.1 }), createHedgeDecision());
      assert.ok(Number.isFinite(out.target) && Number.isFinite(out.lower) && Number.isFinite(out.upper));
    }
  });

  it('error: a bad config names the field', () => {
    const result = hedgePolicyConfigSchema.safeParse({
      policy: 'whalley-wilmott',
      riskAversion: -1,
      oneWayCost: 0.001,
    });
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues[0]?.path, ['riskAversion']);
    assert.equal(hedgePolicyConfigSchema.safeParse({ policy: 'martingale' }).success, false);
  });
});

describe('planHedge', () => {
  it('behavior: explains the decision in words with the numbers', () => {
    const policy = createBandPolicy({ book: shortCall, halfWidth: 0.5 });
    const plan = planHedge({
      policy,
      state: { spot: 100, hedge: 0, timeYears: 0, vol: 0.5, rate: 0, dividendYield: 0 },
    });
    assert.equal(plan.side, 'buy');
    assert.equal(plan.policy, 'band');
    assert.ok(Math.abs(plan.targetHedge - plan.band.lower) < 1e-12);
    assert.ok(Math.abs(plan.netDeltaAfter - -0.5) < 1e-12);
    // Book delta −10 × 0.549738 (S = K, σ = 50%, 3 months): centre 5.49738, band ±0.5.
    assert.equal(
      plan.reason,
      'hedge 0 is below the band [4.99738, 5.99738]: buy 4.99738 to its nearest edge 4.99738',
    );
    const hold = planHedge({
      policy,
      state: { spot: 100, hedge: plan.targetHedge, timeYears: 0, vol: 0.5, rate: 0, dividendYield: 0 },
    });
    assert.equal(hold.side, 'hold');
    assert.match(hold.reason, /inside the no-trade band/);
  });

  it('error: validates the state and names the field', () => {
    const policy = createBandPolicy({ book: shortCall, halfWidth: 0.5 });
    const state = { spot: 100, hedge: 0, timeYears: 0, vol: 0.5, rate: 0, dividendYield: 0 };
    assert.throws(() => planHedge({ policy, state: { ...state, spot: 0 } }), {
      code: 'INVALID_INPUT',
      field: 'state.spot',
    });
    assert.throws(() => planHedge({ policy, state: { ...state, hedge: Number.NaN } }), {
      code: 'NON_FINITE_INPUT',
      field: 'state.hedge',
    });
    assert.throws(() => planHedge({ policy, state: { ...state, lastRebalanceYears: Number.NaN } }), {
      code: 'NON_FINITE_INPUT',
      field: 'state.lastRebalanceYears',
    });
  });
});
