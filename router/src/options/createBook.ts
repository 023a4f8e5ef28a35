import { HedgeRouterError } from '../errors/index.js';
import { requireFinite, requireNonNegative, requireOptionKind, requirePositive } from './assertInputs.js';
import type { OptionKind } from './priceOption.js';

/** One option line of a vault's book. */
export type OptionPosition = {
  kind: OptionKind;
  /** Strike, USD per unit of the underlying, > 0. */
  strike: number;
  /**
   * Expiry in years from the book's time origin: time to expiry when the book is valued at
   * `timeYears = 0` (the API), or the absolute expiry date on a backtest's clock.
   */
  expiry: number;
  /** Number of options, each on one unit of the underlying; negative for a short position. */
  quantity: number;
};

/**
 * A book compiled for hot loops: positions as parallel typed arrays (no objects to chase),
 * validated once. `lastExpiry` (years) is the latest expiry, the hedging horizon.
 */
export type OptionBook = {
  readonly positions: readonly OptionPosition[];
  readonly size: number;
  readonly isCall: Uint8Array;
  readonly strike: Float64Array;
  readonly expiry: Float64Array;
  readonly quantity: Float64Array;
  readonly lastExpiry: number;
};

export type CreateBookParameters = { positions: readonly OptionPosition[] };

/**
 * Validates a book of European options and compiles it into an `OptionBook`. Throws
 * INVALID_INPUT / NON_FINITE_INPUT naming the bad field (e.g. `positions[2].strike`).
 * An empty book is allowed (it has no Greeks; a hedge policy then unwinds the hedge).
 */
export function createBook({ positions }: CreateBookParameters): OptionBook {
  if (!Array.isArray(positions)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: 'must be an array of positions',
      field: 'positions',
    });
  }
  const size = positions.length;
  const isCall = new Uint8Array(size);
  const strike = new Float64Array(size);
  const expiry = new Float64Array(size);
  const quantity = new Float64Array(size);
  let lastExpiry = 0;
  const copies: OptionPosition[] = [];
  for (let i = 0; i < size; i++) {
    const p = positions[i]!;
    const field = `positions[${i}]`;
    const kind = requireOptionKind(p?.kind, `${field}.kind`);
    isCall[i] = kind === 'call' ? 1 : 0;
    strike[i] = requirePositive(p.strike, `${field}.strike`);
    expiry[i] = requireNonNegative(p.expiry, `${field}.expiry`);
    quantity[i] = requireFinite(p.quantity, `${field}.quantity`);
    lastExpiry = Math.max(lastExpiry, expiry[i]!);
    copies.push({ kind, strike: strike[i]!, expiry: expiry[i]!, quantity: quantity[i]! });
  }
  return { positions: Object.freeze(copies), size, isCall, strike, expiry, quantity, lastExpiry };
}
