import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HedgeRouterError } from '@hedge-router/router';
import {
  type Address,
  getAddress,
  type Hex,
  hashTypedData,
  recoverAddress,
  recoverMessageAddress,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { readBody } from '../http/readBody.js';
import type { WorldChain } from '../world/startWorld.js';
import { OrderbookError } from './orderbookError.js';
import { GPV2_CANCELLATIONS_TYPES, gpv2Domain, type StoredOrder, type TradeRecord } from './orderModel.js';
import { parseOrderCreation } from './parseOrderCreation.js';
import { quoteOrder } from './quoteOrder.js';
import { type AuctionContext, type AuctionReport, runAuction } from './runAuction.js';
import { serializeOrder, serializeTrade } from './serializeOrder.js';
import type { SettlementGasModel, SolverOrder } from './solveBatch.js';

export type StartOrderbookParameters = {
  /** The chain the settlement lives on (the world's main chain). */
  chain: Pick<WorldChain, 'clients' | 'descriptor'>;
  /** The allow-listed solver's private key (settle() reverts for anyone else). */
  solverPrivateKey: Hex;
  /**
   * Milliseconds between batch auctions (default 2,000; CoW's are ~12 s on mainnet).
   * `null`: no timer, auctions run only through `runAuction()` (tests).
   */
  auctionIntervalMs?: number | null;
  /** Protocol volume fee, bps (default 2). */
  protocolFeeBps?: number;
  /** Priority fee the solver bids, wei per gas (default 1 gwei). */
  priorityFeeWei?: bigint;
  /** Shortest accepted validity from posting, seconds (default 2). */
  minValiditySeconds?: number;
  /** Longest accepted validity, seconds (default 3 hours). */
  maxValiditySeconds?: number;
  gas?: SettlementGasModel;
  port?: number;
  maxBodyBytes?: number;
};

/** A running local orderbook. */
export type Orderbook = {
  /** The base URL to hand to OrderBookApi as `baseUrls: { [chainId]: url }`. */
  url: string;
  /** Runs one auction now (serialised with the timer's), resolving with its report. */
  runAuction: () => Promise<AuctionReport>;
  /** Every auction run so far, oldest first. */
  auctions: readonly AuctionReport[];
  /** The book (by lower-case uid). */
  orders: ReadonlyMap<Hex, StoredOrder>;
  stop: () => Promise<void>;
};

type Route = {
  method: string;
  pattern: RegExp;
  handle: (match: RegExpMatchArray, body: unknown, url: URL) => Promise<{ status: number; body: unknown }>;
};

const json = (res: ServerResponse, status: number, body: unknown) =>
  res
    .writeHead(status, { 'content-type': 'application/json' })
    .end(JSON.stringify(body, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));

const UID = '(0x[0-9a-fA-F]{112})';

/**
 * Starts a CoW-Protocol-compatible orderbook for a local chain: the subset of the real API the
 * SDK's OrderBookApi calls (POST /api/v1/quote, POST /api/v1/orders, GET /api/v1/orders/{uid},
 * GET /api/v1/orders/{uid}/status, DELETE /api/v1/orders with signed cancellations,
 * GET /api/v1/trades and /api/v2/trades), with the real error shapes, and a batch auction every
 * `auctionIntervalMs` that settles on the chain's real GPv2Settlement from the allow-listed
 * solver (see runAuction.ts and solveBatch.ts). Chain time (the latest block's timestamp)
 * decides validity, so tests that warp the chain see orders expire.
 */
export async function startOrderbook(params: StartOrderbookParameters): Promise<Orderbook> {
  const { clients, descriptor } = params.chain;
  const cow = descriptor.cow;
  if (!cow)
    throw new HedgeRouterError('DEPLOYMENT_INCOMPLETE', {
      shortMessage: 'startOrderbook: the chain has no CoW Protocol deployment (descriptor.cow is null)',
    });
  const { settlement } = cow;
  const solver = clients.wallet(privateKeyToAccount(params.solverPrivateKey));
  const protocolFeeBps = params.protocolFeeBps ?? 2;
  const priorityFeeWei = params.priorityFeeWei ?? 1_000_000_000n;
  const pools = descriptor.pools.map((p) => ({
    address: getAddress(p.address),
    fee: p.fee,
    token0: getAddress(p.token0),
    token1: getAddress(p.token1),
  }));
  const wrappedNative = getAddress(descriptor.tokens.weth.address);
  const book = new Map<Hex, StoredOrder>();
  const trades: TradeRecord[] = [];
  const auctions: AuctionReport[] = [];
  let quoteIds = 0;
  const chainNow = async () => Number((await clients.public.getBlock({ blockTag: 'latest' })).timestamp);
  const auctionCtx: AuctionContext = {
    client: clients.public,
    solver,
    settlement: cow.settlement,
    vaultRelayer: cow.vaultRelayer,
    swapRouter: descriptor.uniswapV3.swapRouter,
    wrappedNative,
    pools,
    protocolFeeBps,
    priorityFeeWei,
    ...(params.gas ? { gas: params.gas } : {}),
  };

  // Auctions never overlap: each waits for the previous one.
  let chainOfAuctions: Promise<unknown> = Promise.resolve();
  const auction = () => {
    const next = chainOfAuctions.then(() => runAuction(auctionCtx, book, trades, auctions.length + 1));
    chainOfAuctions = next.then(
      (r) => auctions.push(r),
      (error: unknown) => console.error('orderbook: auction failed', error),
    );
    return next;
  };

  // The book's solvable orders still valid at the chain's time, as the solver sees them.
  const openSellOrders = async (): Promise<SolverOrder[]> => {
    const now = await chainNow();
    return [...book.values()]
      .filter(
        (o) =>
          o.status === 'open' && o.data.kind === 'sell' && o.data.feeAmount === 0n && o.data.validTo > now,
      )
      .map((o) => ({
        uid: o.uid,
        sellToken: o.data.sellToken,
        buyToken: o.data.buyToken,
        sellAmount: o.data.sellAmount,
        buyAmount: o.data.buyAmount,
      }));
  };

  const find = (uid: string) => {
    const order = book.get(uid.toLowerCase() as Hex);
    if (!order) throw new OrderbookError(404, 'NotFound', `order ${uid} was not found`);
    return order;
  };

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/api\/v1\/quote$/,
      handle: async (_m, body) => ({
        status: 200,
        body: await quoteOrder(
          {
            client: clients.public,
            wrappedNative,
            pools,
            protocolFeeBps,
            priorityFeeWei,
            nowSeconds: await chainNow(),
            defaultValiditySeconds: 1800,
            openOrders: await openSellOrders(),
            ...(params.gas ? { gas: params.gas } : {}),
          },
          body,
          ++quoteIds,
        ),
      }),
    },
    {
      method: 'POST',
      pattern: /^\/api\/v1\/orders$/,
      handle: async (_m, body) => {
        const valid = await parseOrderCreation(
          {
            client: clients.public,
            chainId: descriptor.chainId,
            settlement: cow.settlement,
            vaultRelayer: cow.vaultRelayer,
            nowSeconds: await chainNow(),
            minValiditySeconds: params.minValiditySeconds ?? 2,
            maxValiditySeconds: params.maxValiditySeconds ?? 3 * 3600,
          },
          body,
        );
        const uid = valid.uid.toLowerCase() as Hex;
        if (book.has(uid)) throw new OrderbookError(400, 'DuplicatedOrder', `order ${uid} already exists`);
        book.set(uid, {
          ...valid,
          uid,
          creationDate: new Date().toISOString(),
          status: valid.signingScheme === 'presign' ? 'presignaturePending' : 'open',
          competition: 'open',
          invalidated: false,
          executedSellAmount: 0n,
          executedBuyAmount: 0n,
          executedFee: 0n,
        });
        return { status: 201, body: uid };
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/api/v1/orders/${UID}$`),
      handle: async (m) => ({
        status: 200,
        body: serializeOrder(find(m[1] as string), cow.settlement),
      }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/api/v1/orders/${UID}/status$`),
      handle: async (m) => {
        const order = find(m[1] as string);
        const value =
          order.competition === 'traded'
            ? [
                {
                  solver: 'hedge-router-local',
                  executedAmounts: {
                    sell: order.executedSellAmount.toString(),
                    buy: order.executedBuyAmount.toString(),
                  },
                },
              ]
            : undefined;
        return { status: 200, body: { type: order.competition, ...(value ? { value } : {}) } };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/v1\/orders$/,
      handle: async (_m, body) => {
        await cancelOrders(body, await chainNow());
        return { status: 200, body: 'Cancelled' };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v[12]\/trades$/,
      handle: async (_m, _b, url) => {
        const owner = url.searchParams.get('owner');
        const uid = url.searchParams.get('orderUid');
        if ((owner && uid) || (!owner && !uid))
          throw new OrderbookError(
            400,
            'MalformedRequest',
            'exactly one of owner and orderUid must be given',
          );
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 10);
        const list = trades.filter((t) =>
          owner ? t.owner.toLowerCase() === owner.toLowerCase() : t.orderUid === uid?.toLowerCase(),
        );
        return { status: 200, body: list.slice(offset, offset + limit).map(serializeTrade) };
      },
    },
  ];

  async function cancelOrders(raw: unknown, now: number) {
    const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const uids = body.orderUids;
    if (
      !Array.isArray(uids) ||
      uids.length === 0 ||
      uids.length > 128 ||
      uids.some((u) => typeof u !== 'string')
    )
      throw new OrderbookError(400, 'MalformedRequest', 'orderUids: expected 1 to 128 order uids');
    const signature = body.signature;
    const scheme = body.signingScheme;
    if (typeof signature !== 'string' || !/^0x[0-9a-fA-F]{130}$/.test(signature))
      throw new OrderbookError(400, 'InvalidSignature', 'signature: expected a 65-byte ECDSA signature');
    if (scheme !== 'eip712' && scheme !== 'ethsign')
      throw new OrderbookError(400, 'InvalidSignature', 'signingScheme: cancellations are eip712 or ethsign');
    const digest = hashTypedData({
      domain: gpv2Domain(descriptor.chainId, settlement),
      types: GPV2_CANCELLATIONS_TYPES,
      primaryType: 'OrderCancellations',
      message: { orderUids: uids as Hex[] },
    });
    let signer: Address;
    try {
      signer =
        scheme === 'eip712'
          ? await recoverAddress({ hash: digest, signature: signature as Hex })
          : await recoverMessageAddress({ message: { raw: digest }, signature: signature as Hex });
    } catch {
      throw new OrderbookError(400, 'InvalidSignature', 'signature: does not recover to an address');
    }
    const orders = (uids as string[]).map((uid) => {
      const order = book.get(uid.toLowerCase() as Hex);
      if (!order) throw new OrderbookError(404, 'OrderNotFound', `order ${uid} was not found`);
      return order;
    });
    for (const order of orders) {
      if (order.owner.toLowerCase() !== signer.toLowerCase())
        throw new OrderbookError(
          401,
          'WrongOwner',
          `order ${order.uid} is owned by ${order.owner}, the cancellation is signed by ${signer}`,
        );
      if (order.status === 'cancelled')
        throw new OrderbookError(400, 'AlreadyCancelled', `order ${order.uid} is already cancelled`);
      if (order.status === 'fulfilled')
        throw new OrderbookError(400, 'OrderFullyExecuted', `order ${order.uid} is fully executed`);
      if (order.status === 'expired' || order.data.validTo < now)
        throw new OrderbookError(400, 'OrderExpired', `order ${order.uid} has expired`);
    }
    // Best effort, as the real API: an order already in a settlement being executed still trades.
    for (const order of orders) {
      if (order.competition === 'executing') continue;
      order.status = 'cancelled';
      order.competition = 'cancelled';
    }
  }

  const maxBodyBytes = params.maxBodyBytes ?? 1024 * 1024;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const matching = routes.filter((r) => r.pattern.test(url.pathname));
    const route = matching.find((r) => r.method === req.method);
    if (!route) {
      if (matching.length > 0)
        return json(res, 405, { errorType: 'MethodNotAllowed', description: req.method });
      return json(res, 404, { errorType: 'NotFound', description: `no route ${url.pathname}` });
    }
    const text = await readBody(req, maxBodyBytes);
    if (text === undefined)
      return json(res, 413, {
        errorType: 'MalformedRequest',
        description: `body over ${maxBodyBytes} bytes`,
      });
    let body: unknown;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        return json(res, 400, { errorType: 'MalformedRequest', description: 'body is not valid JSON' });
      }
    }
    try {
      const match = url.pathname.match(route.pattern) as RegExpMatchArray;
      const result = await route.handle(match, body, url);
      return json(res, result.status, result.body);
    } catch (error) {
      if (error instanceof OrderbookError) return json(res, error.status, error.toBody());
      console.error('orderbook: request failed', error);
      return json(res, 500, { errorType: 'InternalServerError', description: 'internal error' });
    }
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        json(res, 500, { errorType: 'InternalServerError', description: 'internal error' });
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(params.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const interval = params.auctionIntervalMs === undefined ? 2_000 : params.auctionIntervalMs;
  const timer =
    interval === null
      ? undefined
      : setInterval(() => {
          auction().catch(() => undefined);
        }, interval);

  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    runAuction: auction,
    auctions,
    orders: book,
    stop() {
      stopped ??= (async () => {
        if (timer) clearInterval(timer);
        await chainOfAuctions;
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return stopped;
    },
  };
}
