#!/usr/bin/env node
// `npm start`: the same as `hedge-router world` (kept as its own entry for `npm start` and the
// e2e test that spawns it).
import { runWorldCommand } from './commands/worldCommand.js';

runWorldCommand(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
