#!/usr/bin/env node
// The `hedge-router` command (bin of @hedge-router/simulations): one entry, one module per
// subcommand, loaded only when used (the world's and the chain benchmark's imports are heavy).
import { CliError, exitOnCliFailure } from './commands/cliError.js';

const usage = `usage: hedge-router <command> [options]

commands:
  start            the whole product: world, relay, searcher, arbitrageur, API, demo keeper (= npm start)
  world            boot the local world only (anvil chains, real contracts) until Ctrl-C
  backtest         Monte Carlo gamma-scalping backtest of a scenario file
  bench-execution  the execution-quality benchmark on the local world (routing strategies compared)
  audit            re-quote recorded intents at their recorded market state: regret per stage

Run "hedge-router <command> --help" for a command's options.`;

const commands: Record<string, () => Promise<(argv: string[]) => Promise<void>>> = {
  start: async () => (await import('./commands/start.js')).runStartCommand,
  world: async () => (await import('./commands/worldCommand.js')).runWorldCommand,
  backtest: async () => (await import('./commands/backtestCommand.js')).runBacktestCommand,
  'bench-execution': async () =>
    (await import('./commands/benchExecutionCommand.js')).runBenchExecutionCommand,
  audit: async () => (await import('./commands/auditCommand.js')).runAuditCommand,
};

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage);
    return;
  }
  const load = commands[name];
  if (!load) throw new CliError(`unknown command "${name}"\n\n${usage}`);
  await (await load())(rest);
}

main(process.argv.slice(2)).catch(exitOnCliFailure);
