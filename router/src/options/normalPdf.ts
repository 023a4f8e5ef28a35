/** 1/√(2π), the standard normal density's peak: the one copy for every density written inline. */
export const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327;

/** The standard normal density n(x) = e^(−x²/2)/√(2π). */
export function normalPdf(x: number): number {
  return ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * x * x);
}
