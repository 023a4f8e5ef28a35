import type { RouteTiming } from './types.js';

export type TimingFromAttemptsParameters = {
  /** Seconds before the first attempt can land (submission, batching, bridge latency). */
  latencySeconds: number;
  /** Seconds between attempts (a block: 12). */
  attemptIntervalSeconds: number;
  /** Probability in (0, 1] that one attempt is included (e.g. 0.9 for a bundle to one builder). */
  inclusionProbability: number;
  /** Attempts before giving up (e.g. 25 blocks for Flashbots Protect). */
  maxAttempts: number;
};

/**
 * Timing of a venue that retries each `attemptIntervalSeconds` with independent inclusion
 * probability p, at most n times: P(fill) = 1 − (1 − p)^n; E[τ | fill] = latency + interval·E[k | k ≤ n]
 * for k geometric; a non-fill costs latency + n·interval.
 */
export function timingFromAttempts({
  latencySeconds,
  attemptIntervalSeconds,
  inclusionProbability: p,
  maxAttempts: n,
}: TimingFromAttemptsParameters): RouteTiming {
  const miss = 1 - p;
  const fillProbability = 1 - miss ** n;
  let expectedAttempts = 0;
  for (let k = 1; k <= n; k++) expectedAttempts += k * p * miss ** (k - 1);
  expectedAttempts = fillProbability > 0 ? expectedAttempts / fillProbability : n;
  return {
    expectedSecondsToFill: latencySeconds + attemptIntervalSeconds * expectedAttempts,
    fillProbability,
    secondsLostOnNonFill: latencySeconds + attemptIntervalSeconds * n,
  };
}
