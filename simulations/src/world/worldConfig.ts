/**
 * What the local world contains: its chains, their WETH/USD pools and how deep each is, and
 * what each named account is funded with. Depth is given in USD of position value, placed in
 * several concentrated ranges around the price so that impact grows with size as on a real
 * pool (deep near the price, thin further out).
 */

export type PositionSpec = {
  /** Half-width of the range around the start price, in percent; 'full' for the full range. */
  widthPct: number | 'full';
  /** Value of the position at the start price, in USD. */
  valueUsd: number;
};

export type PoolSpec = {
  label: string;
  /** Fee tier in hundredths of a bip (500 = 0.05%). */
  fee: 500 | 3000 | 10_000;
  positions: PositionSpec[];
};

export type Funding = { weth: number; usd: number };

export type ChainSpec = {
  name: 'main' | 'remote';
  chainId: number;
  pools: PoolSpec[];
  /** Deploy CoW Protocol's GPv2Settlement and allow-list here. */
  cow: boolean;
  /** WETH and USD (whole tokens) given to named accounts at boot. */
  funding: Partial<Record<'vault' | 'vault2' | 'searcher' | 'arbitrageur' | 'relayer' | 'solver', Funding>>;
};

export type WorldConfig = {
  /** Start price of WETH in USD, on every chain. */
  wethPriceUsd: number;
  chains: ChainSpec[];
};

export const MAIN_CHAIN_ID = 31337;
export const REMOTE_CHAIN_ID = 31338;

export const DEFAULT_WORLD_CONFIG: WorldConfig = {
  wethPriceUsd: 3000,
  chains: [
    {
      name: 'main',
      chainId: MAIN_CHAIN_ID,
      cow: true,
      pools: [
        {
          // About as deep as a large real WETH/USDC pool: ~$20M of liquidity near the price.
          label: 'WETH/USDC 0.05%',
          fee: 500,
          positions: [
            { widthPct: 1, valueUsd: 8_000_000 },
            { widthPct: 5, valueUsd: 6_000_000 },
            { widthPct: 20, valueUsd: 4_000_000 },
            { widthPct: 'full', valueUsd: 2_000_000 },
          ],
        },
        {
          label: 'WETH/USDC 0.30%',
          fee: 3000,
          positions: [
            { widthPct: 2, valueUsd: 800_000 },
            { widthPct: 10, valueUsd: 700_000 },
            { widthPct: 'full', valueUsd: 500_000 },
          ],
        },
      ],
      funding: {
        vault: { weth: 1_000, usd: 3_000_000 },
        vault2: { weth: 1_000, usd: 3_000_000 },
        searcher: { weth: 5_000, usd: 15_000_000 },
        arbitrageur: { weth: 10_000, usd: 30_000_000 },
        relayer: { weth: 5_000, usd: 15_000_000 },
        solver: { weth: 100, usd: 300_000 },
      },
    },
    {
      // The cross-chain venue's destination: a deeper pool than the main chain's.
      name: 'remote',
      chainId: REMOTE_CHAIN_ID,
      cow: false,
      pools: [
        {
          label: 'WETH/USDC 0.05% (remote)',
          fee: 500,
          positions: [
            { widthPct: 1, valueUsd: 24_000_000 },
            { widthPct: 5, valueUsd: 20_000_000 },
            { widthPct: 20, valueUsd: 10_000_000 },
            { widthPct: 'full', valueUsd: 6_000_000 },
          ],
        },
      ],
      funding: {
        relayer: { weth: 5_000, usd: 15_000_000 },
        arbitrageur: { weth: 10_000, usd: 30_000_000 },
      },
    },
  ],
};
