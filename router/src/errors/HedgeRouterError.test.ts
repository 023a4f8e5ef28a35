import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  domainErrorCodes,
  type ErrorCode,
  errorCodes,
  operatorErrorCodes,
  serviceErrorCodes,
  simulationErrorCodes,
  venueErrorCodes,
} from './codes.js';
import { errorStatus } from './errorStatus.js';
import { HedgeRouterError, isHedgeRouterError } from './HedgeRouterError.js';

describe('error codes', () => {
  it('behavior: every code has exactly one HTTP status, and no status is given to a code not in the list', () => {
    assert.deepEqual(Object.keys(errorStatus).sort(), [...errorCodes].sort());
    for (const code of errorCodes) {
      const status = errorStatus[code];
      assert.ok(Number.isInteger(status) && status >= 400 && status < 600, `${code}: ${status}`);
    }
  });

  it('error: a status map that misses a code does not compile (checked by the typecheck)', () => {
    const { FIT_FAILED: _dropped, ...rest } = errorStatus;
    // @ts-expect-error: FIT_FAILED has no status, so this is not a Record<ErrorCode, number>
    const incomplete: Record<ErrorCode, number> = rest;
    assert.equal(Object.keys(incomplete).length, errorCodes.length - 1);
  });

  it('behavior: the groups do not overlap and make up the whole list', () => {
    const groups = [
      domainErrorCodes,
      serviceErrorCodes,
      venueErrorCodes,
      operatorErrorCodes,
      simulationErrorCodes,
    ];
    const all = groups.flat();
    assert.equal(new Set(all).size, all.length);
    assert.deepEqual([...all].sort(), [...errorCodes].sort());
  });

  it('behavior: codes about the caller are 4xx; the venue, chain, configuration, ledger and world codes 500', () => {
    for (const code of domainErrorCodes) assert.ok(errorStatus[code] < 500, code);
    for (const code of serviceErrorCodes)
      assert.ok(code === 'UNAVAILABLE' ? errorStatus[code] === 503 : errorStatus[code] < 500, code);
    for (const code of [...venueErrorCodes, ...operatorErrorCodes, ...simulationErrorCodes])
      assert.equal(errorStatus[code], 500, code);
  });
});

describe('HedgeRouterError', () => {
  it('behavior: the message names the field; code, shortMessage, details and field are kept', () => {
    const error = new HedgeRouterError('INVALID_INPUT', {
      field: 'intent.sellAmount',
      shortMessage: 'must be positive',
      details: { got: '0' },
    });
    assert.equal(error.message, 'intent.sellAmount: must be positive');
    assert.equal(error.shortMessage, 'must be positive');
    assert.equal(error.field, 'intent.sellAmount');
    assert.deepEqual(error.details, { got: '0' });
    assert.ok(isHedgeRouterError(error, 'INVALID_INPUT'));
    assert.ok(!isHedgeRouterError(error, 'NO_ROUTE'));
    assert.ok(!isHedgeRouterError(new Error('plain')));
  });

  it('behavior: walk() reaches a wrapped cause through several layers, and the root without a predicate', () => {
    const root = new TypeError('fetch failed');
    const upstream = new HedgeRouterError('UPSTREAM_FAILED', {
      shortMessage: 'relay did not answer',
      cause: root,
    });
    const refused = new HedgeRouterError('VENUE_REFUSED', { shortMessage: 'leg refused', cause: upstream });
    assert.equal(refused.cause, upstream);
    assert.equal(refused.walk(), root);
    assert.equal(
      refused.walk((e) => e instanceof TypeError),
      root,
    );
    assert.equal(
      refused.walk((e) => isHedgeRouterError(e, 'UPSTREAM_FAILED')),
      upstream,
    );
    assert.equal(
      refused.walk((e) => isHedgeRouterError(e, 'CONFIG_INVALID')),
      undefined,
    );
    // Without a cause, the error is its own root.
    const alone = new HedgeRouterError('NO_ROUTE', { shortMessage: 'no route' });
    assert.equal(alone.walk(), alone);
    assert.ok(!Object.hasOwn(alone, 'cause'));
  });

  it('behavior: a subclass is a HedgeRouterError with its own name', () => {
    class VenueTimeout extends HedgeRouterError {
      override readonly name = 'VenueTimeout';
    }
    const error = new VenueTimeout('UPSTREAM_FAILED', { shortMessage: 'timed out after 200 ms' });
    assert.ok(error instanceof HedgeRouterError);
    assert.ok(isHedgeRouterError(error, 'UPSTREAM_FAILED'));
    assert.equal(error.name, 'VenueTimeout');
    assert.equal(error.message, 'timed out after 200 ms');
  });
});
