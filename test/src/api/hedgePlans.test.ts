import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { whalleyWilmottHalfWidth } from '@hedge-router/router';
import { startWorld, type World } from '@hedge-router/simulations';
import { type ApiHarness, startApi } from './apiFixture.js';

// The adaptive policy's band is the Whalley-Wilmott half-width at the live cost per unit c:
// H = (3 e^(−rτ) c Γ² / (2γ))^(1/3); with rate 0 and one position, τ is its expiry.
const riskAversion = 0.001;
const expiry = 0.1;
const expectedHalfWidth = (bookGamma: number, spot: number, costPerUnitUsd: number) =>
  whalleyWilmottHalfWidth(bookGamma, spot, costPerUnitUsd / spot, riskAversion, 0, expiry);

describe('POST /v1/hedge-plans: the adaptive band always has a cost', () => {
  let world: World;
  let api: ApiHarness;

  before(async () => {
    world = await startWorld({
      descriptorPath: join(mkdtempSync(join(tmpdir(), 'hedge-plans-')), 'world.json'),
    });
    api = await startApi(world);
  });
  after(async () => {
    await api?.close();
    await world?.stop();
  });

  const plan = (extra: Record<string, unknown>) =>
    api.app.inject({
      method: 'POST',
      url: '/v1/hedge-plans',
      payload: {
        vault: world.accounts.vault.address,
        book: [{ kind: 'call', strike: 3000, expiry, quantity: -100 }],
        spot: 3000,
        hedge: 0,
        vol: 0.6,
        policy: { policy: 'adaptive', riskAversion },
        ...extra,
      },
    });

  it('error: adaptive without a quote and without costPerUnitUsd is a 400 naming the field', async () => {
    const res = await plan({ quote: false });
    assert.equal(res.statusCode, 400, res.body);
    const body = res.json();
    assert.equal(body.error, 'INVALID_INPUT');
    assert.ok(
      body.fields.some((f: { field: string }) => f.field === 'costPerUnitUsd'),
      body.message,
    );
    assert.match(body.message, /costPerUnitUsd/);
  });

  it('error: a trade no token amount can hold (a huge book, with quote: true) is a 422 naming the quote, not a 500', async () => {
    // Issue 15 #3: parseUnits of "1e+300" answered 500.
    const res = await api.app.inject({
      method: 'POST',
      url: '/v1/hedge-plans',
      payload: {
        vault: world.accounts.vault.address,
        book: [{ kind: 'call', strike: 3000, expiry, quantity: -1e300 }],
        spot: 3000,
        hedge: 0,
        vol: 0.6,
        policy: { policy: 'interval', intervalYears: 0 },
        quote: true,
      },
    });
    assert.ok(res.statusCode < 500, res.body);
    if (res.statusCode !== 200) assert.match(res.json().message, /cannot be quoted|quote|book/);
  });

  it('error: a negative costPerUnitUsd is refused', async () => {
    const res = await plan({ quote: false, costPerUnitUsd: -1 });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.json().message, /costPerUnitUsd/);
  });

  it('behavior: adaptive without a quote uses the given costPerUnitUsd for the band', async () => {
    const res = await plan({ quote: false, costPerUnitUsd: 1.5, hedge: 40 });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.quote, null);
    assert.equal(body.costPerUnitUsd, null);
    assert.equal(body.bandCostPerUnitUsd, 1.5);
    const halfWidth = (body.plan.band.upper - body.plan.band.lower) / 2;
    const expected = expectedHalfWidth(body.plan.bookGamma, 3000, 1.5);
    assert.ok(halfWidth > 0.1, `a real band, not zero-width: ${halfWidth}`);
    assert.ok(Math.abs(halfWidth - expected) < 1e-9 * expected, `${halfWidth} vs ${expected}`);
    // A costlier venue widens the band as c^(1/3).
    const costly = (await plan({ quote: false, costPerUnitUsd: 12, hedge: 40 })).json();
    const wider = (costly.plan.band.upper - costly.plan.band.lower) / 2;
    assert.ok(Math.abs(wider / halfWidth - 2) < 1e-9, `${wider} / ${halfWidth}`);
  });

  it('behavior: with a quote, the live cost per unit sets the band and is reported', async () => {
    const res = await plan({});
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.ok(body.quote?.best, 'the trade is quoted');
    assert.ok(body.costPerUnitUsd > 0);
    assert.equal(body.bandCostPerUnitUsd, body.costPerUnitUsd);
    const halfWidth = (body.plan.band.upper - body.plan.band.lower) / 2;
    const expected = expectedHalfWidth(body.plan.bookGamma, 3000, body.costPerUnitUsd);
    assert.ok(
      halfWidth > 0 && Math.abs(halfWidth - expected) < 1e-9 * expected,
      `${halfWidth} vs ${expected}`,
    );
  });

  it('behavior: the textbook policies need no costPerUnitUsd without a quote', async () => {
    const res = await plan({
      quote: false,
      policy: { policy: 'whalley-wilmott', riskAversion, oneWayCost: 0.0005 },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.ok(body.plan.band.upper > body.plan.band.lower);
    assert.equal(body.bandCostPerUnitUsd, null);
  });
});
