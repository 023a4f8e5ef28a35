import type { EngineDeps, EngineLog } from '@hedge-router/solvers';
import type { AppDeps } from '../context/appDeps.js';

/** The engine's deps from the service's: its ledger, chain, venues, defaults, metrics and failpoints. */
export function engineDeps(deps: AppDeps, log: EngineLog): EngineDeps {
  return {
    chain: deps.chain,
    venues: deps.venues,
    ledger: deps.ledger,
    pricing: {
      riskAversionPerUsd: deps.config.DEFAULT_RISK_AVERSION_PER_USD,
      annualVolatility: deps.config.DEFAULT_ANNUAL_VOLATILITY,
    },
    clock: deps.clock,
    log,
    observer: {
      transition: (status) => deps.metrics.intentTransitions.inc({ status }),
      decision: (outcome) => deps.metrics.routeDecisions.inc({ outcome }),
    },
    ...(deps.failpoint ? { failpoint: deps.failpoint } : {}),
  };
}
