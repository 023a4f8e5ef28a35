import { HedgeRouterError } from '@hedge-router/router';
import type { z } from 'zod';
import { type Scenario, scenarioSchema } from './scenarioSchema.js';

/** `book[0].strike`-style name of a zod issue path. */
export function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(root)';
}

/** One line per issue: `field: reason`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${fieldName(issue.path)}: ${issue.message}`);
}

/**
 * Validates a backtest scenario (parsed JSON) and fills the defaults. Throws INVALID_INPUT whose
 * `field` names the first bad field (e.g. `market.vol`) and whose message lists every issue as
 * `field: reason`; `details.issues` carries them all.
 */
export function parseScenario(input: unknown): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = describeIssues(result.error.issues);
  const first = result.error.issues[0];
  throw new HedgeRouterError('INVALID_INPUT', {
    shortMessage: `invalid scenario: ${lines.join('; ')}`,
    ...(first ? { field: fieldName(first.path) } : {}),
    details: { issues: lines },
  });
}
