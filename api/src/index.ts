// @hedge-router/api: the Fastify service, the ledger and the intent lifecycle worker.
export { buildApp, REDACTED_PATHS } from './app/buildApp.js';
export { createDeps } from './app/createDeps.js';
export { type Deployment, readDeployment } from './config/deployment.js';
export { type Config, ConfigError, configSchema, loadConfig } from './config/loadConfig.js';
export type { AppDeps } from './context/appDeps.js';
export { createMetrics } from './context/metrics.js';
export { cancelTypedData } from './intake/intentTypedData.js';
export { createLedger, type Ledger } from './ledger/ledger.js';
export { openLedgerDb } from './ledger/openLedgerDb.js';
export { type LedgerIntentHistory, readLedgerForAudit } from './ledger/readLedgerForAudit.js';
export { createVenues } from './venues/createVenues.js';
export { startWorker } from './worker/startWorker.js';
