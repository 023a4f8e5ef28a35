import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'hedge-router.mjs');
const run = (args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });

const scenario = {
  name: 'cli test',
  seed: 3,
  paths: 300,
  steps: 10,
  horizonYears: 0.05,
  rate: 0.03,
  market: { model: 'gbm', spot: 3000, drift: 0, vol: 0.6 },
  book: [{ kind: 'put', strike: 2900, expiry: 0.1, quantity: -10 }],
  hedge: { policy: 'band', vol: 0.6, halfWidth: 0.5 },
  costs: { model: 'proportional', oneWayBps: 5 },
};

describe('hedge-router command', () => {
  it('behavior: backtest --json prints one JSON summary on stdout; --report writes html, json and csv', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hedge-cli-'));
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(scenario));
    const r = run(['backtest', '--scenario', file, '--json', '--report', join(dir, 'report')]);
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
    for (const key of ['mean', 'sd', 'skew', 'kurtosis', 'p05', 'p95'])
      assert.equal(typeof summary.pnl?.[key], 'number');
    assert.equal(typeof summary.costs?.total, 'number');
    assert.equal(typeof summary.costs?.perTrade, 'number');
    assert.equal(typeof summary.trades?.mean, 'number');
    for (const key of ['gamma', 'theta', 'costs', 'residual'])
      assert.equal(typeof summary.attribution?.[key], 'number');
    const html = readFileSync(join(dir, 'report', 'report.html'), 'utf8');
    assert.match(html, /<svg/);
    assert.doesNotMatch(
      html,
      /<script|https?:\/\/(?!www\.w3\.org)/,
      'offline: no scripts, no remote resources',
    );
    assert.ok(
      existsSync(join(dir, 'report', 'paths.csv')) && existsSync(join(dir, 'report', 'frontier.csv')),
    );
  });

  it('error: a bad scenario exits 2 naming the fields', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hedge-cli-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ ...scenario, steps: 0, hedge: { policy: 'zakamouline', vol: 0.6 } }),
    );
    const r = run(['backtest', '--scenario', file, '--json']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /steps: Too small/);
    assert.match(r.stderr, /hedge\.riskAversion/);
  });

  it('error: bad arguments exit 2 with the message alone (no stack): a bad flag value, an unknown option', () => {
    const badMode = run(['world', '--block-mode', 'sometimes']);
    assert.equal(badMode.status, 2);
    assert.equal(badMode.stderr.trim(), '--block-mode: expected auto or manual, got "sometimes"');
    const unknown = run(['backtest', '--nope']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown option '--nope'/);
    assert.doesNotMatch(unknown.stderr, /\n\s+at /, 'no stack');
  });

  it('behavior: --help lists the commands; an unknown command exits 2', () => {
    const help = run(['--help']);
    assert.equal(help.status, 0);
    for (const c of ['world', 'backtest', 'bench-execution', 'audit'])
      assert.match(help.stdout, new RegExp(c));
    assert.equal(run(['nope']).status, 2);
  });
});
