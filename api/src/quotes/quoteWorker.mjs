// Quote worker entry (plain JS): loads the worker's code from a bundle (@hedge-router/router's
// worker-bundle: cached on disk, built on a miss) and tells the pool its path so later workers
// skip the look-up. Without esbuild it registers tsx and loads the TypeScript sources (~1 s).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { resolveWorkerBundle } from '@hedge-router/router/worker-bundle';

const entry = fileURLToPath(new URL('./quoteWorker.ts', import.meta.url));
const { bundle, reason } = await resolveWorkerBundle({
  entry,
  name: 'quote-worker',
  given: workerData?.bundle,
});
parentPort?.postMessage({ type: 'bundle', bundle, reason });
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./quoteWorker.ts');
}
