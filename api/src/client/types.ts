// The client's request and response types. Responses are the server's own zod response schemas
// (type-only imports: nothing of the server is loaded at run time), so a change on the server
// shows up here as a type error. Amounts on the wire stay decimal strings in base units.
import type { HedgeIntent, HedgePolicyConfig } from '@hedge-router/router';
import type { Address, Hex } from 'viem';
import type { z } from 'zod';
import type { hedgePlanResponse } from '../routes/hedgePlans.js';
import type { intentListSchema, intentViewSchema } from '../routes/intentView.js';
import type { decisionResponse } from '../routes/quotes.js';
import type { intentStatus } from '../routes/schemas.js';

export type IntentStatus = z.output<typeof intentStatus>;

/** Statuses an intent never leaves. */
export const TERMINAL_STATUSES: readonly IntentStatus[] = [
  'filled',
  'partially_filled',
  'expired',
  'failed',
  'cancelled',
];

export type QuoteParameters = {
  sellToken: Address;
  buyToken: Address;
  /** Sell-token base units. */
  sellAmount: bigint;
  vault?: Address;
  /** Only these venues (by name: `public-amm`, `private-bundle`, …). */
  venues?: readonly string[];
  /** λ per USD of variance (default: the server's). */
  riskAversionPerUsd?: number;
  /** The limit priced against, in bps below the arrival mid (server default 100). */
  maxSlippageBps?: number;
};

/** `POST /v1/quotes`: every candidate with its cost stages, and the best plan. */
export type QuoteResponse = z.output<typeof decisionResponse> & { chainId: number; sellAmount: string };

export type SubmitIntentResponse = {
  id: string;
  status: IntentStatus;
  /** Absolute URL of the intent's status. */
  statusUrl: string;
  /** True when this exact intent had been submitted before (the first id is returned). */
  duplicate: boolean;
  /** The EIP-712 hash the keeper signed. */
  intentHash: Hex;
};

export type SignedIntent = {
  intent: HedgeIntent;
  signature: Hex;
  intentHash: Hex;
};

export type IntentView = z.output<typeof intentViewSchema>;
export type IntentList = z.output<typeof intentListSchema>;

export type ListIntentsParameters = {
  vault?: Address;
  status?: IntentStatus;
  cursor?: string;
  /** 1..100, server default 20. */
  limit?: number;
};

export type WaitForIntentParameters = {
  /** Resolve once the intent is in one of these (default: every terminal status). */
  terminal?: readonly IntentStatus[];
  /** Default 60,000 ms. */
  timeoutMs?: number;
  /** Default 250 ms. */
  pollMs?: number;
  signal?: AbortSignal;
};

/** One server-sent event of `/v1/events`: an intent's status change. */
export type IntentEvent = {
  /** The event id (monotonic; the stream resumes after it). */
  id: number;
  intentId: string;
  vault: string;
  status: IntentStatus;
  /** ISO time of the transition. */
  at: string;
  reason: string | null;
  /** Whatever else the transition recorded (venue, txHash, legsFilled, balancesMatch, …). */
  [detail: string]: unknown;
};

export type EventsParameters = {
  vault?: Address;
  /** Ends the iteration (cleanly) when aborted. */
  signal?: AbortSignal;
  /** Resume after this event id. */
  lastEventId?: number;
  /** Reconnect (resuming after the last event seen) when the stream drops; default true. */
  reconnect?: boolean;
  /** Delay before reconnecting; default 500 ms. */
  reconnectDelayMs?: number;
  /** Consecutive failed connections before giving up; default 10. */
  maxReconnectAttempts?: number;
};

export type OptionPosition = {
  kind: 'call' | 'put';
  /** USD per unit of the underlying. */
  strike: number;
  /** Years to expiry from now. */
  expiry: number;
  /** Options on one unit each; negative for short. */
  quantity: number;
};

export type HedgePlanParameters = {
  vault?: Address;
  book: readonly OptionPosition[];
  /** USD per unit of the underlying (WETH). */
  spot: number;
  /** Units of the underlying held as the hedge now. */
  hedge: number;
  vol: number;
  forecastVol?: number;
  rate?: number;
  dividendYield?: number;
  yearsSinceRebalance?: number;
  policy: HedgePolicyConfig;
  /** Also quote the trade (default true). */
  quote?: boolean;
  /**
   * The one-way cost of trading one unit of the underlying, USD (the adaptive policy's band
   * follows it; required for that policy with `quote: false`).
   */
  costPerUnitUsd?: number;
};

export type HedgePlanResponse = z.output<typeof hedgePlanResponse>;
