// The route-decision benches' pool regimes (see route-decision.bench.ts): the scenario's pool
// states reused as within a block, or handed over afresh as a new read of the chain would.
import type { AmmPool } from '../src/amm/pool.js';

export type ScenarioPools = { v3: AmmPool; v2: AmmPool };
export const poolRegimes = ['warm', 'cold-kept-ticks', 'cold'] as const;
export type PoolRegime = (typeof poolRegimes)[number];

/**
 * The pools a decision sees in `regime`: `pools` itself when warm, else the same states as fresh
 * objects, with a new ticks array of new tick objects (cold) or keeping the array as a refresh
 * without Mint/Burn does (cold-kept-ticks).
 */
export function poolsIn(pools: ScenarioPools, regime: PoolRegime): ScenarioPools {
  if (regime === 'warm') return pools;
  const { v3, v2 } = pools;
  if (v3.kind !== 'uniswap-v3' || v2.kind !== 'uniswap-v2') throw new Error('scenario pools changed kind');
  const ticks = regime === 'cold' ? v3.state.ticks.map((t) => ({ ...t })) : v3.state.ticks;
  return {
    v3: { kind: 'uniswap-v3', state: { ...v3.state, ticks } },
    v2: { kind: 'uniswap-v2', state: { ...v2.state } },
  };
}
