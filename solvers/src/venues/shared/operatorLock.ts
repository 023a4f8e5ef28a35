import type { Address } from 'viem';

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` alone among everything else this process does with the same operator key: picking
 * a nonce, signing and sending must not interleave, or two legs sign the same nonce and one is
 * dropped. In-process only: several worker processes need one operator key each (or a shared
 * nonce allocator), as documented in docs/service.md (Guarantees).
 */
export function withOperatorLock<T>(operator: Address, fn: () => Promise<T>): Promise<T> {
  const key = operator.toLowerCase();
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(fn, fn);
  queues.set(
    key,
    next.catch(() => undefined),
  );
  return next;
}
