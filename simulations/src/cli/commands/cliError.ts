import { type ErrorCode, errorStatus, HedgeRouterError, isHedgeRouterError } from '@hedge-router/router';

/**
 * An error the CLI reports as its message alone (no stack) with an exit code: 2 for usage (bad
 * arguments, the default, code INVALID_INPUT), or the code and exit code given.
 */
export class CliError extends HedgeRouterError {
  override readonly name: string = 'CliError';
  readonly exitCode: number;
  constructor(message: string, options: { exitCode?: number; code?: ErrorCode; cause?: unknown } = {}) {
    super(options.code ?? 'INVALID_INPUT', { shortMessage: message, cause: options.cause });
    this.exitCode = options.exitCode ?? 2;
  }
}

/** node's parseArgs refusing the arguments (an unknown option, a missing value). */
const isParseArgsError = (error: unknown) =>
  error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_');

/**
 * Ends a CLI process that failed: a CliError or bad arguments print the message alone and exit
 * with its code (2: usage); a HedgeRouterError prints `error: <message>` and the causes under it,
 * and exits 2 when its code is about the input (a 4xx status), 1 when something failed (a 5xx:
 * anvil, a relay, the ledger); anything else prints its stack and exits 1.
 */
export function exitOnCliFailure(error: unknown): never {
  if (error instanceof CliError) {
    console.error(error.message);
    process.exit(error.exitCode);
  }
  if (isParseArgsError(error)) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (isHedgeRouterError(error)) {
    console.error(`error: ${error.message}`);
    for (let cause = error.cause; cause !== undefined; cause = (cause as { cause?: unknown }).cause)
      console.error(`  cause: ${cause instanceof Error ? cause.message : String(cause)}`);
    process.exit(errorStatus[error.code] >= 500 ? 1 : 2);
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
}
