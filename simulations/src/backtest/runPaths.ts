import type { BacktestContext } from './backtestContext.js';
import { createPathResults, type PathResults } from './pathResults.js';
import { fastPolicyOf, runPathsFast } from './runPathsFast.js';
import { runPathsGeneric } from './runPathsGeneric.js';

/** Which loop a context runs on: 'fast' (one option; interval, band, Whalley-Wilmott) or 'generic'. */
export function engineOf(ctx: BacktestContext): 'fast' | 'generic' {
  return fastPolicyOf(ctx) ? 'fast' : 'generic';
}

/** Runs paths from..from+count−1 on the context's loop; `engine` forces one (tests compare them). */
export function runPaths(
  ctx: BacktestContext,
  from: number,
  count: number,
  engine: 'fast' | 'generic' = engineOf(ctx),
): PathResults {
  const out = createPathResults(count);
  if (engine === 'fast') runPathsFast(ctx, from, out);
  else runPathsGeneric(ctx, from, out);
  return out;
}
