import type { CostBreakdown, RouteQuote } from '@hedge-router/router';
import { type RoutingDecision, roundBps } from '@hedge-router/solvers';

// The 200 answer of POST /v1/quotes written straight from the decision as JSON text: the same
// text as JSON.stringify(quoteResponseBody(...)) (quoteResponseJson.test.ts checks it on real
// decisions), without building the view objects first. Building them and stringifying them cost
// ~7% of a quote's CPU (and their garbage); this writes each field once. Keys in the schema's
// order; strings that may hold any character (ids, venues, reasons, messages) through
// JSON.stringify, bigints as their decimal digits (nothing to escape), numbers as JSON writes
// them (non-finite as null).

const str = (s: string) => JSON.stringify(s);
const num = (n: number) => (Number.isFinite(n) ? String(n) : 'null');
const strOrNull = (s: string | null) => (s === null ? 'null' : JSON.stringify(s));

const stage = (s: { amount: bigint; bps: number }) =>
  `{"amount":"${s.amount}","bps":${num(roundBps(s.bps))}}`;

function cost(c: CostBreakdown): string {
  return (
    `{"priceImpact":${stage(c.priceImpact)},"fees":${stage(c.fees)},"gas":${stage(c.gas)},` +
    `"mevLeakage":${stage(c.mevLeakage)},"delayRisk":${stage(c.delayRisk)},` +
    `"fillRisk":${stage(c.fillRisk)},"total":${stage(c.total)}}`
  );
}

/** A quote's fields (views.ts quoteView), with the comma before them; undefined numbers left out as JSON.stringify does. */
function quoteFields(q: RouteQuote): string {
  const delay = q.timing.expectedSecondsToFill;
  const fill = q.timing.fillProbability;
  return (
    `,"expectedBuyAmount":"${q.expectedBuyAmount}","minBuyAmount":"${q.minBuyAmount}"` +
    (delay === undefined ? '' : `,"expectedDelaySeconds":${num(delay)}`) +
    (fill === undefined ? '' : `,"fillProbability":${num(fill)}`)
  );
}

const STAGES = ['priceImpact', 'fees', 'gas', 'mevLeakage', 'delayRisk', 'fillRisk', 'total'] as const;
const sameCost = (a: CostBreakdown, b: CostBreakdown) => {
  for (const name of STAGES)
    if (a[name].amount !== b[name].amount || a[name].bps !== b[name].bps) return false;
  return true;
};

/** `JSON.stringify(quoteResponseBody(decision, chainId, sellAmount))`, written directly. */
export function quoteResponseJson(d: RoutingDecision, chainId: number, sellAmount: string): string {
  // A single-leg plan's cost and its leg's are the chosen candidate's: written once (comparing
  // seven amounts is far cheaper than writing their digits again).
  const written: { cost: CostBreakdown; text: string }[] = [];
  const costOnce = (c: CostBreakdown) => {
    for (const w of written) if (sameCost(w.cost, c)) return w.text;
    const text = cost(c);
    written.push({ cost: c, text });
    return text;
  };
  let out = `{"blockNumber":"${d.market.blockNumber}","arrivalMid":{"buyPerSellBaseUnit":${num(d.market.midPrice)},"wethPriceUsd":${num(d.market.wethPriceUsd)}},"candidates":[`;
  for (let i = 0; i < d.candidates.length; i++) {
    const c = d.candidates[i]!;
    if (i > 0) out += ',';
    out += `{"id":${str(c.id)},"venue":${str(c.venue)},"available":${c.quote !== null},"reason":${strOrNull(c.reason)}`;
    if (c.quote) out += quoteFields(c.quote);
    if (c.cost) out += `,"cost":${costOnce(c.cost)}`;
    out += '}';
  }
  out += '],"best":';
  const plan = d.plan;
  if (plan === null) out += 'null';
  else {
    out += `{"expectedBuyAmount":"${plan.expectedBuyAmount}","minBuyAmount":"${plan.minBuyAmount}","cost":${costOnce(plan.cost)},"legs":[`;
    for (let i = 0; i < plan.legs.length; i++) {
      const leg = plan.legs[i]!;
      if (i > 0) out += ',';
      out += `{"candidateId":${str(leg.candidateId)},"venue":${str(leg.venue)},"sellAmount":"${leg.sellAmount}"${quoteFields(leg.quote)},"cost":${costOnce(leg.cost)}}`;
    }
    out += ']}';
  }
  out += `,"error":${d.error === null ? 'null' : `{"code":${str(d.error.code)},"message":${str(d.error.message)}}`}`;
  out += ',"venueFailures":[';
  for (let i = 0; i < d.failures.length; i++) {
    const f = d.failures[i]!;
    if (i > 0) out += ',';
    out += `{"venue":${str(f.venue)},"reason":${str(f.reason)}}`;
  }
  out += `],"chainId":${num(chainId)},"sellAmount":${str(sellAmount)}}`;
  return out;
}
