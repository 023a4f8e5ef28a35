#!/usr/bin/env node
// `npm test`: every workspace's tests through turbo, then one closing line for the whole repo,
// "N passed, N failed", and a check that no anvil process outlived the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
const resultsDir = mkdtempSync(join(tmpdir(), 'hedge-router-tests-'));
const resultFile = (ws) => join(resultsDir, `${basename(ws)}.json`);

/** The anvil processes this user runs (read from /proc: no pgrep needed), or undefined if /proc is unreadable. */
function anvilPids() {
  try {
    const uid = process.getuid?.();
    const pids = new Set();
    for (const pid of readdirSync('/proc')) {
      if (!/^[0-9]+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'anvil') continue;
        if (uid !== undefined && statSync(`/proc/${pid}`).uid !== uid) continue;
        pids.add(pid);
      } catch {
        // Gone while we looked.
      }
    }
    return pids;
  } catch {
    return undefined;
  }
}

const anvilsBefore = anvilPids();
const turbo = spawnSync(
  'npx',
  ['turbo', 'run', 'test', '--continue', `--concurrency=${process.env.TEST_WORKSPACE_CONCURRENCY ?? '1'}`],
  {
    cwd: root,
    stdio: 'inherit',
    env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env, TEST_RESULTS_DIR: resultsDir },
  },
);

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const ws of workspaces) {
  if (!existsSync(resultFile(ws))) continue;
  for (const line of readFileSync(resultFile(ws), 'utf8').split('\n').filter(Boolean)) {
    let counts;
    try {
      counts = JSON.parse(line);
    } catch {
      failed += 1;
      failures.push(`${ws}: unreadable test results`);
      continue;
    }
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped + counts.todo;
    failures.push(...counts.failures);
  }
}
// Anvils started during the run by this user and still running (others' are not ours to judge).
const anvilsAfter = anvilPids();
const leftover = anvilsBefore && anvilsAfter ? [...anvilsAfter].filter((pid) => !anvilsBefore.has(pid)) : [];
if (leftover.length > 0) {
  failed += 1;
  failures.push(`anvil processes left running after the tests: ${leftover.join(', ')}`);
}
const turboFailedOutsideTests = (turbo.status ?? 1) !== 0 && failed === 0;
if (turboFailedOutsideTests) {
  failed += 1;
  failures.push('a workspace test script failed outside any test (see the log above)');
}
if (failures.length > 0) {
  console.log('\nFailures:');
  for (const f of failures) console.log(`  ✖ ${f}`);
}
rmSync(resultsDir, { recursive: true, force: true });
// The closing line CI reads, alone on its line and last: "N passed, N failed" (skips noted above it).
if (skipped > 0) console.log(`\n${skipped} skipped`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
