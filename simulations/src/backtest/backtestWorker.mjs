// Worker entry (plain JS): loads the worker's code from a bundle (workerBundle.mjs: cached on disk,
// built here on a miss, ~60 ms to load) and tells the pool its path so later workers skip the
// look-up. Without esbuild it falls back to registering tsx and loading the TypeScript sources
// (~1 s per worker), as workers do not inherit a loader registered through the API.
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { buildWorkerBundle, cachedWorkerBundle } from './workerBundle.mjs';

let bundle = workerData?.bundle;
let reason;
if (!bundle) {
  try {
    bundle = cachedWorkerBundle() ?? (await buildWorkerBundle());
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
}
parentPort?.postMessage({ type: 'bundle', bundle, reason });
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./backtestWorker.ts');
}
