import { createRng } from '@hedge-router/router';
import type { MarketModel } from './marketModel.js';

export type HestonModelParameters = {
  seed: number;
  steps: number;
  dtYears: number;
  spot: number;
  /** Annualised drift of the spot. */
  drift: number;
  /** v_0, kappa (per year), theta (long-run variance), volOfVol, correlation. */
  initialVariance: number;
  kappa: number;
  theta: number;
  volOfVol: number;
  correlation: number;
  /** Euler sub-steps per hedging step (default 4): the scheme's bias shrinks with δt. */
  substeps?: number;
};

/**
 * Heston (1993) by the full-truncation Euler scheme (Lord, Koekkoek and van Dijk 2010): the
 * variance may go negative in the scheme but only v⁺ = max(v, 0) enters the drift and the
 * diffusion, which has the smallest bias of the simple Euler fixes. The log spot moves with
 * (μ − v⁺/2)δt + √(v⁺δt)·Z₁, the variance with κ(θ − v⁺)δt + ξ√(v⁺δt)·Z₂, corr(Z₁, Z₂) = ρ.
 */
export function hestonModel(p: HestonModelParameters): MarketModel {
  const substeps = p.substeps ?? 4;
  const h = p.dtYears / substeps;
  const sqrtH = Math.sqrt(h);
  const rho = p.correlation;
  const rhoBar = Math.sqrt(Math.max(0, 1 - rho * rho));
  return {
    kind: 'heston',
    maxPaths: Number.POSITIVE_INFINITY,
    fillPath(pathIndex, out, logOut) {
      const rng = createRng({ seed: p.seed, stream: pathIndex });
      let logSpot = Math.log(p.spot);
      let v = p.initialVariance;
      out[0] = p.spot;
      if (logOut) logOut[0] = logSpot;
      for (let i = 1; i <= p.steps; i++) {
        for (let k = 0; k < substeps; k++) {
          const z1 = rng.nextNormal();
          const z2 = rho * z1 + rhoBar * rng.nextNormal();
          const vPlus = v > 0 ? v : 0;
          const sqrtV = Math.sqrt(vPlus);
          logSpot += (p.drift - 0.5 * vPlus) * h + sqrtV * sqrtH * z1;
          v += p.kappa * (p.theta - vPlus) * h + p.volOfVol * sqrtV * sqrtH * z2;
        }
        out[i] = Math.exp(logSpot);
        if (logOut) logOut[i] = logSpot;
      }
    },
  };
}
