import type { ErrorCode } from './codes.js';

export type HedgeRouterErrorOptions = {
  /** What went wrong, in one line a caller can show. */
  shortMessage: string;
  /** Extra context (values, bounds) for logs and API error bodies; never secrets. */
  details?: Record<string, unknown>;
  /** The field of the caller's input this error is about, e.g. `intent.sellAmount`. */
  field?: string;
  cause?: unknown;
};

/**
 * The one base error of Hedge Router: the domain's, the venues', the service's (ApiError,
 * ConfigError), the CLI's (CliError) and the local world's. Each carries a stable `code` from
 * `ErrorCode`, so the API maps codes to HTTP statuses exhaustively (`errorStatus`) and callers
 * branch on codes without parsing messages; a wrapped failure stays reachable as `cause` (`walk`).
 */
export class HedgeRouterError extends Error {
  override readonly name: string = 'HedgeRouterError';
  readonly code: ErrorCode;
  readonly shortMessage: string;
  readonly details: Record<string, unknown>;
  readonly field: string | undefined;

  constructor(code: ErrorCode, options: HedgeRouterErrorOptions) {
    super(
      options.field ? `${options.field}: ${options.shortMessage}` : options.shortMessage,
      // No own `cause` at all without one (logs and inspect show none).
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.shortMessage = options.shortMessage;
    this.details = options.details ?? {};
    this.field = options.field;
  }

  /** Walks the cause chain and returns the first error matching `predicate` (or the last one). */
  walk(predicate?: (error: unknown) => boolean): unknown {
    let current: unknown = this;
    for (;;) {
      if (predicate?.(current)) return current;
      const next = current instanceof Error ? current.cause : undefined;
      if (next === undefined) return predicate ? undefined : current;
      current = next;
    }
  }
}

export function isHedgeRouterError(error: unknown, code?: ErrorCode): error is HedgeRouterError {
  return error instanceof HedgeRouterError && (code === undefined || error.code === code);
}
