import { HedgeRouterError } from '@hedge-router/router';

/** JSON-RPC error codes the relay answers with (the relay's own use of the standard codes). */
export const RELAY_ERROR_CODE = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  /** A bundle that cannot run: bad nonce, fee under the base fee, wrong chain, target passed. */
  bundleRejected: -32000,
} as const;

export type RelayErrorCode = (typeof RELAY_ERROR_CODE)[keyof typeof RELAY_ERROR_CODE];

/**
 * An error the relay sends back as a JSON-RPC error object (never a crash, never a 5xx), with
 * its JSON-RPC code `rpcCode`. A HedgeRouterError: INVALID_INPUT for a request it cannot read,
 * VENUE_REFUSED for a bundle it will not take.
 */
export class RelayRpcError extends HedgeRouterError {
  override readonly name: string = 'RelayRpcError';
  readonly rpcCode: RelayErrorCode;
  constructor(rpcCode: RelayErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(rpcCode === RELAY_ERROR_CODE.bundleRejected ? 'VENUE_REFUSED' : 'INVALID_INPUT', {
      shortMessage: message,
      cause: options.cause,
    });
    this.rpcCode = rpcCode;
  }
}
