import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AmmPool, swapExactIn } from '@hedge-router/router';
import { gasUnitsWithinBound } from './gasUnitsWithinBound.js';

const e18 = 10n ** 18n;
// Price 1 at tick 0: a full-range position and a ten-times deeper one on ticks [-50, 50] (±0.5%).
const full = 10n ** 23n;
const concentrated = 9n * 10n ** 23n;
const pool: AmmPool = {
  kind: 'uniswap-v3',
  state: {
    sqrtPriceX96: 2n ** 96n,
    tick: 0,
    liquidity: full + concentrated,
    fee: 500,
    tickSpacing: 10,
    ticks: [
      { index: -887270, liquidityNet: full },
      { index: -50, liquidityNet: concentrated },
      { index: 50, liquidityNet: -concentrated },
      { index: 887270, liquidityNet: -full },
    ],
  },
};
const gas = { baseGasUnits: 125_000n, gasUnitsPerTickCrossed: 20_000n };
const sellAmount = 500n * e18;
const unattacked = swapExactIn(pool, { zeroForOne: true, amountIn: sellAmount });

describe('gasUnitsWithinBound', () => {
  it('behavior: a bound loose enough for a front-run to push the swap over a position edge raises the gas to that path', () => {
    assert.equal(unattacked.ticksCrossed, 0, 'unattacked, the swap stays inside the deep range');
    const units = gasUnitsWithinBound({
      pool,
      zeroForOne: true,
      sellAmount,
      minBuyAmount: (unattacked.amountOut * 9_700n) / 10_000n, // 3% of room
      quoteGasUnits: gas.baseGasUnits,
      ...gas,
    });
    assert.ok(units >= gas.baseGasUnits + gas.gasUnitsPerTickCrossed, `${units}: at least one tick more`);
  });

  it('behavior: a tight bound leaves the quote gas as it is', () => {
    const units = gasUnitsWithinBound({
      pool,
      zeroForOne: true,
      sellAmount,
      minBuyAmount: (unattacked.amountOut * 9_998n) / 10_000n, // 2 bps of room
      quoteGasUnits: gas.baseGasUnits,
      ...gas,
    });
    assert.equal(units, gas.baseGasUnits);
  });

  it('behavior: never below the quote gas, and the quote gas when the swap cannot meet its minimum', () => {
    const quoteGasUnits = 1_000_000n;
    assert.equal(
      gasUnitsWithinBound({ pool, zeroForOne: true, sellAmount, minBuyAmount: 0n, quoteGasUnits, ...gas }),
      quoteGasUnits,
    );
    assert.equal(
      gasUnitsWithinBound({
        pool,
        zeroForOne: true,
        sellAmount,
        minBuyAmount: unattacked.amountOut + 1n,
        quoteGasUnits: gas.baseGasUnits,
        ...gas,
      }),
      gas.baseGasUnits,
    );
  });
});
