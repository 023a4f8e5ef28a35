import { createChainContext } from '../chain/createChainContext.js';
import type { Deployment } from '../config/deployment.js';
import type { Config } from '../config/loadConfig.js';
import { createVenues } from '../venues/createVenues.js';
import { createQuoteComputer } from './computeQuote.js';

/**
 * The quote computation as a quote worker runs it: its own chain clients (following pushed heads
 * when CHAIN_WS_URL is set: no head read per quote) and its own venues, from the same config and
 * deployment as the event loop. Also what bench/computeProfile.ts measures.
 */
export function createWorkerQuoteComputer(config: Config, deployment: Deployment) {
  const chain = createChainContext(config, deployment, { followHeads: true });
  const compute = createQuoteComputer({
    config,
    chain,
    venues: createVenues(config, deployment, chain),
    clock: () => new Date(),
  });
  return { chain, compute };
}
