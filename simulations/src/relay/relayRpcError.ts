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

/** An error the relay sends back as a JSON-RPC error object (never a crash, never a 5xx). */
export class RelayRpcError extends Error {
  override readonly name = 'RelayRpcError';
  constructor(
    readonly code: RelayErrorCode,
    message: string,
  ) {
    super(message);
  }
}
