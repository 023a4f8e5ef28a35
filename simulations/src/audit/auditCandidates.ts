import { ammRouteCandidate, type RouteCandidate, timingFromAttempts } from '@hedge-router/router';
import type { AuditRecord } from './auditRecordSchema.js';

// The venues' own constants (solvers/src/venues/*): swap gas, per tick, searcher gas per leg.
const SWAP_GAS_UNITS = 125_000n;
const GAS_PER_TICK_CROSSED = 20_000n;
const SEARCHER_GAS_PER_LEG = 100_000n;

/**
 * The candidates the router had at a recorded state, rebuilt the way the venues build them: per
 * pool of the pair, a protected public swap (next block, sandwich-proof bound where feasible)
 * and a private bundle (per-block inclusion over 3 blocks). Ids follow the venues'
 * `<venue>:<chainId>:<pool>` form (`<venue>:<pool>` when the record names no chain) so chosen
 * legs match their rebuilt candidate.
 */
export function auditCandidates(record: AuditRecord): RouteCandidate[] {
  const { intent, market } = record;
  const out: RouteCandidate[] = [];
  const block = market.blockSeconds;
  const idOf = (venue: string, pool: string) =>
    market.chainId === undefined ? `${venue}:${pool}` : `${venue}:${market.chainId}:${pool}`;
  for (const pool of market.pools) {
    const zeroForOne = pool.token0.toLowerCase() === intent.sellToken.toLowerCase();
    const common = {
      liquiditySource: pool.address.toLowerCase(),
      pool: { kind: 'uniswap-v3' as const, state: pool.state },
      zeroForOne,
      gasUnits: SWAP_GAS_UNITS,
      gasUnitsPerTickCrossed: GAS_PER_TICK_CROSSED,
    };
    // The searcher's cost in the sell token: its gas at the recorded gas price, converted.
    const searcherGasWei = SEARCHER_GAS_PER_LEG * 2n * market.gasPriceWei;
    const perWeiInSell = market.nativePriceInBuyPerWei / market.midPrice;
    out.push(
      ammRouteCandidate({
        ...common,
        id: idOf('public-amm', pool.address.toLowerCase()),
        mempool: 'public',
        timing: timingFromAttempts({
          latencySeconds: 0,
          attemptIntervalSeconds: block,
          inclusionProbability: 0.95,
          maxAttempts: 3,
        }),
        attackProbability: 1,
        searcherCost: BigInt(Math.round(Number(searcherGasWei) * perWeiInSell)),
      }),
      ammRouteCandidate({
        ...common,
        id: idOf('private-bundle', pool.address.toLowerCase()),
        venue: 'private-bundle',
        mempool: 'private',
        timing: timingFromAttempts({
          latencySeconds: 0,
          attemptIntervalSeconds: block,
          inclusionProbability: market.bundleInclusionProbability,
          maxAttempts: 3,
        }),
      }),
    );
  }
  return out;
}
