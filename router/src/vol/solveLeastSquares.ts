import { HedgeRouterError } from '../errors/index.js';

export type SolveLeastSquaresParameters = {
  /** Row-major design matrix, rows × columns. Not modified. */
  design: Float64Array;
  target: Float64Array;
  rows: number;
  columns: number;
};

/**
 * min ‖Xb − y‖² by Householder QR (Golub and Van Loan 5.3), stable where the normal equations
 * square the condition number. Returns the coefficients and R² (centred). FIT_FAILED if X is
 * rank-deficient to working precision.
 */
export function solveLeastSquares({ design, target, rows, columns }: SolveLeastSquaresParameters): {
  coefficients: Float64Array;
  rSquared: number;
} {
  const a = Float64Array.from(design);
  const y = Float64Array.from(target);
  const at = (i: number, j: number) => i * columns + j;
  for (let k = 0; k < columns; k++) {
    let norm = 0;
    for (let i = k; i < rows; i++) norm += a[at(i, k)]! ** 2;
    norm = Math.sqrt(norm);
    if (!(norm > 0))
      throw new HedgeRouterError('FIT_FAILED', { shortMessage: 'the regressors are linearly dependent' });
    const alpha = a[at(k, k)]! > 0 ? -norm : norm;
    // v = x − αe₁, stored in place below the diagonal; R_kk = α.
    a[at(k, k)]! -= alpha;
    let vNormSq = 0;
    for (let i = k; i < rows; i++) vNormSq += a[at(i, k)]! ** 2;
    const apply = (get: (i: number) => number, set: (i: number, v: number) => void) => {
      let dot = 0;
      for (let i = k; i < rows; i++) dot += a[at(i, k)]! * get(i);
      const f = (2 * dot) / vNormSq;
      for (let i = k; i < rows; i++) set(i, get(i) - f * a[at(i, k)]!);
    };
    for (let j = k + 1; j < columns; j++)
      apply(
        (i) => a[at(i, j)]!,
        (i, v) => {
          a[at(i, j)] = v;
        },
      );
    apply(
      (i) => y[i]!,
      (i, v) => {
        y[i] = v;
      },
    );
    a[at(k, k)] = alpha;
  }
  const coefficients = new Float64Array(columns);
  for (let k = columns - 1; k >= 0; k--) {
    let s = y[k]!;
    for (let j = k + 1; j < columns; j++) s -= a[at(k, j)]! * coefficients[j]!;
    const diag = a[at(k, k)]!;
    if (Math.abs(diag) <= 1e-13 * Math.abs(a[0]!)) {
      throw new HedgeRouterError('FIT_FAILED', { shortMessage: 'the regressors are linearly dependent' });
    }
    coefficients[k] = s / diag;
  }
  let mean = 0;
  for (let i = 0; i < rows; i++) mean += target[i]!;
  mean /= rows;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < rows; i++) {
    let fitted = 0;
    for (let j = 0; j < columns; j++) fitted += design[at(i, j)]! * coefficients[j]!;
    residual += (target[i]! - fitted) ** 2;
    total += (target[i]! - mean) ** 2;
  }
  return { coefficients, rSquared: total > 0 ? 1 - residual / total : 1 };
}
