// A quote worker thread: its own chain clients (with their per-block caches), its own venues,
// the same quote computation as the event loop; bodies in, JSON text out. Started by
// quoteWorkerPool through quoteWorker.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import {
  type QuoteAnswer,
  type QuoteRequestMessage,
  type QuoteWorkerData,
  type QuoteWorkerMessage,
  type QuoteWorkerStats,
  toWireError,
} from './quoteWorkerProtocol.js';
import { createWorkerQuoteComputer } from './workerQuoteComputer.js';

const port = parentPort;
if (!port) throw new Error('quoteWorker.ts runs in a worker thread'); // started by the pool only
const post = (message: QuoteWorkerMessage) => port.postMessage(message);

try {
  const { config, deployment } = workerData as QuoteWorkerData;
  // The head from a newHeads subscription when CHAIN_WS_URL is set (no read per quote).
  const { chain, compute } = createWorkerQuoteComputer(config, deployment);
  const stats = (chain.client as unknown as { blockCacheStats: () => QuoteWorkerStats }).blockCacheStats;
  // Answers wait for the end of this turn of the worker's loop and go back together.
  let answers: QuoteAnswer[] = [];
  const flush = () => {
    post({ type: 'answers', items: answers });
    answers = [];
  };
  const answer = (a: QuoteAnswer) => {
    if (answers.push(a) === 1) setImmediate(flush);
  };
  port.on('message', (message: QuoteRequestMessage) => {
    if (message.type === 'stats') return post({ type: 'stats', id: message.id, stats: stats() });
    for (const { id, body } of message.items) {
      compute(body).then(
        (result) => answer({ id, json: result.json, outcome: result.outcome }),
        (error: unknown) => answer({ id, error: toWireError(error) }),
      );
    }
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'startFailed', message: error instanceof Error ? error.message : String(error) });
}
