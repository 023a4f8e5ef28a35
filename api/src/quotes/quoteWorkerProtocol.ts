import { type ErrorCode, HedgeRouterError, isHedgeRouterError } from '@hedge-router/router';
import type { BlockCacheStats } from '../chain/blockCachedClient.js';
import type { Deployment } from '../config/deployment.js';
import type { Config } from '../config/loadConfig.js';
import type { QuoteBody } from './quoteBodyFastPath.js';

/** What a quote worker is started with: it builds its own chain clients and venues from these. */
export type QuoteWorkerData = { config: Config; deployment: Deployment; bundle?: string };

/**
 * Quotes go over in batches, those that arrived in one turn of the event loop, and answers come
 * back the same way: one message (one clone, one wake-up of the other thread) for several
 * quotes under load, where a message each cost ~15% of the event loop's time per quote.
 */
export type QuoteRequestMessage =
  | { type: 'quotes'; items: { id: number; body: QuoteBody }[] }
  | { type: 'stats'; id: number };

/** One quote's answer: the 200 body as JSON text and its metrics outcome, or its error. */
export type QuoteAnswer =
  | { id: number; json: string; outcome: string; error?: undefined }
  | { id: number; error: WireError };

/** A worker's chain-read counters (its block cache's), and whether it follows pushed heads. */
export type QuoteWorkerStats = BlockCacheStats;

/** A failure as it crosses the thread boundary: its code and words (ApiError's too), no stack. */
export type WireError =
  | { kind: 'coded'; code: ErrorCode; shortMessage: string; field: string | undefined }
  | { kind: 'internal'; message: string };

export type QuoteWorkerMessage =
  | { type: 'ready' }
  | { type: 'startFailed'; message: string }
  | { type: 'bundle'; bundle: string | undefined; reason: string | undefined }
  | { type: 'answers'; items: QuoteAnswer[] }
  | { type: 'stats'; id: number; stats: QuoteWorkerStats };

export function toWireError(error: unknown): WireError {
  if (isHedgeRouterError(error))
    return { kind: 'coded', code: error.code, shortMessage: error.shortMessage, field: error.field };
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** The error as the route would have seen it had the quote run on the event loop. */
export function fromWireError(error: WireError): Error {
  // Answered as the worker's error would have been: by code, message and field (ApiError's too).
  if (error.kind === 'coded')
    return new HedgeRouterError(error.code, { shortMessage: error.shortMessage, field: error.field });
  // An error of no known kind (a bug, a library's failure): stays one, answered 500 and logged.
  return new Error(`quote worker: ${error.message}`);
}
