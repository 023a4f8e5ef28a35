import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHedgeRouterError } from '@hedge-router/router';
import { ZodError } from 'zod';
import { decisionRecordOf, intentRecordOf } from './rowCodecs.js';
import type { IntentsTable } from './schema.js';

const intentRow = (intentJson: string): IntentsTable => ({
  id: 'intent-7',
  chain_id: 31337,
  vault: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  nonce: '1',
  intent_hash: `0x${'11'.repeat(32)}`,
  intent_json: intentJson,
  signature: `0x${'22'.repeat(65)}`,
  signer: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  status: 'received',
  status_reason: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  locked_by: null,
  locked_until: null,
});

describe('ledger rows that do not decode', () => {
  it('error: a malformed intent is LEDGER_RECORD_INVALID naming the row and field, the zod issue reachable with walk()', () => {
    assert.throws(
      () => intentRecordOf(intentRow(JSON.stringify({ vault: 42 }))),
      (e: unknown) => {
        assert.ok(isHedgeRouterError(e, 'LEDGER_RECORD_INVALID'));
        assert.match(e.message, /^ledger intent intent-7: \w+: /);
        assert.equal(e.details.record, 'intent intent-7');
        assert.ok(e.walk((c) => c instanceof ZodError) instanceof ZodError);
        return true;
      },
    );
  });

  it('error: a row that is not JSON at all is LEDGER_RECORD_INVALID with the parse error as cause', () => {
    assert.throws(
      () => intentRecordOf(intentRow('{"vault": ')),
      (e: unknown) =>
        isHedgeRouterError(e, 'LEDGER_RECORD_INVALID') &&
        e.message.startsWith('ledger intent intent-7: (root): not JSON') &&
        e.cause instanceof SyntaxError,
    );
  });

  it('error: a malformed decision is LEDGER_RECORD_INVALID naming the decision, with its cause', () => {
    assert.throws(
      () =>
        decisionRecordOf({
          id: 3,
          intent_id: 'intent-7',
          created_at: '2026-01-01T00:00:00.000Z',
          context_json: '{}',
          candidates_json: '[]',
          plan_json: 'null',
          failures_json: '[]',
        }),
      (e: unknown) =>
        isHedgeRouterError(e, 'LEDGER_RECORD_INVALID') &&
        e.message.startsWith('ledger decision 3: ') &&
        e.walk((c) => c instanceof ZodError) instanceof ZodError,
    );
  });
});
