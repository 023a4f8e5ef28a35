import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { errorStatus, HedgeRouterError, isHedgeRouterError } from '@hedge-router/router';
import { readDeployment } from './deployment.js';
import { ConfigError, loadConfig } from './loadConfig.js';

describe('ConfigError', () => {
  it('error: bad variables are a CONFIG_INVALID HedgeRouterError naming each variable, message as before', () => {
    assert.throws(
      () => loadConfig({ ADMIN_TOKEN: 'short', PORT: 'eighty' }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError && e instanceof HedgeRouterError);
        assert.ok(isHedgeRouterError(e, 'CONFIG_INVALID'));
        assert.equal(e.name, 'ConfigError');
        assert.equal(
          e.message,
          'invalid configuration:\n  PORT: Invalid input: expected number, received NaN\n  ADMIN_TOKEN: must be at least 16 characters',
        );
        assert.deepEqual(
          (e.details.issues as { variable: string }[]).map((i) => i.variable),
          ['PORT', 'ADMIN_TOKEN'],
        );
        assert.equal(errorStatus[e.code], 500);
        return true;
      },
    );
  });

  it('error: an unreadable deployment file is a ConfigError naming the file, its cause reachable with walk()', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hedge-config-')), 'missing.json');
    assert.throws(
      () => readDeployment(path),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, new RegExp(`^cannot read the deployment file ${path}: ENOENT`));
        const root = e.walk((c) => (c as { code?: unknown }).code === 'ENOENT');
        assert.ok(root instanceof Error && root !== e);
        return true;
      },
    );
  });

  it('error: a deployment file that does not validate names the file and the field', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hedge-config-')), 'world.json');
    writeFileSync(path, JSON.stringify({ chains: { main: { chainId: 'one' } } }));
    assert.throws(
      () => readDeployment(path),
      (e: unknown) =>
        e instanceof ConfigError && e.message.startsWith(`invalid deployment file ${path}: chains.main.`),
    );
  });
});
