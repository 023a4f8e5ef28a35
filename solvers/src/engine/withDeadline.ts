import { HedgeRouterError } from '@hedge-router/router';

/**
 * `work`, or UNAVAILABLE naming `what` once `ms` pass: a stalled chain or service answers 503
 * with a reason in about that time instead of holding the caller for its client's own timeout
 * and retries (20 s for a chain read). The work itself is not cancelled; its late answer is
 * dropped.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new HedgeRouterError('UNAVAILABLE', { shortMessage: `${what} did not answer within ${ms} ms` }),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
