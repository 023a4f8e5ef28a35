import { CliError } from './cliError.js';

/** Placeholder until the command lands. */
export async function runAuditCommand(_argv: string[]): Promise<void> {
  throw new CliError('not implemented yet', 1);
}
