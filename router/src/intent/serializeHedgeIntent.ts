import { z } from 'zod';
import { type HedgeIntent, type HedgeIntentWire, hedgeIntentCodec } from './hedgeIntentSchema.js';

/** The wire form (decimal-string amounts) of an in-code hedge intent; the inverse of parseHedgeIntent. */
export function serializeHedgeIntent(intent: HedgeIntent): HedgeIntentWire {
  return z.encode(hedgeIntentCodec, intent);
}
