#!/usr/bin/env node
// `npm start`: the same as `hedge-router world` (kept as its own entry for `npm start` and the
// e2e test that spawns it).
import { exitOnCliFailure } from './commands/cliError.js';
import { runWorldCommand } from './commands/worldCommand.js';

runWorldCommand(process.argv.slice(2)).catch(exitOnCliFailure);
