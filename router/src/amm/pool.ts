import type { V2PoolState } from './v2/types.js';
import type { V3PoolState } from './v3/types.js';

/** A pool the router can simulate exactly: a Uniswap V3 pool or a constant-product (V2) pair. */
export type AmmPool =
  | { readonly kind: 'uniswap-v3'; readonly state: V3PoolState }
  | { readonly kind: 'uniswap-v2'; readonly state: V2PoolState };

/** One exact-input swap on an AmmPool, with the state it leaves behind. */
export type AmmSwap = {
  /** Input taken, fee included (base units of the token sold); less than asked only if the pool ran out of range. */
  amountIn: bigint;
  /** Output paid (base units of the token bought). */
  amountOut: bigint;
  /** LP fee in base units of the token sold. */
  feeAmount: bigint;
  /** The pool after the swap. */
  poolAfter: AmmPool;
  /** Initialized V3 ticks crossed (0 for V2): each costs gas. */
  ticksCrossed: number;
};
