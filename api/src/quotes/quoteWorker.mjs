// Worker entry (plain JS, it runs before anything can load TypeScript): the worker's code from
// its esbuild bundle (@hedge-router/tools/worker-bundle), or from the sources through tsx.
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { loadWorkerCode } from '@hedge-router/tools/worker-bundle';

await loadWorkerCode({
  entry: fileURLToPath(new URL('./quoteWorker.ts', import.meta.url)),
  name: 'quote-worker',
  given: workerData?.bundle,
  port: parentPort,
});
