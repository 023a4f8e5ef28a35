import { type HedgeIntent, hedgeIntentTypedData, serializeHedgeIntent } from '@hedge-router/router';
import { type Hex, hashTypedData, type LocalAccount } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { cancelTypedData } from '../intake/intentTypedData.js';
import {
  type ApiErrorField,
  HedgeRouterApiError,
  HedgeRouterClientError,
  HedgeRouterNetworkError,
  HedgeRouterSignerMissingError,
  HedgeRouterTimeoutError,
} from './errors.js';
import { parseSse } from './parseSse.js';
import {
  type EventsParameters,
  type HedgePlanParameters,
  type HedgePlanResponse,
  type IntentEvent,
  type IntentList,
  type IntentStatus,
  type IntentView,
  type ListIntentsParameters,
  type QuoteParameters,
  type QuoteResponse,
  type SignedIntent,
  type SubmitIntentResponse,
  TERMINAL_STATUSES,
  type WaitForIntentParameters,
} from './types.js';

export type CreateHedgeRouterClientParameters = {
  /** Where the API listens, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** The chain the intents are for (the EIP-712 domain's chainId). */
  chainId: number;
  /** The keeper's key: intents and cancellations are signed with it. Omit for a read-only client. */
  keeperPrivateKey?: Hex;
  /** Or a viem local account (a key held elsewhere), instead of `keeperPrivateKey`. */
  account?: LocalAccount;
  /** Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Sent with every request (e.g. an auth header in front of the API). */
  headers?: Record<string, string>;
  /** Per-request timeout, ms (not for the event stream). Default 30,000. */
  requestTimeoutMs?: number;
  /**
   * How often a request answered 429 (rate limited) or 503 (unavailable) is sent again, after
   * the answer's Retry-After or a doubling delay from 250 ms (at most `maxRetryDelayMs`, default
   * 5,000). Default 3. Every endpoint is safe to repeat: intents are idempotent per (vault, nonce).
   */
  retries?: number;
  maxRetryDelayMs?: number;
};

export type HedgeRouterClient = {
  readonly baseUrl: string;
  readonly chainId: number;
  /** The keeper address intents are signed by, when the client has a signer. */
  readonly keeper: Hex | undefined;
  /** `GET /health`. */
  health: () => Promise<{ status: 'ok' }>;
  /** `GET /ready`: the ledger and the chain are reachable (else a 503 HedgeRouterApiError). */
  ready: () => Promise<{ ledger: 'ok'; chain: { chainId: number; blockNumber: string } }>;
  /** `POST /v1/quotes`: every route simulated and priced; nothing is submitted. */
  quote: (params: QuoteParameters) => Promise<QuoteResponse>;
  /** Signs `intent` (EIP-712 HedgeIntent) with the keeper key, without sending it. */
  signIntent: (intent: HedgeIntent) => Promise<SignedIntent>;
  /** Signs and `POST /v1/intents`: durably accepted (202) with its id and status URL. */
  submitIntent: (intent: HedgeIntent) => Promise<SubmitIntentResponse>;
  /** `GET /v1/intents/:id`: status, legs, fills, realised price and slippage, reconciliation. */
  getIntent: (id: string) => Promise<IntentView>;
  /** `GET /v1/intents`: one page, newest first; pass `nextCursor` back for the next. */
  listIntents: (params?: ListIntentsParameters) => Promise<IntentList>;
  /** Every intent matching, page after page. */
  allIntents: (
    params?: Omit<ListIntentsParameters, 'cursor'>,
  ) => AsyncGenerator<IntentList['intents'][number]>;
  /** `GET /v1/intents/:id/audit`: the decision's candidates, the choice, the realised outcome, the regret. */
  getAudit: (id: string) => Promise<Record<string, unknown>>;
  /** Signs the EIP-712 CancelHedgeIntent over the intent's hash and `DELETE /v1/intents/:id`. */
  cancelIntent: (id: string) => Promise<{ id: string; status: IntentStatus }>;
  /** Polls until the intent reaches a terminal status (or one of `terminal`); throws on timeout. */
  waitForIntent: (id: string, params?: WaitForIntentParameters) => Promise<IntentView>;
  /** `GET /v1/events` as an async iterator of status changes; ends when `signal` aborts. */
  events: (params?: EventsParameters) => AsyncGenerator<IntentEvent>;
  /** `POST /v1/hedge-plans`: the policy's target hedge, band and trade, with the router's quote. */
  hedgePlan: (params: HedgePlanParameters) => Promise<HedgePlanResponse>;
};

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Waits `ms`, or less if `signal` aborts. */
const sleepFor = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        done();
      },
      { once: true },
    );
  });

const isAbort = (error: unknown) =>
  error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');

/**
 * A typed client of the Hedge Router API for keepers, with signing built in: intents and
 * cancellations are signed (EIP-712, viem) with the keeper key the client was made with.
 * Amounts go in as bigint base units and travel as decimal strings; every non-2xx answer is
 * thrown as a HedgeRouterApiError carrying the API's `{ error, message, fields }` and the status.
 */
export function createHedgeRouterClient(params: CreateHedgeRouterClientParameters): HedgeRouterClient {
  const baseUrl = params.baseUrl.replace(/\/+$/, '');
  const doFetch = params.fetch ?? globalThis.fetch;
  const requestTimeoutMs = params.requestTimeoutMs ?? 30_000;
  const retries = params.retries ?? 3;
  const maxRetryDelayMs = params.maxRetryDelayMs ?? 5_000;
  const account =
    params.account ?? (params.keeperPrivateKey ? privateKeyToAccount(params.keeperPrivateKey) : undefined);
  const signer = (what: string): LocalAccount => {
    if (!account)
      throw new HedgeRouterSignerMissingError(`${what} needs a signer: pass keeperPrivateKey or account`);
    return account;
  };

  async function request<T>(
    method: string,
    path: string,
    options: { body?: unknown; signal?: AbortSignal } = {},
  ): Promise<T> {
    let response = await send(method, path, options);
    // A busy or restarting API asks to come back later: honoured, a bounded number of times.
    for (
      let attempt = 0;
      (response.status === 429 || response.status === 503) && attempt < retries;
      attempt++
    ) {
      const header = response.headers.get('retry-after');
      const after = header === null ? Number.NaN : Number(header);
      const delayMs = Math.min(
        maxRetryDelayMs,
        Number.isFinite(after) && after >= 0 ? after * 1000 : 250 * 2 ** attempt,
      );
      await response.body?.cancel().catch(() => undefined);
      await sleepFor(delayMs, options.signal);
      response = await send(method, path, options);
    }
    return answer<T>(method, path, response);
  }

  async function send(method: string, path: string, options: { body?: unknown; signal?: AbortSignal }) {
    const signals = [AbortSignal.timeout(requestTimeoutMs), ...(options.signal ? [options.signal] : [])];
    try {
      return await doFetch(`${baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...params.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      if (isAbort(error) && !options.signal?.aborted)
        throw new HedgeRouterTimeoutError(`${method} ${path}: no answer within ${requestTimeoutMs} ms`, {
          cause: error,
        });
      throw new HedgeRouterNetworkError(`${method} ${path}: ${(error as Error).message}`, { cause: error });
    }
  }

  async function answer<T>(method: string, path: string, response: Response): Promise<T> {
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch (error) {
      if (response.ok)
        throw new HedgeRouterNetworkError(`${method} ${path}: the answer is not JSON`, { cause: error });
    }
    if (!response.ok) {
      const body = (json ?? {}) as { error?: unknown; message?: unknown; fields?: unknown };
      throw new HedgeRouterApiError({
        status: response.status,
        code: typeof body.error === 'string' ? body.error : `HTTP_${response.status}`,
        message: typeof body.message === 'string' ? body.message : text.slice(0, 200) || response.statusText,
        fields: Array.isArray(body.fields) ? (body.fields as ApiErrorField[]) : undefined,
        method,
        path,
      });
    }
    return json as T;
  }

  const query = (entries: Record<string, string | number | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(entries))
      if (value !== undefined) search.set(key, String(value));
    const s = search.toString();
    return s ? `?${s}` : '';
  };
  const intentPath = (id: string) => `/v1/intents/${encodeURIComponent(id)}`;

  const client: HedgeRouterClient = {
    baseUrl,
    chainId: params.chainId,
    keeper: account?.address,

    health: () => request('GET', '/health'),
    ready: () => request('GET', '/ready'),

    quote: (q) =>
      request('POST', '/v1/quotes', {
        body: {
          chainId: params.chainId,
          sellToken: q.sellToken,
          buyToken: q.buyToken,
          sellAmount: q.sellAmount.toString(),
          ...(q.vault === undefined ? {} : { vault: q.vault }),
          ...(q.venues === undefined ? {} : { venues: q.venues }),
          ...(q.riskAversionPerUsd === undefined ? {} : { riskAversionPerUsd: q.riskAversionPerUsd }),
          ...(q.maxSlippageBps === undefined ? {} : { maxSlippageBps: q.maxSlippageBps }),
        },
      }),

    async signIntent(intent) {
      const typedData = hedgeIntentTypedData({ intent, chainId: params.chainId });
      const signature = await signer('signIntent').signTypedData(typedData);
      return { intent, signature, intentHash: hashTypedData(typedData) };
    },

    async submitIntent(intent) {
      const signed = await client.signIntent(intent);
      const answer = await request<Omit<SubmitIntentResponse, 'intentHash'>>('POST', '/v1/intents', {
        body: { intent: serializeHedgeIntent(intent), signature: signed.signature },
      });
      return {
        ...answer,
        statusUrl: new URL(answer.statusUrl, `${baseUrl}/`).toString(),
        intentHash: signed.intentHash,
      };
    },

    getIntent: (id) => request('GET', intentPath(id)),
    getAudit: (id) => request('GET', `${intentPath(id)}/audit`),

    listIntents: (p = {}) =>
      request(
        'GET',
        `/v1/intents${query({ vault: p.vault, status: p.status, cursor: p.cursor, limit: p.limit })}`,
      ),

    async *allIntents(p = {}) {
      let cursor: string | undefined;
      do {
        const page = await client.listIntents({ ...p, ...(cursor ? { cursor } : {}) });
        yield* page.intents;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },

    async cancelIntent(id) {
      const keeper = signer('cancelIntent');
      const intent = await client.getIntent(id);
      const signature = await keeper.signTypedData(
        cancelTypedData({ intentHash: intent.intentHash as Hex, chainId: intent.chainId }),
      );
      return request('DELETE', intentPath(id), { body: { signature } });
    },

    async waitForIntent(id, p = {}) {
      const terminal = p.terminal ?? TERMINAL_STATUSES;
      const timeoutMs = p.timeoutMs ?? 60_000;
      const pollMs = p.pollMs ?? 250;
      const until = Date.now() + timeoutMs;
      for (;;) {
        const view = await request<IntentView>('GET', intentPath(id), p.signal ? { signal: p.signal } : {});
        if (terminal.includes(view.status)) return view;
        if (p.signal?.aborted)
          throw new HedgeRouterClientError(`waitForIntent(${id}) aborted`, { cause: p.signal.reason });
        if (Date.now() + pollMs > until)
          throw new HedgeRouterTimeoutError(
            `intent ${id} is still ${view.status} after ${timeoutMs} ms (waiting for ${terminal.join(', ')})`,
          );
        await sleep(pollMs, p.signal);
      }
    },

    async *events(p = {}) {
      const reconnect = p.reconnect ?? true;
      const delayMs = p.reconnectDelayMs ?? 500;
      const maxAttempts = p.maxReconnectAttempts ?? 10;
      let lastEventId = p.lastEventId;
      let failures = 0;
      const path = `/v1/events${query({ vault: p.vault })}`;
      while (!p.signal?.aborted) {
        let response: Response;
        try {
          response = await doFetch(`${baseUrl}${path}`, {
            headers: {
              accept: 'text/event-stream',
              ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }),
              ...params.headers,
            },
            ...(p.signal ? { signal: p.signal } : {}),
          });
        } catch (error) {
          if (p.signal?.aborted) return;
          if (!reconnect || ++failures > maxAttempts)
            throw new HedgeRouterNetworkError(`GET ${path}: ${(error as Error).message}`, { cause: error });
          await sleep(delayMs, p.signal);
          continue;
        }
        if (!response.ok || !response.body) {
          const text = await response.text().catch(() => '');
          let body: { error?: string; message?: string; fields?: ApiErrorField[] } = {};
          try {
            body = JSON.parse(text);
          } catch {}
          throw new HedgeRouterApiError({
            status: response.status,
            code: body.error ?? `HTTP_${response.status}`,
            message: body.message ?? (text.slice(0, 200) || response.statusText),
            fields: body.fields,
            method: 'GET',
            path,
          });
        }
        failures = 0;
        const chunks = response.body.pipeThrough(new TextDecoderStream());
        try {
          for await (const message of parseSse(chunks as unknown as AsyncIterable<string>)) {
            if (message.event !== 'status') continue;
            const id = Number(message.id);
            if (Number.isFinite(id)) lastEventId = id;
            yield { id, ...(JSON.parse(message.data) as Omit<IntentEvent, 'id'>) } as IntentEvent;
          }
        } catch (error) {
          if (p.signal?.aborted) return;
          if (!reconnect)
            throw new HedgeRouterNetworkError(`GET ${path}: the stream broke`, { cause: error });
        }
        if (!reconnect || p.signal?.aborted) return;
        await sleep(delayMs, p.signal);
      }
    },

    hedgePlan: (h) => request('POST', '/v1/hedge-plans', { body: h }),
  };
  return client;
}
