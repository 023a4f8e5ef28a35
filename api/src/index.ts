// @hedge-router/api: the Fastify service, the ledger and the intent lifecycle worker.
export { buildApp, REDACTED_PATHS } from './app/buildApp.js';
export { createDeps } from './app/createDeps.js';
export { createVenues } from './app/createVenues.js';
export type { AppDeps } from './app/deps.js';
export { createMetrics } from './app/metrics.js';
export { type Deployment, readDeployment } from './config/deployment.js';
export { type Config, ConfigError, configSchema, loadConfig } from './config/loadConfig.js';
export { createLedger, type Ledger } from './ledger/ledger.js';
export { openLedgerDb } from './ledger/openLedgerDb.js';
export { type LedgerIntentHistory, readLedgerForAudit } from './ledger/readLedgerForAudit.js';
export { cancelTypedData } from './routes/intentTypedData.js';
export { startWorker } from './worker/startWorker.js';
