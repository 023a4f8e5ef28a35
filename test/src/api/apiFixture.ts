import {
  type AppDeps,
  buildApp,
  cancelTypedData,
  createDeps,
  loadConfig,
  readDeployment,
  startWorker,
} from '@hedge-router/api';
import { type HedgeIntent, hedgeIntentTypedData, serializeHedgeIntent } from '@hedge-router/router';
import type { World } from '@hedge-router/simulations';
import type { FastifyInstance } from 'fastify';
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export type ApiHarness = {
  app: FastifyInstance;
  deps: AppDeps;
  startWorker: () => { stop: () => Promise<void> };
  close: () => Promise<void>;
};

/** The API on the local world's descriptor, with an in-memory ledger, not listening (app.inject). */
export async function startApi(world: World, env: Record<string, string> = {}): Promise<ApiHarness> {
  if (!world.descriptorPath) throw new Error('the world must write its descriptor');
  const config = loadConfig({
    ADMIN_TOKEN,
    DATA_DIR: ':memory:',
    WORLD_FILE: world.descriptorPath,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    // Quotes on the event loop unless a test asks for worker threads (tests read deps.chain's caches).
    QUOTE_WORKERS: '0',
    ...env,
  });
  const deps = await createDeps(config, readDeployment(config.WORLD_FILE));
  const app = await buildApp(deps);
  const silent = process.env.TEST_WORKER_LOG
    ? { info: console.log, warn: console.warn, error: console.error }
    : { info: () => {}, warn: () => {}, error: () => {} };
  return {
    app,
    deps,
    startWorker: () => startWorker(deps, { workerId: 'test-worker', log: silent, pollMs: 50 }),
    close: async () => {
      await app.close();
      await deps.quoteWorkers?.close();
      await deps.ledgerDb.close();
    },
  };
}

/** A keeper's signed intent body for POST /v1/intents. */
export async function signedIntentBody(world: World, intent: HedgeIntent, keeperKey: Hex) {
  const keeper = privateKeyToAccount(keeperKey);
  const signature = await keeper.signTypedData(
    hedgeIntentTypedData({ intent, chainId: world.descriptor.chains.main.chainId }),
  );
  return { intent: serializeHedgeIntent(intent), signature };
}

/** A keeper's signed cancellation body for DELETE /v1/intents/:id. */
export async function cancelBody(api: ApiHarness, id: string, keeperKey: Hex) {
  const row = await api.deps.ledger.getIntent(id);
  if (!row) throw new Error(`no intent ${id}`);
  const signature = await privateKeyToAccount(keeperKey).signTypedData(
    cancelTypedData({ intentHash: row.intentHash, chainId: row.chainId }),
  );
  return { signature };
}
