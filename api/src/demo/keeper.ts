#!/usr/bin/env node
// The demo keeper `npm start` runs: gamma-scalping vaults that hold an option book, ask the API
// for a hedge plan (the router's policy) every few seconds, and submit the trade as a signed
// intent through the typed client. One line per event: decision, venue, fill, reconciliation.
// Configured by one JSON env var, DEMO_KEEPER_CONFIG (see demoKeeperConfig below).
import { pathToFileURL } from 'node:url';
import { hedgePolicyConfigSchema } from '@hedge-router/router';
import { type Address, formatUnits, type Hex, parseUnits } from 'viem';
import { z } from 'zod';
import {
  createHedgeRouterClient,
  HedgeRouterApiError,
  type HedgeRouterClient,
  type IntentView,
} from '../client/index.js';

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/) as unknown as z.ZodType<Address>;
const token = z.object({ address, decimals: z.number().int() });

export const demoKeeperConfig = z.object({
  apiUrl: z.url(),
  chainId: z.number().int(),
  weth: token,
  usd: token,
  vaults: z
    .array(
      z.object({
        name: z.string(),
        vault: address,
        keeperPrivateKey: z.string().regex(/^0x[0-9a-fA-F]{64}$/) as unknown as z.ZodType<Hex>,
        book: z.array(
          z.object({
            kind: z.enum(['call', 'put']),
            strike: z.number(),
            expiry: z.number(),
            quantity: z.number(),
          }),
        ),
        vol: z.number().positive(),
        policy: hedgePolicyConfigSchema,
      }),
    )
    .min(1),
  /** How often each vault asks for a plan. */
  intervalMs: z.number().int().positive().default(2_000),
  deadlineSeconds: z.number().int().positive().default(60),
  /** The intent's limit, this far below the arrival mid. */
  maxSlippageBps: z.number().int().min(1).max(5_000).default(100),
});
export type DemoKeeperConfig = z.input<typeof demoKeeperConfig>;

const time = () => new Date().toISOString().slice(11, 19);
const say = (line: string) => console.log(`${time()} ${line}`);
const usdFmt = (n: number, digits = 2) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const short = (id: string) => id.slice(0, 8);

type VaultState = {
  config: z.output<typeof demoKeeperConfig>['vaults'][number];
  client: HedgeRouterClient;
  /** WETH held as the hedge, from reconciled fills. */
  hedge: number;
  inFlight: string | undefined;
  lastStatusAt: number;
};

/**
 * Runs the demo keeper until `signal` aborts: for each vault, every `intervalMs`, the spot from a
 * 1-WETH quote, the policy's plan from `POST /v1/hedge-plans`, and when it says trade, a signed
 * intent for it; each intent is followed to its end and the vault's hedge updated from its fills.
 */
export async function runDemoKeeper(input: DemoKeeperConfig, signal: AbortSignal): Promise<void> {
  const config = demoKeeperConfig.parse(input);
  const { weth, usd } = config;
  const vaults: VaultState[] = config.vaults.map((v) => ({
    config: v,
    client: createHedgeRouterClient({
      baseUrl: config.apiUrl,
      chainId: config.chainId,
      keeperPrivateKey: v.keeperPrivateKey,
    }),
    hedge: 0,
    inFlight: undefined,
    lastStatusAt: 0,
  }));
  const byIntent = new Map<string, VaultState>();
  let nonce = BigInt(Date.now()) * 1_000n;

  // The event stream shows where each intent was routed, as the worker records it. The worker
  // may submit before our POST has answered with the id: such events wait (a bounded few) until
  // the intent is ours, and are said after its "intent" line.
  const reader = vaults[0] as VaultState;
  type SubmittedEvent = { intentId: string; venue?: unknown; legIndex?: unknown; txHash?: unknown };
  const unclaimed = new Map<string, SubmittedEvent[]>();
  const sayRoute = (v: VaultState, event: SubmittedEvent) => {
    const tx = typeof event.txHash === 'string' ? ` tx ${event.txHash.slice(0, 10)}…` : '';
    say(
      `route     ${v.config.name} ${short(event.intentId)} → ${String(event.venue)} (leg ${String(event.legIndex)})${tx}`,
    );
  };
  const events = (async () => {
    try {
      // From the first event on: a subscription opened after an intent's first events would miss them.
      for await (const event of reader.client.events({ signal, lastEventId: 0 })) {
        if (event.status !== 'submitted') continue;
        const v = byIntent.get(event.intentId);
        if (v) {
          sayRoute(v, event);
          continue;
        }
        if (unclaimed.size >= 64) unclaimed.delete(unclaimed.keys().next().value as string);
        unclaimed.set(event.intentId, [...(unclaimed.get(event.intentId) ?? []), event]);
      }
    } catch (error) {
      if (!signal.aborted) say(`events    stream ended: ${(error as Error).message}`);
    }
  })();

  const follow = async (v: VaultState, id: string, buying: boolean) => {
    try {
      const view = await v.client.waitForIntent(id, {
        timeoutMs: (config.deadlineSeconds + 60) * 1000,
        signal,
      });
      report(v, view, buying);
    } catch (error) {
      if (!signal.aborted) say(`error     ${v.config.name} ${short(id)}: ${(error as Error).message}`);
    } finally {
      v.inFlight = undefined;
    }
  };

  const report = (v: VaultState, view: IntentView, buying: boolean) => {
    const wethMoved = Number(
      formatUnits(BigInt(buying ? view.filled.buyAmount : view.filled.sellAmount), weth.decimals),
    );
    const usdMoved = Number(
      formatUnits(BigInt(buying ? view.filled.sellAmount : view.filled.buyAmount), usd.decimals),
    );
    v.hedge += buying ? wethMoved : -wethMoved;
    if (view.status === 'filled' || view.status === 'partially_filled') {
      const fill = view.legs.find((l) => l.fill)?.fill;
      const vsMid = view.filled.slippageVsMidBps;
      const vsQuote = view.filled.slippageVsQuoteBps;
      say(
        `${view.status === 'filled' ? 'fill     ' : 'partial  '} ${v.config.name} ${short(view.id)}: ${buying ? 'bought' : 'sold'} ${wethMoved.toFixed(4)} WETH for ${usdFmt(usdMoved)} USDC ($${usdFmt(usdMoved / wethMoved)}/WETH), ` +
          `slippage vs mid ${vsMid?.toFixed(1) ?? '?'} bps, vs quote ${vsQuote?.toFixed(1) ?? '?'} bps, ${view.legs.some((l) => l.fill?.sandwiched) ? 'SANDWICHED' : 'not sandwiched'}${fill ? ` (block ${fill.blockNumber})` : ''}`,
      );
      const r = view.reconciliation;
      say(
        `reconcile ${v.config.name} ${short(view.id)}: ${r?.balancesMatch ? 'ledger == chain, vault balances moved by exactly the fill' : 'MISMATCH between ledger and chain'} (${r?.legsReconciled ?? 0} leg${r?.legsReconciled === 1 ? '' : 's'}); hedge now ${v.hedge.toFixed(4)} WETH`,
      );
    } else {
      say(`${view.status.padEnd(9)} ${v.config.name} ${short(view.id)}: ${view.statusReason ?? ''}`);
    }
  };

  const step = async (v: VaultState) => {
    if (v.inFlight) return;
    const quote = await v.client.quote({
      sellToken: weth.address,
      buyToken: usd.address,
      sellAmount: parseUnits('1', weth.decimals),
    });
    const spot = quote.arrivalMid.wethPriceUsd;
    const { plan } = await v.client.hedgePlan({
      vault: v.config.vault,
      book: v.config.book,
      spot,
      hedge: v.hedge,
      vol: v.config.vol,
      policy: v.config.policy,
      quote: false,
      // The live cost of one unit from the same quote (an adaptive band follows it); a quote
      // better than the mid (a negative total) is no cost, not a reason to trade more often.
      ...(quote.best ? { costPerUnitUsd: Math.max(0, (quote.best.cost.total.bps / 10_000) * spot) } : {}),
    });
    const now = Date.now();
    if (plan.side === 'hold') {
      if (now - v.lastStatusAt > 15_000) {
        v.lastStatusAt = now;
        say(
          `hold      ${v.config.name} spot $${usdFmt(spot)}: book Δ ${plan.bookDelta.toFixed(2)}, hedge ${v.hedge.toFixed(2)} within band ${plan.band.lower.toFixed(2)}..${plan.band.upper.toFixed(2)}`,
        );
      }
      return;
    }
    v.lastStatusAt = now;
    const buying = plan.side === 'buy';
    const units = Math.abs(plan.trade);
    say(
      `decision  ${v.config.name} spot $${usdFmt(spot)}: book Δ ${plan.bookDelta.toFixed(2)} Γ ${plan.bookGamma.toFixed(3)}, hedge ${v.hedge.toFixed(2)} outside band ${plan.band.lower.toFixed(2)}..${plan.band.upper.toFixed(2)} → ${plan.side} ${units.toFixed(4)} WETH (${plan.reason})`,
    );
    // The intent: sell WETH for USDC, or USDC for WETH, with a limit below the arrival mid.
    const sellAmount = buying
      ? parseUnits((units * spot).toFixed(usd.decimals), usd.decimals)
      : parseUnits(units.toFixed(weth.decimals), weth.decimals);
    const buyPerSell = buying ? 1 / quote.arrivalMid.buyPerSellBaseUnit : quote.arrivalMid.buyPerSellBaseUnit;
    const midBuy = BigInt(Math.floor(Number(sellAmount) * buyPerSell));
    const minBuyAmount = (midBuy * BigInt(10_000 - config.maxSlippageBps)) / 10_000n;
    try {
      const submitted = await v.client.submitIntent({
        vault: v.config.vault,
        sellToken: buying ? usd.address : weth.address,
        buyToken: buying ? weth.address : usd.address,
        sellAmount,
        minBuyAmount,
        deadline: Math.floor(now / 1000) + config.deadlineSeconds,
        nonce: nonce++,
        partialFill: false,
      });
      v.inFlight = submitted.id;
      byIntent.set(submitted.id, v);
      const sold = buying
        ? `${usdFmt(Number(formatUnits(sellAmount, usd.decimals)))} USDC`
        : `${units.toFixed(4)} WETH`;
      const min = buying
        ? `${Number(formatUnits(minBuyAmount, weth.decimals)).toFixed(4)} WETH`
        : `${usdFmt(Number(formatUnits(minBuyAmount, usd.decimals)))} USDC`;
      say(
        `intent    ${v.config.name} ${short(submitted.id)}: sell ${sold} for ≥ ${min}, signed by ${v.client.keeper?.slice(0, 10)}…, accepted (${submitted.status})`,
      );
      for (const event of unclaimed.get(submitted.id) ?? []) sayRoute(v, event);
      unclaimed.delete(submitted.id);
      void follow(v, submitted.id, buying);
    } catch (error) {
      if (error instanceof HedgeRouterApiError)
        say(`refused   ${v.config.name}: ${error.status} ${error.code} ${error.apiMessage}`);
      else throw error;
    }
  };

  say(
    `keeper    running ${vaults.length} vault${vaults.length === 1 ? '' : 's'}: ${vaults
      .map(
        (v) =>
          `${v.config.name} (${v.config.book.map((p) => `${p.quantity > 0 ? 'long' : 'short'} ${Math.abs(p.quantity)} ${p.kind}s K=${p.strike}`).join(', ')}; ${v.config.policy.policy} policy)`,
      )
      .join('; ')}`,
  );
  while (!signal.aborted) {
    for (const v of vaults) {
      if (signal.aborted) break;
      try {
        await step(v);
      } catch (error) {
        if (!signal.aborted) say(`error     ${v.config.name}: ${(error as Error).message}`);
      }
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, config.intervalMs);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  await events;
}

// Run as a process (by `hedge-router start`): config from the environment, stop on SIGINT/SIGTERM.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const controller = new AbortController();
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => controller.abort());
  const raw = process.env.DEMO_KEEPER_CONFIG;
  if (!raw) {
    console.error('DEMO_KEEPER_CONFIG: required (JSON, see api/src/demo/keeper.ts)');
    process.exit(2);
  }
  runDemoKeeper(JSON.parse(raw) as DemoKeeperConfig, controller.signal).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`keeper failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
