import type { ErrorCode } from '@hedge-router/router';

/** Errors the service itself raises (beyond the router's): each with its fixed HTTP status. */
export const apiErrorStatus = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type ApiErrorCode = keyof typeof apiErrorStatus;

/** The router's error codes as HTTP statuses. A new router code fails to compile here until mapped. */
export const routerErrorStatus: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  INTENT_EXPIRED: 422,
  INTENT_LIMIT_UNREACHABLE: 422,
  POOL_MATH_OVERFLOW: 422,
  INSUFFICIENT_LIQUIDITY: 422,
  PRICE_LIMIT_OUT_OF_RANGE: 422,
  NO_ROUTE: 422,
  PRICE_OUTSIDE_NO_ARBITRAGE_BOUNDS: 422,
  NON_FINITE_INPUT: 400,
  FIT_FAILED: 422,
};

/** An error answered as `{ error: code, message, field? }` with the code's status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
  get status(): number {
    return apiErrorStatus[this.code];
  }
}
