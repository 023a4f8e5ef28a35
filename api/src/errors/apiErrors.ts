import {
  errorStatus,
  HedgeRouterError,
  isHedgeRouterError,
  type ServiceErrorCode,
} from '@hedge-router/router';

/**
 * An error the service raises on its own account (beyond the router's): a HedgeRouterError with
 * a service code (UNAUTHORIZED, NOT_FOUND, CONFLICT, UNPROCESSABLE, UNAVAILABLE, …) and, when it
 * is about one field of the request, that field. Answered like every HedgeRouterError:
 * `{ error: code, message: 'field: message', fields: [{ field, reason: message }] }`.
 */
export class ApiError extends HedgeRouterError {
  override readonly name: string = 'ApiError';
  declare readonly code: ServiceErrorCode;
  constructor(code: ServiceErrorCode, message: string, field?: string, details?: Record<string, unknown>) {
    super(code, { shortMessage: message, field, details });
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

/** The body of every error answer. */
export type ErrorAnswerBody = {
  error: string;
  message: string;
  fields?: { field: string; reason: string }[];
};

const internal = () => ({
  status: 500,
  body: { error: 'INTERNAL', message: 'internal error' },
  internal: true,
});

/**
 * The status and body the service answers a failed request with (request validation aside, which
 * the app's handler answers itself): a HedgeRouterError with its code's status, its message and
 * the field it names; fastify's own 4xx (invalid JSON, body too large, unsupported media type)
 * with its code; anything else, and every code whose status is 500, as INTERNAL saying nothing
 * internal (`internal: true`: the caller logs it).
 */
export function errorAnswer(error: unknown): { status: number; body: ErrorAnswerBody; internal: boolean } {
  if (isHedgeRouterError(error)) {
    const status = errorStatus[error.code];
    if (status === 500) return internal();
    return {
      status,
      body: {
        error: error.code,
        message: error.message,
        ...(error.field ? { fields: [{ field: error.field, reason: error.shortMessage }] } : {}),
      },
      internal: false,
    };
  }
  const status = (error as { statusCode?: number } | null)?.statusCode;
  if (status && status >= 400 && status < 500) {
    // fastify's own 4xx: invalid JSON, body too large, unsupported media type, rate limited
    const code = (error as { code?: string }).code ?? 'BAD_REQUEST';
    return { status, body: { error: code, message: (error as Error).message }, internal: false };
  }
  return internal();
}
