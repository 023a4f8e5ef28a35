// Types for the two untyped npm packages the options bench compares against.
declare module 'black-scholes' {
  export function blackScholes(
    s: number,
    k: number,
    t: number,
    v: number,
    r: number,
    callPut: 'call' | 'put',
  ): number;
  export function stdNormCDF(x: number): number;
}
declare module 'implied-volatility' {
  export function getImpliedVolatility(
    expectedCost: number,
    s: number,
    k: number,
    t: number,
    r: number,
    callPut: 'call' | 'put',
    estimate?: number,
  ): number;
}
