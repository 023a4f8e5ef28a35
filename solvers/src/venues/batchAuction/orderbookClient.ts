import { OrderBookApi, type SupportedChainId } from '@cowprotocol/cow-sdk';
import { HedgeRouterError } from '@hedge-router/router';

/** Environment variable naming the orderbook's base URL when none is configured in code. */
export const COW_ORDERBOOK_URL_ENV = 'HEDGE_ROUTER_COW_ORDERBOOK_URL';

/**
 * The SDK's own OrderBookApi pointed at one orderbook: the local one, or
 * https://api.cow.fi/mainnet against the real world (`baseUrls` is the SDK's override hook; the
 * SDK has no entry for local chain ids, so the override is also what makes 31337 work). The
 * SDK's default limiter (5 requests/s) and ten retries suit the public API; a local book is
 * polled faster and should fail fast.
 */
export function createOrderbookClient(params: {
  chainId: number;
  orderbookUrl?: string;
  requestsPerSecond?: number;
  attempts?: number;
}): OrderBookApi {
  const url = params.orderbookUrl ?? process.env[COW_ORDERBOOK_URL_ENV];
  if (!url)
    throw new HedgeRouterError('CONFIG_INVALID', {
      field: 'orderbookUrl',
      shortMessage: `not configured (pass it or set ${COW_ORDERBOOK_URL_ENV})`,
    });
  const chainId = params.chainId as SupportedChainId;
  return new OrderBookApi({
    chainId,
    baseUrls: { [chainId]: url.replace(/\/$/, '') } as Record<SupportedChainId, string>,
    limiterOpts: { tokensPerInterval: params.requestsPerSecond ?? 100, interval: 'second' },
    backoffOpts: { numOfAttempts: params.attempts ?? 2, startingDelay: 50 },
  });
}
