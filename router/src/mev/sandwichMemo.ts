import type { AmmPool, AmmSwap } from '../amm/pool.js';
import { enableV3SwapPath } from '../amm/v3/v3SwapPath.js';
import {
  completeSandwich,
  type SimulatedSandwich,
  sandwichLegs,
  simulateSandwich,
} from './simulateSandwich.js';

/**
 * Exact sandwiches of one victim swap, each front-run size simulated once per search. A
 * feasibility test needs only the victim's output behind the front-run, so `victimAmountOut`
 * stops after two of the three swaps; `at` adds the back-run when profit is asked for. Results
 * are exactly simulateSandwich's.
 */
export class SandwichMemo {
  private readonly sandwiches = new Map<bigint, SimulatedSandwich>();
  private readonly legs = new Map<bigint, { front: AmmSwap; victim: AmmSwap }>();

  constructor(
    readonly pool: AmmPool,
    readonly zeroForOne: boolean,
    /** Sell-token base units. */
    readonly victimAmountIn: bigint,
  ) {
    // Every front-run starts from this state and every victim swap behind one walks on through
    // the same ranges: both skip the full steps a step table from it holds.
    if (pool.kind === 'uniswap-v3') enableV3SwapPath(pool.state);
  }

  /** The sandwich with a front-run of `frontRunAmountIn` sell units (0n: the unattacked swap). */
  at(frontRunAmountIn: bigint): SimulatedSandwich {
    let s = this.sandwiches.get(frontRunAmountIn);
    if (s === undefined) {
      const legs = frontRunAmountIn > 0n ? this.legs.get(frontRunAmountIn) : undefined;
      s =
        legs === undefined
          ? simulateSandwich({
              pool: this.pool,
              zeroForOne: this.zeroForOne,
              victimAmountIn: this.victimAmountIn,
              frontRunAmountIn,
            })
          : completeSandwich(this.zeroForOne, this.victimAmountIn, frontRunAmountIn, legs.front, legs.victim);
      this.sandwiches.set(frontRunAmountIn, s);
    }
    return s;
  }

  /** at(frontRunAmountIn).victimAmountOut (buy units), without the back-run unless it is already known. */
  victimAmountOut(frontRunAmountIn: bigint): bigint {
    const known = this.sandwiches.get(frontRunAmountIn);
    if (known !== undefined) return known.victimAmountOut;
    if (frontRunAmountIn <= 0n) return this.at(frontRunAmountIn).victimAmountOut;
    let legs = this.legs.get(frontRunAmountIn);
    if (legs === undefined) {
      const found = sandwichLegs(this.pool, this.zeroForOne, frontRunAmountIn, this.victimAmountIn);
      if (found === undefined) return 0n; // the attack reverts: nothing for the victim to compare
      legs = found;
      this.legs.set(frontRunAmountIn, legs);
    }
    // As completeSandwich: a victim swap the pool cannot take whole leaves nothing to compare
    // (sandwichLegs has already refused a front-run that is not whole or buys nothing).
    return legs.victim.amountIn === this.victimAmountIn ? legs.victim.amountOut : 0n;
  }
}
