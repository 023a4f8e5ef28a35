import { createBundleVenue, createPublicAmmVenue, type Venue } from '@hedge-router/solvers';
import type { Hex } from 'viem';
import type { Deployment } from '../config/deployment.js';
import type { Config } from '../config/loadConfig.js';
import { createLedger } from '../ledger/ledger.js';
import { type LedgerDb, openLedgerDb } from '../ledger/openLedgerDb.js';
import { type ChainContext, createChainContext } from '../routing/chainContext.js';
import type { AppDeps } from './deps.js';
import { createMetrics } from './metrics.js';

/** The venues the service routes through: the public AMM always, bundles when a relay is configured. */
export function createVenues(config: Config, deployment: Deployment, chain: ChainContext): Venue[] {
  const pools = chain.pools.map((p) => ({
    address: p.address,
    fee: p.fee,
    token0: p.token0,
    token1: p.token1,
  }));
  const common = {
    chainId: chain.chainId,
    client: chain.client,
    operator: chain.operator,
    executor: chain.executor,
    pools,
    blockTimeSeconds: config.BLOCK_TIME_SECONDS,
  };
  const venues: Venue[] = [
    createPublicAmmVenue({
      ...common,
      wrappedNative: chain.tokens.weth.address,
      slippage: { mode: 'protected' },
    }),
  ];
  const relayAuthKey =
    (config.RELAY_AUTH_PRIVATE_KEY as Hex | undefined) ?? deployment.accounts?.relayer?.privateKey;
  if (config.RELAY_URL && relayAuthKey) {
    venues.push(
      createBundleVenue({
        ...common,
        rpcUrl: chain.rpcUrl,
        relayUrl: config.RELAY_URL,
        relayAuthKey,
        inclusionProbability: config.BUNDLE_INCLUSION_PROBABILITY,
      }),
    );
  }
  return venues;
}

/** Everything the app and the worker need, from validated config and the deployment file. */
export async function createDeps(
  config: Config,
  deployment: Deployment,
  options: { venues?: Venue[]; clock?: () => Date } = {},
): Promise<AppDeps & { ledgerDb: LedgerDb }> {
  const ledgerDb = await openLedgerDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const clock = options.clock ?? (() => new Date());
  const chain = createChainContext(config, deployment);
  return {
    config,
    ledger: createLedger(ledgerDb.db, ledgerDb.dialect, clock),
    ledgerDb,
    chain,
    venues: options.venues ?? createVenues(config, deployment, chain),
    metrics: createMetrics(),
    clock,
  };
}
