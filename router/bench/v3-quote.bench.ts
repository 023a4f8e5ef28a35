// Exact V3 exact-input quotes against @uniswap/v3-sdk on the same pool with many initialized
// ticks: every one of 10,000 random swaps must agree to the wei (output, price, tick and
// liquidity after), then both are timed side by side in the same run.

import { report } from '@hedge-router/tools/bench-harness';
import { CurrencyAmount, Token } from '@uniswap/sdk-core';
import { Pool, Tick, TickListDataProvider } from '@uniswap/v3-sdk';
import { quoteV3ExactIn } from '../src/amm/v3/quoteV3ExactIn.js';
import { quoteV3ExactOut } from '../src/amm/v3/quoteV3ExactOut.js';
import { enableV3SwapPath } from '../src/amm/v3/v3SwapPath.js';
import { makeRandomV3Pool, mulberry32 } from '../test-support/makeRandomV3Pool.js';

const SWAPS = 10_000;

export default async function v3QuoteBench(): Promise<void> {
  // USDC (6 decimals) / WETH (18): token0 = USDC, price ≈ 2,000 USDC per WETH near tick 200,000.
  const pool = makeRandomV3Pool({
    seed: 7,
    positions: 400,
    fee: 3000,
    tickSpacing: 60,
    centerTick: 200_340,
    widthTicks: 12_000,
    maxLiquidity: 2n * 10n ** 16n,
    fullRangeLiquidity: 10n ** 15n,
  });
  const usdc = new Token(1, '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', 6, 'USDC');
  const weth = new Token(1, '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', 18, 'WETH');
  const ticks = pool.ticks.map(
    (t) =>
      new Tick({
        index: t.index,
        liquidityGross: abs(t.liquidityNet).toString(),
        liquidityNet: t.liquidityNet.toString(),
      }),
  );
  const provider = new TickListDataProvider(ticks, pool.tickSpacing);
  const sdkPool = new Pool(
    usdc,
    weth,
    pool.fee,
    pool.sqrtPriceX96.toString(),
    pool.liquidity.toString(),
    pool.tick,
    provider,
  );

  const random = mulberry32(42);
  const swaps = Array.from({ length: SWAPS }, () => {
    const zeroForOne = random() < 0.5;
    // log-uniform sizes from dust to trades that cross many ticks (up to ~8M USDC / ~4,000 WETH)
    const magnitude = zeroForOne ? 10 ** (2 + random() * 10.9) : 10 ** (12 + random() * 9.6);
    return { zeroForOne, amountIn: BigInt(Math.floor(magnitude)) + 1n };
  });

  // 1. identical outputs on every swap, exact input (and exact output on the same amounts)
  let mismatches = 0;
  let maxTicksCrossed = 0;
  let totalTicksCrossed = 0;
  for (const { zeroForOne, amountIn } of swaps) {
    const ours = quoteV3ExactIn(pool, { zeroForOne, amountIn });
    const [out, after] = await sdkPool.getOutputAmount(
      CurrencyAmount.fromRawAmount(zeroForOne ? usdc : weth, amountIn.toString()),
    );
    maxTicksCrossed = Math.max(maxTicksCrossed, ours.initializedTicksCrossed);
    totalTicksCrossed += ours.initializedTicksCrossed;
    if (
      ours.amountOut.toString() !== out.quotient.toString() ||
      ours.sqrtPriceX96After.toString() !== after.sqrtRatioX96.toString() ||
      ours.tickAfter !== after.tickCurrent ||
      ours.liquidityAfter.toString() !== after.liquidity.toString()
    ) {
      mismatches++;
      if (mismatches <= 3)
        console.error('MISMATCH exact in', {
          zeroForOne,
          amountIn,
          ours: ours.amountOut,
          sdk: out.quotient.toString(),
        });
    }
    if (ours.amountOut > 0n) {
      const oursOut = quoteV3ExactOut(pool, { zeroForOne, amountOut: ours.amountOut });
      const [sdkIn] = await sdkPool.getInputAmount(
        CurrencyAmount.fromRawAmount(zeroForOne ? weth : usdc, ours.amountOut.toString()),
      );
      if (oursOut.amountIn.toString() !== sdkIn.quotient.toString()) {
        mismatches++;
        if (mismatches <= 3)
          console.error('MISMATCH exact out', {
            zeroForOne,
            amountOut: ours.amountOut,
            ours: oursOut.amountIn,
            sdk: sdkIn.quotient.toString(),
          });
      }
    }
  }
  if (mismatches > 0) throw new Error(`v3-quote: ${mismatches} swaps differ from @uniswap/v3-sdk`);

  // 1b. The same state with a step table (a pool quoted many times within a block): its own
  //     ticks array, so the table serves it and not `pool`. Every quote must equal the plain one.
  const tabled = { ...pool, ticks: [...pool.ticks] };
  enableV3SwapPath(tabled);
  for (const { zeroForOne, amountIn } of swaps) {
    const plain = quoteV3ExactIn(pool, { zeroForOne, amountIn });
    const fast = quoteV3ExactIn(tabled, { zeroForOne, amountIn });
    if (
      fast.amountOut !== plain.amountOut ||
      fast.amountIn !== plain.amountIn ||
      fast.feeAmount !== plain.feeAmount ||
      fast.sqrtPriceX96After !== plain.sqrtPriceX96After ||
      fast.tickAfter !== plain.tickAfter ||
      fast.liquidityAfter !== plain.liquidityAfter ||
      fast.initializedTicksCrossed !== plain.initializedTicksCrossed
    ) {
      throw new Error(`v3-quote: the step table changed the quote of ${amountIn} (zeroForOne ${zeroForOne})`);
    }
  }

  // 2. speed, side by side on the same 10,000 swaps (alternating rounds, best of each)
  const timeOurs = (state = pool) => {
    const t0 = performance.now();
    for (const { zeroForOne, amountIn } of swaps) quoteV3ExactIn(state, { zeroForOne, amountIn });
    return performance.now() - t0;
  };
  const timeSdk = async () => {
    const t0 = performance.now();
    for (const { zeroForOne, amountIn } of swaps) {
      await sdkPool.getOutputAmount(
        CurrencyAmount.fromRawAmount(zeroForOne ? usdc : weth, amountIn.toString()),
      );
    }
    return performance.now() - t0;
  };
  let ours = Number.POSITIVE_INFINITY;
  let oursTabled = Number.POSITIVE_INFINITY;
  let sdk = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    ours = Math.min(ours, timeOurs());
    oursTabled = Math.min(oursTabled, timeOurs(tabled));
    sdk = Math.min(sdk, await timeSdk());
  }
  const pool_ = {
    initializedTicks: pool.ticks.length,
    avgTicksCrossed: round2(totalTicksCrossed / SWAPS),
    maxTicksCrossed,
  };
  report('v3-quote', [
    {
      implementation: '@hedge-router/router quoteV3ExactIn (bigint)',
      swaps: SWAPS,
      identicalToSdk: true,
      usPerQuote: round2((ours * 1000) / SWAPS),
      quotesPerSecond: Math.round(SWAPS / (ours / 1000)),
      speedup: round2(sdk / ours),
      ...pool_,
    },
    {
      implementation: '@hedge-router/router quoteV3ExactIn, state with a step table',
      swaps: SWAPS,
      identicalToSdk: true,
      usPerQuote: round2((oursTabled * 1000) / SWAPS),
      quotesPerSecond: Math.round(SWAPS / (oursTabled / 1000)),
      speedup: round2(sdk / oursTabled),
      ...pool_,
    },
    {
      implementation: '@uniswap/v3-sdk Pool.getOutputAmount (JSBI, TickListDataProvider)',
      swaps: SWAPS,
      identicalToSdk: true,
      usPerQuote: round2((sdk * 1000) / SWAPS),
      quotesPerSecond: Math.round(SWAPS / (sdk / 1000)),
      speedup: 1,
      ...pool_,
    },
  ]);
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
