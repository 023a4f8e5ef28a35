// One backtest worker thread, kept in a pool across runs: builds a run's context when the run
// starts, then runs the chunks of paths it is sent and hands back each chunk's typed arrays
// (transferred, not copied).
import { parentPort } from 'node:worker_threads';
import { type BacktestContext, backtestContextWith } from './backtestContextWith.js';
import { pathResultFields } from './pathResults.js';
import { runPaths } from './runPaths.js';
import { costModelOfTable } from './venueCostTable.js';
import type { FromWorker, ToWorker } from './workerProtocol.js';

const port = parentPort;
if (!port) throw new Error('backtestWorker must run in a worker thread'); // started by the pool only
const send = (message: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
const describe = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

let job = -1;
let engine: 'fast' | 'generic' = 'fast';
let ctx: BacktestContext | undefined;
port.on('message', (message: ToWorker) => {
  if (message.type === 'job') {
    job = message.job;
    engine = message.engine;
    try {
      // The venue cost table comes with the job (built once by the run): priced by the venues'
      // modules on the run's thread, read as is here (this code never loads the venues).
      ctx = backtestContextWith(
        { scenario: message.scenario, baseDir: message.baseDir, series: message.series },
        () => costModelOfTable(message.scenario, message.venueCostTable),
      );
    } catch (error) {
      ctx = undefined;
      send({ type: 'error', job, from: -1, error: describe(error) });
    }
    return;
  }
  const { from, count } = message;
  // A chunk of a run whose context failed (already reported) or of another run: ignore.
  if (message.job !== job || !ctx) return;
  try {
    const results = runPaths(ctx, from, count, engine);
    const transfer = [...pathResultFields.map((f) => results[f].buffer), results.stages.buffer];
    send({ type: 'chunk', job, from, results }, transfer as ArrayBuffer[]);
  } catch (error) {
    send({ type: 'error', job, from, error: describe(error) });
  }
});
send({ type: 'ready' });
