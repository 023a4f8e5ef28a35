import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HedgeRouterError } from '@hedge-router/router';
import { readBody } from '../http/readBody.js';
import type { WorldChain } from '../world/startWorld.js';
import { createBundlePool } from './bundlePool.js';
import type { BundleRecord } from './bundleRecord.js';
import { createBundleBuilder } from './createBundleBuilder.js';
import { RELAY_METHODS, type RelayMethodContext } from './relayMethods.js';
import { RELAY_ERROR_CODE, RelayRpcError } from './relayRpcError.js';
import { emptyRelayStats, type RelayStats } from './relayStats.js';
import { seededRandom } from './seededRandom.js';
import { verifyFlashbotsSignature } from './verifyFlashbotsSignature.js';

export type StartRelayParameters = {
  /** The chain the relay builds on (the world's main chain): its clients and BlockControl. */
  chain: Pick<WorldChain, 'clients' | 'blocks'>;
  /** Probability in [0, 1] that the builder wins each block offered to it. Default 1. */
  inclusionProbability?: number;
  /** Seed of the inclusion draws. Default 1. */
  seed?: number;
  /** Loopback port; default 0 (a free one). */
  port?: number;
  /** Largest request body accepted (bytes). Default 1 MiB. */
  maxBodyBytes?: number;
  /** Clock stamping the records (ms). Default Date.now. */
  clockMs?: () => number;
};

export type Relay = {
  /** The relay URL to hand to `FlashbotsBundleProvider.create(provider, authSigner, url)`. */
  url: string;
  /** Live counters. */
  stats: RelayStats;
  /** Every bundle received, in arrival order, with its outcome and events. */
  records: readonly BundleRecord[];
  /** The records of one bundle hash (one per target block it was sent for). */
  recordsFor: (bundleHash: string) => BundleRecord[];
  /** Stops serving and removes the builder from the chain's BlockControl. Idempotent. */
  stop: () => Promise<void>;
};

type JsonRpcId = string | number | null;

function send(
  res: ServerResponse,
  status: number,
  id: JsonRpcId,
  body: { result: unknown } | { error: { code: number; message: string } },
) {
  const json = JSON.stringify({ jsonrpc: '2.0', id, ...body }, (_key, value) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  res.writeHead(status, { 'content-type': 'application/json' }).end(json);
}

function requestId(body: string): JsonRpcId {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' || typeof id === 'number' ? id : null;
  } catch {
    return null;
  }
}

/**
 * Starts a Flashbots-compatible relay and block builder for a local chain: a JSON-RPC server
 * on a free loopback port serving eth_sendBundle, eth_callBundle, eth_cancelBundle,
 * flashbots_getBundleStatsV2 and flashbots_getUserStatsV2 (other methods: "method not
 * found"). Every request must carry a valid X-Flashbots-Signature (else HTTP 403 with a
 * JSON-RPC error, as relay.flashbots.net answers). Bundles are included atomically, in order,
 * at the top of their target block, when the builder wins that block (probability
 * `inclusionProbability`, seeded draws); see createBundleBuilder.ts for the mechanism and its
 * limits. Blocks must be mined through the chain's BlockControl (manual mode, on demand or on
 * a schedule). One relay per chain at a time.
 */
export async function startRelay(params: StartRelayParameters): Promise<Relay> {
  const inclusionProbability = params.inclusionProbability ?? 1;
  if (!(inclusionProbability >= 0 && inclusionProbability <= 1))
    throw new HedgeRouterError('INVALID_INPUT', {
      field: 'inclusionProbability',
      shortMessage: `must be in [0, 1], got ${inclusionProbability}`,
    });
  const maxBodyBytes = params.maxBodyBytes ?? 1024 * 1024;
  const clockMs = params.clockMs ?? Date.now;
  const { clients, blocks } = params.chain;
  const stats = emptyRelayStats();
  const pool = createBundlePool(clockMs);

  const ctx: RelayMethodContext = {
    client: clients.public,
    blocks,
    pool,
    stats,
    clockMs,
    onBackgroundError: (error) => console.error('relay: background simulation failed', error),
  };
  blocks.setBuilder(
    createBundleBuilder({
      client: clients.public,
      test: clients.test,
      pool,
      stats,
      inclusionProbability,
      random: seededRandom(params.seed ?? 1),
      isAutomine: () => blocks.mode().mode === 'auto',
    }),
  );

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    stats.requests++;
    if (req.method !== 'POST')
      return send(res, 405, null, {
        error: { code: RELAY_ERROR_CODE.invalidRequest, message: 'only POST is served' },
      });
    const body = await readBody(req, maxBodyBytes);
    if (body === undefined)
      return send(res, 413, null, {
        error: { code: RELAY_ERROR_CODE.invalidRequest, message: `body larger than ${maxBodyBytes} bytes` },
      });
    const id = requestId(body);
    const header = req.headers['x-flashbots-signature'];
    const check = await verifyFlashbotsSignature(Array.isArray(header) ? header[0] : header, body);
    if (!check.ok) {
      stats.refusedSignatures++;
      return send(res, 403, id, { error: { code: RELAY_ERROR_CODE.invalidRequest, message: check.reason } });
    }
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch {
      return send(res, 400, null, {
        error: { code: RELAY_ERROR_CODE.parseError, message: 'body is not valid JSON' },
      });
    }
    if (
      typeof request !== 'object' ||
      request === null ||
      Array.isArray(request) ||
      typeof (request as { method?: unknown }).method !== 'string'
    )
      return send(res, 400, id, {
        error: {
          code: RELAY_ERROR_CODE.invalidRequest,
          message: 'expected one JSON-RPC request object with a string "method" (batches are not served)',
        },
      });
    const { method, params: rpcParams } = request as { method: string; params?: unknown };
    const handler = Object.hasOwn(RELAY_METHODS, method) ? RELAY_METHODS[method] : undefined;
    if (!handler)
      return send(res, 200, id, {
        error: { code: RELAY_ERROR_CODE.methodNotFound, message: `method ${method} not found` },
      });
    try {
      return send(res, 200, id, { result: await handler(ctx, check.signer, rpcParams) });
    } catch (error) {
      if (error instanceof RelayRpcError)
        return send(res, 200, id, { error: { code: error.rpcCode, message: error.message } });
      console.error(`relay: ${method} failed`, error);
      return send(res, 500, id, { error: { code: -32603, message: 'internal error' } });
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('relay: request failed', error);
      if (!res.headersSent) send(res, 500, null, { error: { code: -32603, message: 'internal error' } });
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(params.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    records: pool.records,
    recordsFor: (hash) => pool.records.filter((r) => r.bundleHash.toLowerCase() === hash.toLowerCase()),
    stop() {
      stopped ??= (async () => {
        blocks.setBuilder(undefined);
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return stopped;
    },
  };
}
