import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fiveVenueCandidates,
  scenarioContext,
  scenarioIntent,
} from '../../test-support/fiveVenueScenario.js';
import { HedgeRouterError } from '../errors/HedgeRouterError.js';
import { selectRoute } from './selectRoute.js';

// Issue 15 #3: quotes for 1 to 10^6 wei answered 500 (NaN to BigInt: a swap that buys nothing
// has no revert tolerance, 0/0). Every size is now a plan with finite costs or the router's typed
// NO_ROUTE, whatever the limit.
describe('dust and tiny sizes', () => {
  it('error: 1 wei to 10^12 wei, limit 0 or 1: a plan with finite stages, or NO_ROUTE, never a RangeError', () => {
    const candidates = fiveVenueCandidates();
    const ctx = scenarioContext();
    let planned = 0;
    for (let exponent = 0; exponent <= 12; exponent++) {
      for (const minBuyAmount of [0n, 1n]) {
        const intent = { ...scenarioIntent(1n), sellAmount: 10n ** BigInt(exponent), minBuyAmount };
        try {
          const plan = selectRoute(ctx, { intent, candidates });
          planned++;
          for (const leg of plan.legs)
            assert.ok(leg.quote.expectedBuyAmount > 0n, `${exponent}: a leg that buys nothing`);
          for (const [stage, value] of Object.entries(plan.cost))
            assert.ok(Number.isFinite(value.bps), `10^${exponent} wei: ${stage} bps ${value.bps}`);
        } catch (error) {
          assert.ok(error instanceof HedgeRouterError, `10^${exponent} wei: ${String(error)}`);
          assert.equal(error.code, 'NO_ROUTE');
        }
      }
    }
    assert.ok(planned > 0, 'the larger of these sizes route');
  });
});
