#!/usr/bin/env node
// Runs one workspace's tests with node's test runner under tsx: every src/**/*.test.ts (or the
// files given as arguments), spec output on stdout, counts in .test-results.json for the summary.
// Node 20 does not expand globs after --test, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const args = process.argv.slice(2);

function findTests(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(path));
    else if (entry.name.endsWith('.test.ts')) out.push(relative(process.cwd(), path));
  }
  return out;
}

const files = args.length > 0 ? args : findTests('src').sort();
if (files.length === 0) {
  console.log('no test files');
  process.exit(0);
}
const timeoutMs = process.env.TEST_TIMEOUT_MS ?? '300000';
// npm test (scripts/test-all.mjs) gives each run its own results directory, so a run started by
// hand in the same workspace at the same time cannot overwrite the counts it adds up.
const resultsFile = process.env.TEST_RESULTS_DIR
  ? join(process.env.TEST_RESULTS_DIR, `${basename(process.cwd())}.json`)
  : '.test-results.json';
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-timeout=${timeoutMs}`,
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? '1'}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(here, 'count-reporter.mjs')}`,
    `--test-reporter-destination=${resultsFile}`,
    ...files,
  ],
  // A wall-clock bound on the whole run, so a file that never exits (a leaked handle) fails
  // the run instead of hanging CI. Not --test-force-exit: it exits before the counts file
  // (the second reporter's destination) is flushed, and the summary would read 0 passed.
  { stdio: 'inherit', timeout: Number(process.env.TEST_RUN_TIMEOUT_MS ?? 1_800_000), killSignal: 'SIGKILL' },
);
if (result.error) console.error(`test run stopped: ${result.error.message}`);
process.exit(result.status ?? 1);
