import { z } from 'zod';
import { HedgeRouterError } from '../errors/index.js';
import { type HedgeIntent, hedgeIntentCodec } from './hedgeIntentSchema.js';

/**
 * Decodes and validates a wire-form hedge intent (JSON with decimal-string amounts) into its
 * in-code form. Throws INVALID_INPUT whose `field` names the first bad field (e.g.
 * `intent.sellAmount`) and whose details list every issue.
 */
export function parseHedgeIntent(wire: unknown): HedgeIntent {
  const result = z.safeDecode(hedgeIntentCodec, wire as never);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: ['intent', ...issue.path].join('.'),
    message: issue.message,
  }));
  const first = issues[0]!;
  throw new HedgeRouterError('INVALID_INPUT', {
    field: first.field,
    shortMessage: first.message,
    details: { issues },
    cause: result.error,
  });
}
