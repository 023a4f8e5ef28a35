import type { ErrorCode } from '@hedge-router/router';

/** One field an API error names, with the reason. */
export type ApiErrorField = { field: string; reason: string };

/**
 * The code of an API error answer: one of the service's `ErrorCode`s, `INTERNAL` (a 500, which
 * says nothing more), a code of fastify's own 4xx (`FST_ERR_CTP_BODY_TOO_LARGE`, …), or
 * `HTTP_<status>` when the answer carried none.
 */
export type HedgeRouterApiErrorCode = ErrorCode | 'INTERNAL' | (string & {});

/**
 * The base of every error the client throws: `walk()` follows the cause chain, as viem's
 * BaseError does, so a caller can find the root (a refused connection, an abort).
 *
 * Not a HedgeRouterError, on purpose: these describe what a caller saw over HTTP (an answer
 * whose code may be none of ours, a connection that failed, a timeout of the caller's own), not
 * a condition the service coded; the server's code is `HedgeRouterApiError.code`, typed by the
 * server's list. The client imports only types from the server's packages for its errors.
 */
export class HedgeRouterClientError extends Error {
  override name = 'HedgeRouterClientError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }

  /** The deepest cause (or the first one `predicate` accepts). */
  walk(predicate?: (error: unknown) => boolean): unknown {
    let current: unknown = this;
    for (;;) {
      if (predicate?.(current)) return current;
      const next = (current as { cause?: unknown }).cause;
      if (next === undefined || next === null) return predicate ? undefined : current;
      current = next;
    }
  }
}

/**
 * The API answered with a non-2xx status: its `{ error, message, fields }` body and the HTTP
 * status. `code` is the API's error code (`INVALID_INPUT`, `UNAUTHORIZED`, `FORBIDDEN`,
 * `CONFLICT`, `UNPROCESSABLE`, `NOT_FOUND`, `RATE_LIMITED`, a router code such as `NO_ROUTE`,
 * `INTERNAL`, …): see `ErrorCode` and `errorStatus` in @hedge-router/router.
 */
export class HedgeRouterApiError extends HedgeRouterClientError {
  override name = 'HedgeRouterApiError';
  readonly status: number;
  readonly code: HedgeRouterApiErrorCode;
  /** The API's message, as sent. */
  readonly apiMessage: string;
  readonly fields: readonly ApiErrorField[];
  readonly method: string;
  readonly path: string;
  constructor(params: {
    status: number;
    code: HedgeRouterApiErrorCode;
    message: string;
    fields?: readonly ApiErrorField[] | undefined;
    method: string;
    path: string;
  }) {
    super(`${params.method} ${params.path} → ${params.status} ${params.code}: ${params.message}`);
    this.status = params.status;
    this.code = params.code;
    this.apiMessage = params.message;
    this.fields = params.fields ?? [];
    this.method = params.method;
    this.path = params.path;
  }
}

/** The request never got an HTTP answer (connection refused, reset, DNS) or its body was not JSON. */
export class HedgeRouterNetworkError extends HedgeRouterClientError {
  override name = 'HedgeRouterNetworkError';
}

/** `waitForIntent` (or a request with `timeoutMs`) ran out of time. */
export class HedgeRouterTimeoutError extends HedgeRouterClientError {
  override name = 'HedgeRouterTimeoutError';
}

/** A signing method was called on a client made without `keeperPrivateKey` / `account`. */
export class HedgeRouterSignerMissingError extends HedgeRouterClientError {
  override name = 'HedgeRouterSignerMissingError';
}
