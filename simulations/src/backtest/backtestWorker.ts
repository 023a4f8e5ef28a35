// One backtest worker thread: builds the context once, then runs the chunks of paths it is sent
// and hands back each chunk's typed arrays (transferred, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import { createBacktestContext } from './backtestContext.js';
import { pathResultFields } from './pathResults.js';
import { runPaths } from './runPaths.js';
import type { BacktestWorkerData, ChunkRequest, ChunkResult } from './workerProtocol.js';

const data = workerData as BacktestWorkerData;
const ctx = createBacktestContext({ scenario: data.scenario, baseDir: data.baseDir, series: data.series });
const port = parentPort;
if (!port) throw new Error('backtestWorker must run in a worker thread');
port.on('message', (request: ChunkRequest) => {
  try {
    const results = runPaths(ctx, request.from, request.count, data.engine);
    const message: ChunkResult = { from: request.from, results };
    const transfer = [...pathResultFields.map((f) => results[f].buffer), results.stages.buffer];
    port.postMessage(message, transfer as ArrayBuffer[]);
  } catch (error) {
    port.postMessage({
      from: request.from,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
port.postMessage({ ready: true });
