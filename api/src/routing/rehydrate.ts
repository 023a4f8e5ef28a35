import type { RouteLeg } from '@hedge-router/router';

// Fields of a RouteLeg that are bigints in code and decimal strings in the ledger's JSON.
const BIGINT_KEYS = new Set([
  'sellAmount',
  'expectedBuyAmount',
  'minBuyAmount',
  'feesInBuy',
  'gasUnits',
  'mevLeakageInBuy',
  'amount',
]);

/** A RouteLeg back from the ledger's JSON (bigints were stored as decimal strings). */
export function legFromJson(json: string): RouteLeg {
  return JSON.parse(json, (key, value) =>
    BIGINT_KEYS.has(key) && typeof value === 'string' && /^-?\d+$/.test(value) ? BigInt(value) : value,
  ) as RouteLeg;
}
