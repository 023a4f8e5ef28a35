// Worker entry (plain JS): loads the worker's code from a bundle (@hedge-router/router's
// worker-bundle: cached on disk, built here on a miss, ~60 ms to load) and tells the pool its path
// so later workers skip the look-up. Without esbuild it falls back to registering tsx and loading
// the TypeScript sources (~1 s per worker), as workers do not inherit a loader registered through
// the API.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { resolveWorkerBundle } from '@hedge-router/router/worker-bundle';

const entry = fileURLToPath(new URL('./backtestWorker.ts', import.meta.url));
const { bundle, reason } = await resolveWorkerBundle({
  entry,
  name: 'backtest-worker',
  given: workerData?.bundle,
});
parentPort?.postMessage({ type: 'bundle', bundle, reason });
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./backtestWorker.ts');
}
