/**
 * A GARCH(1,1) model of per-period returns u: σ²ₜ = ω + α u²ₜ₋₁ + β σ²ₜ₋₁, with ω > 0,
 * α, β ≥ 0, α + β < 1. Variances are per period (the returns' period).
 */
export type GarchModel = {
  omega: number;
  alpha: number;
  beta: number;
};
