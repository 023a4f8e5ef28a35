// The request mix of the quotes bench: what keepers send, not one body repeated. Each request
// draws a direction (sell WETH or sell USDC, the world's one pair), a size log-uniform from
// 0.05 to 300 WETH (or its USDC worth at $3,000) with every base-unit digit random, so no two
// requests ask the same amount, and, for a quarter of them each, a slippage limit or a risk
// aversion of their own. Seeded: a run sends the same sequence every time.

export type QuoteMixParameters = {
  chainId: number;
  weth: string;
  usd: string;
  seed: number;
};

/** mulberry32: a small seeded generator, uniform in [0, 1). */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const MIN_WETH = 0.05;
const MAX_WETH = 300;
const USD_PER_WETH = 3000;

/** A generator of JSON bodies for POST /v1/quotes, each (almost surely) different from every other. */
export function quoteMix(p: QuoteMixParameters): () => string {
  const next = uniform(p.seed);
  return () => {
    const weths = MIN_WETH * (MAX_WETH / MIN_WETH) ** next();
    const sellWeth = next() < 0.5;
    // Whole micro-WETH (or micro-USDC) from the draw, then random low digits: distinct amounts.
    const sellAmount = sellWeth
      ? BigInt(Math.floor(weths * 1e6)) * 10n ** 12n + BigInt(Math.floor(next() * 1e12))
      : BigInt(Math.floor(weths * USD_PER_WETH * 1e6));
    const body: Record<string, unknown> = {
      chainId: p.chainId,
      sellToken: sellWeth ? p.weth : p.usd,
      buyToken: sellWeth ? p.usd : p.weth,
      sellAmount: sellAmount.toString(),
    };
    if (next() < 0.25) body.maxSlippageBps = 25 + Math.floor(next() * 275);
    if (next() < 0.25) body.riskAversionPerUsd = 10 ** (-8 + 4 * next());
    return JSON.stringify(body);
  };
}
