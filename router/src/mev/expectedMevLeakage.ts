import { HedgeRouterError } from '../errors/index.js';
import type { OptimalSandwichReturnType } from './optimalSandwich.js';

export type ExpectedMevLeakageParameters = {
  /** The searcher's best attack on the route (from optimalSandwich). */
  sandwich: OptimalSandwichReturnType;
  /** Probability in [0, 1] that a searcher is watching the mempool and acts. */
  attackProbability: number;
};

const PROBABILITY_SCALE = 1_000_000_000n;

/**
 * Expected loss to sandwiches of a public swap, in buy-token base units: P(attack) × the
 * victim's loss under the optimal attack, or 0 when no attack is profitable after the
 * searcher's costs (a rational searcher then leaves it alone). Rounded up (a cost).
 */
export function expectedMevLeakage({ sandwich, attackProbability }: ExpectedMevLeakageParameters): bigint {
  if (!(attackProbability >= 0 && attackProbability <= 1)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      field: 'attackProbability',
      shortMessage: 'must be a probability in [0, 1]',
      details: { attackProbability },
    });
  }
  if (!sandwich.profitable || sandwich.victimLoss <= 0n) return 0n;
  const scaled = BigInt(Math.round(attackProbability * Number(PROBABILITY_SCALE)));
  return (sandwich.victimLoss * scaled + PROBABILITY_SCALE - 1n) / PROBABILITY_SCALE;
}
