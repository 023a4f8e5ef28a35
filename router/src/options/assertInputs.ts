import { HedgeRouterError } from '../errors/index.js';

// Input guards shared by the gamma engine: every public function checks its numbers once at
// the door, so the maths inside never sees NaN or ±Infinity and never has to return NaN.

/** Throws NON_FINITE_INPUT unless `value` is a finite number. */
export function requireFinite(value: number, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new HedgeRouterError('NON_FINITE_INPUT', {
      shortMessage: `must be a finite number, got ${String(value)}`,
      field,
      details: { value: String(value) },
    });
  }
  return value;
}

/** Throws NON_FINITE_INPUT / INVALID_INPUT unless `value` is finite and > 0. */
export function requirePositive(value: number, field: string): number {
  requireFinite(value, field);
  if (!(value > 0)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: `must be > 0, got ${value}`,
      field,
      details: { value },
    });
  }
  return value;
}

/** Throws NON_FINITE_INPUT / INVALID_INPUT unless `value` is finite and ≥ 0. */
export function requireNonNegative(value: number, field: string): number {
  requireFinite(value, field);
  if (!(value >= 0)) {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: `must be ≥ 0, got ${value}`,
      field,
      details: { value },
    });
  }
  return value;
}

/** Throws INVALID_INPUT unless `kind` is 'call' or 'put'. */
export function requireOptionKind(kind: unknown, field: string): 'call' | 'put' {
  if (kind !== 'call' && kind !== 'put') {
    throw new HedgeRouterError('INVALID_INPUT', {
      shortMessage: `must be 'call' or 'put', got ${JSON.stringify(kind)}`,
      field,
      details: { kind },
    });
  }
  return kind;
}
