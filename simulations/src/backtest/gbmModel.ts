import { createRng } from '@hedge-router/router';
import type { MarketModel } from './marketModel.js';

export type GbmModelParameters = {
  seed: number;
  steps: number;
  dtYears: number;
  /** Spot at t = 0, USD. */
  spot: number;
  /** Annualised drift. */
  drift: number;
  /** Annualised vol. */
  vol: number;
};

/** Geometric Brownian motion, exact in distribution: S ← S·exp((μ − σ²/2)δt + σ√δt·Z). */
export function gbmModel(p: GbmModelParameters): MarketModel {
  const driftStep = (p.drift - 0.5 * p.vol * p.vol) * p.dtYears;
  const diffusion = p.vol * Math.sqrt(p.dtYears);
  return {
    kind: 'gbm',
    maxPaths: Number.POSITIVE_INFINITY,
    fillPath(pathIndex, out) {
      const rng = createRng({ seed: p.seed, stream: pathIndex });
      let spot = p.spot;
      out[0] = spot;
      for (let i = 1; i <= p.steps; i++) {
        spot *= Math.exp(driftStep + diffusion * rng.nextNormal());
        out[i] = spot;
      }
    },
  };
}
