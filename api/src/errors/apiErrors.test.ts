import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  domainErrorCodes,
  errorStatus,
  HedgeRouterError,
  isHedgeRouterError,
  serviceErrorCodes,
} from '@hedge-router/router';
import { fromWireError, toWireError } from '../quotes/quoteWorkerProtocol.js';
import { ApiError, errorAnswer } from './apiErrors.js';

// The statuses the service answered with before ApiError joined HedgeRouterError (its own table
// and the router codes' table): an answer's status must not move.
const previousApiStatus = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;
const previousRouterStatus = {
  INVALID_INPUT: 400,
  INTENT_EXPIRED: 422,
  INTENT_LIMIT_UNREACHABLE: 422,
  POOL_MATH_OVERFLOW: 422,
  INSUFFICIENT_LIQUIDITY: 422,
  PRICE_LIMIT_OUT_OF_RANGE: 422,
  NO_ROUTE: 422,
  PRICE_OUTSIDE_NO_ARBITRAGE_BOUNDS: 422,
  NON_FINITE_INPUT: 400,
  FIT_FAILED: 422,
  // new since: the vault cannot pay what the intent sells (issue 15 #2)
  INTENT_FUNDS_SHORT: 422,
} as const;

/** How the handler answered an ApiError before (its own branch): `field: message`, the field's reason. */
function previousApiErrorAnswer(code: keyof typeof previousApiStatus, message: string, field?: string) {
  return {
    status: previousApiStatus[code],
    body: {
      error: code,
      message: field ? `${field}: ${message}` : message,
      ...(field ? { fields: [{ field, reason: message }] } : {}),
    },
  };
}

describe('ApiError', () => {
  it('behavior: is a HedgeRouterError with a service code, the same status and the raw message as shortMessage', () => {
    const error = new ApiError('NOT_FOUND', 'no such intent', 'id');
    assert.ok(error instanceof HedgeRouterError);
    assert.ok(isHedgeRouterError(error, 'NOT_FOUND'));
    assert.equal(error.name, 'ApiError');
    assert.equal(error.status, 404);
    assert.equal(error.shortMessage, 'no such intent');
    assert.equal(error.field, 'id');
  });

  it('behavior: every service code answers with the status it had before', () => {
    assert.deepEqual([...serviceErrorCodes].sort(), Object.keys(previousApiStatus).sort());
    for (const code of serviceErrorCodes) {
      assert.equal(new ApiError(code, 'x').status, previousApiStatus[code], code);
      assert.equal(errorStatus[code], previousApiStatus[code], code);
    }
    for (const code of domainErrorCodes) assert.equal(errorStatus[code], previousRouterStatus[code], code);
  });

  it('behavior: answered byte for byte as before, with and without a field, also after crossing a quote worker', () => {
    const cases: [keyof typeof previousApiStatus, string, string | undefined][] = [
      ['NOT_FOUND', 'no such intent', 'id'],
      ['UNAUTHORIZED', 'the signature does not recover to an address', 'signature'],
      ['CONFLICT', 'the intent is filled: it can no longer be cancelled', 'id'],
      ['UNPROCESSABLE', 'unknown token on this chain', 'intent.sellToken'],
      ['UNAVAILABLE', 'the quote workers are stopping', undefined],
      ['UNAVAILABLE', 'quote worker exited (code 1); retry', undefined],
    ];
    for (const [code, message, field] of cases) {
      const previous = previousApiErrorAnswer(code, message, field);
      for (const error of [
        new ApiError(code, message, field),
        fromWireError(toWireError(new ApiError(code, message, field))),
      ]) {
        const answer = errorAnswer(error);
        assert.equal(answer.status, previous.status);
        assert.equal(JSON.stringify(answer.body), JSON.stringify(previous.body));
        assert.equal(answer.internal, false);
      }
    }
  });

  it('behavior: a router error is answered as before: its code, its message, the field with the short reason', () => {
    const error = new HedgeRouterError('INVALID_INPUT', {
      field: 'intent.sellAmount',
      shortMessage: 'must be positive',
    });
    const answer = errorAnswer(error);
    assert.equal(answer.status, 400);
    assert.equal(
      JSON.stringify(answer.body),
      '{"error":"INVALID_INPUT","message":"intent.sellAmount: must be positive","fields":[{"field":"intent.sellAmount","reason":"must be positive"}]}',
    );
    assert.deepEqual(errorAnswer(new HedgeRouterError('NO_ROUTE', { shortMessage: 'no venue can fill' })), {
      status: 422,
      body: { error: 'NO_ROUTE', message: 'no venue can fill' },
      internal: false,
    });
  });

  it('error: a 500 code, an unknown error and a thrown non-error are INTERNAL, saying nothing internal', () => {
    const relayUrl = 'https://relay.example/key-0123456789';
    const internals = [
      new HedgeRouterError('UPSTREAM_FAILED', {
        shortMessage: `relay ${relayUrl} did not answer`,
        cause: new Error('socket hang up'),
      }),
      new HedgeRouterError('LEDGER_RECORD_INVALID', { shortMessage: 'ledger intent 7: amount: invalid' }),
      new HedgeRouterError('CONFIG_INVALID', { field: 'OPERATOR_PRIVATE_KEY', shortMessage: 'required' }),
      new Error(`connect ECONNREFUSED ${relayUrl}`),
      'a string',
      undefined,
    ];
    for (const error of internals) {
      const answer = errorAnswer(error);
      assert.deepEqual(answer, {
        status: 500,
        body: { error: 'INTERNAL', message: 'internal error' },
        internal: true,
      });
    }
  });

  it("behavior: fastify's own 4xx keep their status and code", () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    assert.deepEqual(errorAnswer(tooLarge), {
      status: 413,
      body: { error: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'Request body is too large' },
      internal: false,
    });
    const bare = Object.assign(new Error('Bad Request'), { statusCode: 400 });
    assert.deepEqual(errorAnswer(bare).body, { error: 'BAD_REQUEST', message: 'Bad Request' });
  });
});
